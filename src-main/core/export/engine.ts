/**
 * The export engine (ZIP, age, the manifest's schemas) loaded when first used rather than when the
 * app starts: every command and every start of a shell paid some 35 ms of module initialisation
 * for it, and most never export. In the one-file bundle the import stays in the file and only its
 * initialisation waits.
 */
export const exportEngine = (): Promise<typeof import('./index')> => import('./index');
