import { parseArgs } from 'node:util';
import { openDatabase } from '../core/db/open';
import { checkIntegrity } from '../core/repos/maintenance-repo';
import { isPlaintextDatabase } from '../core/vault';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp, line } from './common';

export const help = `Användning / Usage: komet check [--db SÖKVÄG]

Visar om databasen är krypterad och kontrollerar dess integritet (SQLite integrity_check och
foreign_key_check) utan att ändra något. Skriver ut krypteringen och sedan "ok" eller problemen;
avslutar med kod 1 om något är fel. En krypterad databas öppnas med KOMET_PASSPHRASE; en
säkerhetskopia med sin egen nyckelfil (FIL.keys.json) bredvid sig.
Shows whether the database is encrypted and checks its integrity (SQLite integrity_check and
foreign_key_check) without changing anything. Prints the encryption, then "ok" or the problems;
exits with code 1 when something is wrong. An encrypted database opens with KOMET_PASSPHRASE; a
backup with its own key file (FILE.keys.json) beside it.

${dbOptionHelp}
${helpOptionHelp}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: baseOptions, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const databasePath = databasePathFrom(values.db);
  const { resolveDatabase } = await import('./app');
  // Also refuses (and never creates) a database missing beside its key file.
  const resolved = await resolveDatabase(databasePath);
  const encrypted = Boolean(resolved.key);
  // Never trust the key file alone: the bytes on disk must not start with SQLite's clear header.
  const clear = isPlaintextDatabase(databasePath);
  console.log(
    encrypted
      ? line({ sv: 'kryptering: krypterad (ChaCha20), nyckelfil ok', en: 'encryption: encrypted (ChaCha20), key file ok' })
      : line({ sv: 'kryptering: okrypterad', en: 'encryption: unencrypted' }),
  );
  // Read-only, and without migrating: a check must not change the file it inspects.
  let report;
  try {
    const db = openDatabase(databasePath, { readOnly: true, ...(resolved.key ? { key: resolved.key } : {}) });
    try {
      report = checkIntegrity(db);
    } finally {
      db.close();
    }
  } finally {
    resolved.key?.fill(0);
  }
  if (!report.kometSchema) {
    throw new CliFailure({
      sv: 'Filen är en SQLite-databas men ingen Komet-databas.',
      en: 'The file is a SQLite database but not a Komet database.',
    });
  }
  const problems = [
    ...(encrypted && clear ? ['encryption: key file present but the database file is in clear text'] : []),
    ...report.integrity,
    ...report.foreignKeys.map((f) => `foreign key: ${f.table} rad/row ${f.rowid ?? '?'} → ${f.parent}`),
  ];
  if (problems.length === 0) {
    console.log('ok');
    return 0;
  }
  for (const p of problems) console.log(p);
  console.error(`komet: Databasen har ${problems.length} problem. / The database has ${problems.length} problem(s).`);
  return 1;
}
