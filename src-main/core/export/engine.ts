/**
 * The export engine (ZIP, age, the manifest's schemas) loaded when first used rather than when the
 * app starts: every command and every start of a shell paid some 35 ms of module initialisation
 * for it, and most never export. The CLI's and the browser shell's bundles keep it in their one
 * file (only its initialisation waits); Electron's build puts it in a chunk of its own.
 */
export const exportEngine = (): Promise<typeof import('./index')> => import('./index');
