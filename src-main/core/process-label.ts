/**
 * How other Komet processes name this one when it holds something they need (the database's write
 * lock): the CLI command (`komet serve`), or the app. A program name only, never a person's.
 */
let label: string | undefined;

export function setProcessLabel(name: string): void {
  label = name;
}

export const processLabel = (): string => label ?? (process.versions.electron ? 'Komet (Electron)' : 'Komet');
