import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ExportRunResult, Programme, Unit } from '../ipc/contract';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp, line, parseNumber } from './common';

export const help = `Användning / Usage: komet export [--db SÖKVÄG] (--recipient AGE1… [--recipient …] | --passphrase-env VAR)
         --out FIL [--from DATUM] [--to DATUM] [--programme KOD]… [--unit NAMN]…

Skapar en pseudonymiserad, krypterad FoU-export (.age) av grupperna vars startdatum ligger i
perioden, med alla deras träffar, deltagare (endast med samtycke) och närvaro.
Creates a pseudonymised, encrypted evaluation export (.age) of the groups whose start date lies in
the period, with all their sessions, participants (consenting only) and attendance.

${dbOptionHelp}
  --recipient AGE1…    mottagarens publika age-nyckel; kan upprepas / recipient's public age key; repeatable
  --passphrase-env VAR lösenfrasen (minst 12 tecken) läses från miljövariabeln VAR
                       the passphrase (at least 12 characters) is read from environment variable VAR
  --out FIL            filen som skapas; skrivs aldrig över / the file to create; never overwritten
  --from DATUM         grupper som startar detta datum eller senare / groups starting on or after (ÅÅÅÅ-MM-DD)
  --to DATUM           grupper som startar detta datum eller tidigare / groups starting on or before
  --programme KOD      endast dessa program (kortnamn); kan upprepas / only these programmes (code); repeatable
  --unit NAMN          endast dessa enheter; kan upprepas / only these units; repeatable
  --period P           month (standard), week eller quarter / month (default), week or quarter
  --age-bands          barnets ålder i åldersgrupper / child's age in bands
  --drop-unit          utelämna enheten i deltagarfilen / leave the unit out of the row-level files
  --k N                tröskel för röjandekontrollen (standard 5) / disclosure check threshold (default 5)
${helpOptionHelp}`;

const fail = (sv: string, en: string) => new CliFailure({ sv, en }, 2);

function byLabel<T extends { id: string }>(wanted: string[], items: T[], label: (t: T) => string, what: { sv: string; en: string }): string[] {
  return wanted.map((w) => {
    const hit = items.find((i) => label(i).toLocaleLowerCase('sv') === w.trim().toLocaleLowerCase('sv'));
    if (!hit) throw fail(`${what.sv} "${w}" finns inte`, `${what.en} "${w}" does not exist`);
    return hit.id;
  });
}

export function summary(r: ExportRunResult): string {
  const rows = r.rowCounts.map((c) => `  ${c.file.padEnd(18)}${String(c.rows).padStart(10)}`).join('\n');
  const to = r.passphrase ? 'lösenfras / passphrase' : r.fingerprints.join(', ');
  const k = r.disclosure.current.reachesK
    ? `Röjandekontroll: minsta grupp ${r.disclosure.current.smallestClass ?? 0} ≥ k=${r.disclosure.k} / Disclosure check passed`
    : `VARNING: ${r.disclosure.current.rowsBelowK} deltagarrader i grupper mindre än k=${r.disclosure.k}; prova --age-bands, --period quarter eller --drop-unit / WARNING: ${r.disclosure.current.rowsBelowK} participant rows in classes below k=${r.disclosure.k}`;
  return `${r.file} (${r.bytes} byte)\nKrypterad till / Encrypted to: ${to}\nNyckel-id / Key id: ${r.keyId}\n${rows}\n${k}`;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...baseOptions,
      recipient: { type: 'string', multiple: true, default: [] },
      'passphrase-env': { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      programme: { type: 'string', multiple: true, default: [] },
      unit: { type: 'string', multiple: true, default: [] },
      period: { type: 'string', default: 'month' },
      'age-bands': { type: 'boolean', default: false },
      'drop-unit': { type: 'boolean', default: false },
      k: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (!values.out) throw fail('--out saknas', '--out is missing');
  if (values.recipient.length === 0 && !values['passphrase-env']) throw fail('ange --recipient eller --passphrase-env', 'give --recipient or --passphrase-env');
  if (values.recipient.length > 0 && values['passphrase-env']) throw fail('ange --recipient eller --passphrase-env, inte båda', 'give --recipient or --passphrase-env, not both');
  let passphrase: string | undefined;
  if (values['passphrase-env']) {
    passphrase = process.env[values['passphrase-env']];
    if (!passphrase) throw fail(`miljövariabeln ${values['passphrase-env']} är inte satt`, `environment variable ${values['passphrase-env']} is not set`);
  }
  if (!['month', 'week', 'quarter'].includes(values.period)) throw fail('--period: month, week eller quarter', '--period: month, week or quarter');
  const k = parseNumber('k', values.k, 5, (n) => Number.isInteger(n) && n >= 2 && n <= 50, { sv: 'ett heltal 2–50', en: 'a whole number 2–50' });

  const { withApp, unwrap } = await import('./app');
  const result = await withApp(databasePathFrom(values.db), async (app) => {
    const programmes = unwrap<Programme[]>(await app.call('programmes.list', { includeArchived: true }));
    const units = unwrap<Unit[]>(await app.call('units.list', { includeArchived: true }));
    const input = {
      scope: {
        from: values.from ?? null,
        to: values.to ?? null,
        programmeIds: byLabel(values.programme, programmes, (p) => p.code, { sv: 'Programmet', en: 'Programme' }),
        unitIds: byLabel(values.unit, units, (u) => u.name, { sv: 'Enheten', en: 'Unit' }),
      },
      coarsening: { period: values.period, ageBands: values['age-bands'], dropUnit: values['drop-unit'] },
      k,
      ...(passphrase === undefined ? { recipientKeys: values.recipient } : { passphrase }),
      outPath: path.resolve(values.out!),
    };
    return unwrap<ExportRunResult>(await app.call('export.run', input));
  });
  console.log(summary(result));
  console.error(line({ sv: 'Exporten är klar.', en: 'The export is done.' }));
  return 0;
}
