import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../core/db/open';
import { checkIntegrity } from '../core/repos/maintenance-repo';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp } from './common';

export const help = `Användning / Usage: komet check [--db SÖKVÄG]

Kontrollerar databasens integritet (SQLite integrity_check och foreign_key_check) utan att ändra
något. Skriver ut "ok" eller problemen; avslutar med kod 1 om något är fel.
Checks the database's integrity (SQLite integrity_check and foreign_key_check) without changing
anything. Prints "ok" or the problems; exits with code 1 when something is wrong.

${dbOptionHelp}
${helpOptionHelp}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: baseOptions, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const databasePath = databasePathFrom(values.db);
  if (!fs.existsSync(databasePath)) {
    throw new CliFailure({ sv: `Databasen finns inte: ${databasePath}`, en: `The database does not exist: ${databasePath}` });
  }
  // Read-only, and without migrating: a check must not change the file it inspects.
  const db = openDatabase(databasePath, { readOnly: true });
  let report;
  try {
    report = checkIntegrity(db);
  } finally {
    db.close();
  }
  if (!report.kometSchema) {
    throw new CliFailure({
      sv: 'Filen är en SQLite-databas men ingen Komet-databas.',
      en: 'The file is a SQLite database but not a Komet database.',
    });
  }
  const problems = [
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
