import path from 'node:path';
import { parseArgs } from 'node:util';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp, line } from './common';

export const help = `Användning / Usage: komet restore --from FIL [--db SÖKVÄG]

Ersätter databasen med en säkerhetskopia. Kopian kontrolleras först (en Komet-databas, hel, inte
från en nyare Komet); sedan sparas den nuvarande databasen som en kopia "before-restore" i
backups/ innan den byts ut. Stäng Komet först: medan ett annat Komet-program använder databasen
(appen, komet serve …) vägras återställningen, med programmets namn. Lösenfrasen i KOMET_PASSPHRASE öppnar kopian med
dess egen nyckelfil (FIL.keys.json). I en tom mapp (en ny dator, eller efter att databasen och
nyckelfilen gått förlorade) blir kopians nyckelfil installationens, med lösenfrasen som gällde när
kopian gjordes.
Replaces the database with a backup. The backup is checked first (a Komet database, sound, not
from a newer Komet); then the current database is saved as a "before-restore" copy in backups/
before it is replaced. Close Komet first: while another Komet program uses the database (the app,
komet serve, …) the restore is refused, naming it. The passphrase in KOMET_PASSPHRASE opens the backup with
its own key file (FILE.keys.json). In an empty folder (a new computer, or after the database and
key file were lost) the backup's key file becomes the installation's, with the passphrase that was
current when the backup was made.

  --from FIL      säkerhetskopian att återställa / the backup to restore
${dbOptionHelp}
${helpOptionHelp}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...baseOptions, from: { type: 'string' } }, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (!values.from) throw new CliFailure({ sv: 'Ange säkerhetskopian med --from FIL.', en: 'Give the backup with --from FILE.' }, 2);
  const [{ restoreInto }, { acquireWriteLock }] = await Promise.all([import('./restore-into'), import('../core/db/write-lock')]);
  const databasePath = databasePathFrom(values.db);
  // A running app would go on writing to the replaced file and lose everything after this.
  const release = acquireWriteLock(databasePath);
  let result;
  try {
    result = await restoreInto(databasePath, path.resolve(values.from));
  } finally {
    release();
  }
  const rows = Object.values(result.counts).reduce((n, c) => n + c, 0);
  console.log(databasePath);
  console.log(
    line({
      sv: `Återställd: ${rows} rader i ${Object.keys(result.counts).length} tabeller.${result.beforeRestore ? ` Den tidigare databasen sparades som ${result.beforeRestore.name}.` : ''}`,
      en: `Restored: ${rows} rows in ${Object.keys(result.counts).length} tables.${result.beforeRestore ? ` The previous database was saved as ${result.beforeRestore.name}.` : ''}`,
    }),
  );
  return 0;
}
