import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ExportRunResult, Programme, Unit } from '../contract';
import { EXPORT_PERIODS } from '../contract/enums';
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
  --period P           minsta periodsteg: week, month (standard), quarter, half eller year
                       the least period step: week, month (default), quarter, half or year
  --age-bands          barnets ålder minst i åldersgrupper / child's age at least in bands
  --drop-unit          utelämna enheten / leave the unit out
  --k N                varje deltagarrad delar sina kännetecken med minst k − 1 andra (standard 5)
                       every participant row shares its characteristics with at least k − 1 others (default 5)
  --allow-below-k      exportera under k: inga steg utöver de valda, inga värden dolda; kräver --reason
                       export below k: no steps beyond those chosen, no values hidden; needs --reason
  --reason TEXT        skriven motivering (minst 10 tecken) till exportloggen och manifestet
                       written reason (at least 10 characters) for the export log and the manifest
  --excel-csv          även en kopia av varje CSV för svenska Excel (semikolon, UTF-8 med BOM)
                       also a copy of each CSV for Swedish Excel (semicolons, UTF-8 with a BOM)

Utan --allow-below-k generaliserar exporten period, ålder och enhet och döljer enstaka värden
(*) tills k nås; en export där ingen deltagarrad kan nå k vägras.
Without --allow-below-k the export generalises period, age and unit and hides single values (*)
until k is reached; an export where no participant row can reach k is refused.
${helpOptionHelp}`;

const fail = (sv: string, en: string) => new CliFailure({ sv, en }, 2);

function byLabel<T extends { id: string }>(wanted: string[], items: T[], label: (t: T) => string, what: { sv: string; en: string }): string[] {
  return wanted.map((w) => {
    const hit = items.find((i) => label(i).toLocaleLowerCase('sv') === w.trim().toLocaleLowerCase('sv'));
    if (!hit) throw fail(`${what.sv} "${w}" finns inte`, `${what.en} "${w}" does not exist`);
    return hit.id;
  });
}

const PERIOD_WORDS = { week: 'vecka / week', month: 'månad / month', quarter: 'kvartal / quarter', half: 'halvår / half-year', year: 'år / year' };
const AGE_WORDS = { exact: 'år / years', band: 'åldersgrupp / band', dropped: 'utelämnad / left out' };
const UNIT_WORDS = { unit: 'enhet / unit', area: 'område / area', dropped: 'utelämnad / left out' };

/** What the disclosure control did, in the words of the wizard. */
export function disclosureSummary(d: ExportRunResult['disclosure']): string {
  const g = d.generalisation;
  const detail = `Period: ${PERIOD_WORDS[g.period]}; ålder / age: ${AGE_WORDS[g.childAge]}; enhet / unit: ${UNIT_WORDS[g.unit]}`;
  if (!d.enforced) {
    return `UNDER k / BELOW k: minsta grupp / smallest class ${d.reached ?? 0} (k = ${d.k}); inget dolt, motiveringen står i exportloggen och manifestet / nothing hidden, the reason is in the export log and the manifest. ${detail}`;
  }
  const hidden = d.hidden.childAge + d.hidden.childGender + d.hidden.relation;
  return [
    `Röjandeskydd / disclosure control: k = ${d.k} nått / reached (minsta grupp / smallest class ${d.reached ?? '–'}). ${detail}`,
    `Dolda värden (*) / hidden values (*): ${hidden} (ålder / age ${d.hidden.childAge}, kön / gender ${d.hidden.childGender}, relation ${d.hidden.relation}) i / in ${d.rowsWithHiddenValues} rader / rows; utelämnade rader / rows left out: ${d.rowsWithheld}`,
  ].join('\n');
}

export function summary(r: ExportRunResult): string {
  const rows = r.rowCounts.map((c) => `  ${c.file.padEnd(18)}${String(c.rows).padStart(10)}`).join('\n');
  const to = r.passphrase ? 'lösenfras / passphrase' : r.fingerprints.join(', ');
  return `${r.file} (${r.bytes} byte)\nKrypterad till / Encrypted to: ${to}\nNyckel-id / Key id: ${r.keyId}\n${rows}\n${disclosureSummary(r.disclosure)}`;
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
      'allow-below-k': { type: 'boolean', default: false },
      reason: { type: 'string' },
      'excel-csv': { type: 'boolean', default: false },
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
  if (values.recipient.length > 0 && values['passphrase-env'])
    throw fail('ange --recipient eller --passphrase-env, inte båda', 'give --recipient or --passphrase-env, not both');
  let passphrase: string | undefined;
  if (values['passphrase-env']) {
    passphrase = process.env[values['passphrase-env']];
    if (!passphrase) throw fail(`miljövariabeln ${values['passphrase-env']} är inte satt`, `environment variable ${values['passphrase-env']} is not set`);
  }
  if (!(EXPORT_PERIODS as readonly string[]).includes(values.period)) {
    throw fail('--period: week, month, quarter, half eller year', '--period: week, month, quarter, half or year');
  }
  if (values['allow-below-k'] && !values.reason?.trim()) {
    throw fail('--allow-below-k kräver en skriven motivering med --reason "…"', '--allow-below-k needs a written reason with --reason "…"');
  }
  if (values.reason !== undefined && !values['allow-below-k']) {
    throw fail('--reason gäller bara med --allow-below-k', '--reason only goes with --allow-below-k');
  }
  const k = parseNumber('k', values.k, 5, (n) => Number.isInteger(n) && n >= 2 && n <= 50, { sv: 'ett heltal 2–50', en: 'a whole number 2–50' });

  const { withApp, unwrap } = await import('./app');
  const result = await withApp(databasePathFrom(values.db), async (app) => {
    // Listed only to find what --programme and --unit name: sorting them loads the Swedish collation.
    const programmes = values.programme.length ? unwrap<Programme[]>(await app.call('programmes.list', { includeArchived: true })) : [];
    const units = values.unit.length ? unwrap<Unit[]>(await app.call('units.list', { includeArchived: true })) : [];
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
      ...(values['allow-below-k'] ? { belowKReason: values.reason } : {}),
      excelCopies: values['excel-csv'],
    };
    return unwrap<ExportRunResult>(await app.call('export.run', input));
  });
  console.log(summary(result));
  console.error(line({ sv: 'Exporten är klar.', en: 'The export is done.' }));
  return 0;
}
