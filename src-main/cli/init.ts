import { parseArgs } from 'node:util';
import { baseOptions, databasePathFrom, dbOptionHelp, helpOptionHelp } from './common';

export const help = `Användning / Usage: komet init [--db SÖKVÄG]

Skapar databasen, eller uppdaterar den till den här versionens schema, och skriver ut sökvägen.
Creates the database, or migrates it to this version's schema, and prints its path.

${dbOptionHelp}
${helpOptionHelp}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: baseOptions, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  // Loaded after --help so help stays instant.
  const { withApp } = await import('./app');
  const databasePath = databasePathFrom(values.db);
  await withApp(databasePath, () => undefined);
  console.log(databasePath);
  return 0;
}
