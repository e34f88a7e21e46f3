import path from 'node:path';
import { parseArgs } from 'node:util';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp, line } from './common';

export const help = `Användning / Usage: komet restore --from FIL [--db SÖKVÄG]

Ersätter databasen med en säkerhetskopia. Kopian kontrolleras först (samma nyckel, en Komet-
databas, hel, inte från en nyare Komet); sedan sparas den nuvarande databasen som en kopia
"before-restore" i backups/ innan den byts ut. Stäng Komet först: medan ett annat Komet-program
använder databasen (appen, komet serve …) vägras återställningen, med programmets namn.
Replaces the database with a backup. The backup is checked first (same key, a Komet database,
sound, not from a newer Komet); then the current database is saved as a "before-restore" copy in
backups/ before it is replaced. Close Komet first: while another Komet program uses the database
(the app, komet serve, …) the restore is refused, naming it.

  --from FIL      säkerhetskopian att återställa / the backup to restore
${dbOptionHelp}
${helpOptionHelp}

En krypterad databas öppnas med KOMET_PASSPHRASE. / An encrypted database opens with KOMET_PASSPHRASE.`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...baseOptions, from: { type: 'string' } }, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (!values.from) throw new CliFailure({ sv: 'Ange säkerhetskopian med --from FIL.', en: 'Give the backup with --from FILE.' }, 2);
  const [{ resolveDatabase }, { restoreBackup }, { acquireWriteLock }] = await Promise.all([
    import('./app'),
    import('../core/backup'),
    import('../core/db/write-lock'),
  ]);
  const databasePath = databasePathFrom(values.db);
  // Restoring onto nothing is allowed (a new computer), but only next to a key file or plainly.
  const db = await resolveDatabase(databasePath, { createPlain: true });
  let result;
  try {
    // A running app would go on writing to the replaced file and lose everything after this.
    const release = acquireWriteLock(databasePath);
    try {
      result = restoreBackup(path.resolve(values.from), { dataDir: db.dataDir, databasePath, key: db.key });
    } finally {
      release();
    }
  } finally {
    db.key?.fill(0);
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
