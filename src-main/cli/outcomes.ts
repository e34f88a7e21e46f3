import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DueItemValue, InstrumentSummary, OutcomesReport, ResponseImportResult, ScoreRowValue } from '../contract';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp, line } from './common';

/**
 * `komet instruments`, `komet outcomes`, `komet responses` and `komet scores`: the questionnaire
 * library, the worklist, response import and stored scores, through the same services as the app.
 */
export const instrumentsHelp = `Användning / Usage: komet instruments import FIL/FILE [--db SÖKVÄG] [--own] [--json]
                   komet instruments import DATALEXIKON.csv --code KOD --version V --name-sv NAMN --name-en NAME
                       --respondent parent|teacher|leader|self --licence-holder VEM --licence-terms TEXT
                       [--item-texts] [--db SÖKVÄG] [--json]
                   komet instruments list [--db SÖKVÄG] [--json]

import: läser en instrumentdefinition (komet-instrument/1, JSON) in i biblioteket som en ny
version. Samma version igen med samma innehåll ändrar inget; ändrat innehåll kräver ny version.
Reads an instrument definition (komet-instrument/1, JSON) into the library as a new version.
The same version again with the same content changes nothing; changed content needs a new version.
En REDCap-datalexikon (CSV) blir en definition utan skalor: radio- och dropdownfält med heltalskoder
blir frågor (min och max från koderna), övriga fält listas med skälet. Fältens texter följer med bara
med --item-texts, när licensen tillåter det. Skalor läggs till i editorn.
A REDCap data dictionary (CSV) becomes a definition without scales: radio and dropdown fields with
whole-number codes become items (min and max from the codes), the other fields are listed with the
reason. The field labels come along only with --item-texts, when the licence allows it. Scales are
added in the editor.
list: alla versioner i biblioteket. / every version in the library.

${dbOptionHelp}
  --own           definitionen är egen (inte importerad) / the definition is one's own (not imported)
  --json          skriv ut som JSON / print as JSON
${helpOptionHelp}`;

export const outcomesHelp = `Användning / Usage: komet outcomes due [--db SÖKVÄG] [--on DATUM/DATE] [--json]
                   komet outcomes report [--db SÖKVÄG] [--from DATUM/DATE] [--to DATUM/DATE] [--json]

due: formulär som ska fyllas i nu (due) eller är försenade (overdue), per deltagare, instrument och
mättillfälle enligt programmens scheman. Questionnaires due now or overdue, per participant,
instrument and time point, from the programmes' schedules.
JSON: [{participantId, groupId, instrument, timepoint, dueFrom, dueTo, status}]

report: resultat per formulär för grupper som startade under perioden: svarsfrekvens per
mättillfälle (avhoppade med), per skala och mättillfälle n, medelvärde, SD och 95 % KI, och
förändringen från pre med 95 % KI och effektstorlekarna dz och dav. Värden från färre än fem
visas inte. Results per form for groups that started in the period: response rate per time point
(dropouts included), per scale and time point n, mean, SD and 95 % CI, and the change from pre with
its 95 % CI and effect sizes dz and dav. Figures from fewer than five are withheld (null).
JSON: {from, to, programmeId, instruments: [{instrument, minRespondents, confidence, timepoints,
responseRates: [{timepoint, due, returned, rate, suppressed}],
levels: [{scale, timepoint, n, mean, sd, ciLow, ciHigh, suppressed}],
changes: [{scale, timepoint, n, meanChange, sd, ciLow, ciHigh, dz, dav, suppressed}]}]}

${dbOptionHelp}
  --on DATUM      due: räkna för detta datum (ÅÅÅÅ-MM-DD, standard i dag) / compute for this date (default today)
  --from DATUM    report: grupper som startade detta datum eller senare / groups that started on or after this date
  --to DATUM      report: grupper som startade detta datum eller tidigare / groups that started on or before this date
  --json          skriv ut som JSON / print as JSON
${helpOptionHelp}`;

export const responsesHelp = `Användning / Usage: komet responses import FIL/FILE [--db SÖKVÄG] [--dry-run] [--json]

Läser svar från en CSV-fil: participant_id,instrument,timepoint,date,<frågekoder…> och valfri
kolumn version (annars instrumentets senaste). Varje rad kontrolleras; finns ett enda fel sparas
ingenting. Reads responses from a CSV file: participant_id,instrument,timepoint,date,<item codes…>
and an optional version column (else the instrument's latest). Every row is checked; if any
row has a fault nothing is saved. Exit code 1 when any row was refused.

${dbOptionHelp}
  --dry-run       kontrollera bara, spara inget / only check, save nothing
  --json          skriv ut som JSON / print as JSON
${helpOptionHelp}`;

export const scoresHelp = `Användning / Usage: komet scores [--db SÖKVÄG] [--json]

Alla sparade skalpoäng med full precision. Every stored scale score at full precision.
JSON: [{participantId, instrument, version, timepoint, scale, score, band}] (band: svensk etikett eller null / Swedish label or null)

${dbOptionHelp}
  --json          skriv ut som JSON / print as JSON
${helpOptionHelp}`;

/** A definition is a few kilobytes and a response file a few megabytes; larger is not one of ours. */
const MAX_FILE_BYTES = 50_000_000;

function readInput(file: string | undefined): string {
  if (!file) throw new CliFailure({ sv: 'Ange filen, se --help', en: 'Give the file, see --help' }, 2);
  const full = path.resolve(file);
  let size: number;
  try {
    size = fs.statSync(full).size;
  } catch {
    throw new CliFailure({ sv: `Filen finns inte: ${full}`, en: `The file does not exist: ${full}` });
  }
  if (size > MAX_FILE_BYTES) throw new CliFailure({ sv: `Filen är för stor: ${full}`, en: `The file is too large: ${full}` });
  return fs.readFileSync(full, 'utf8');
}

function existingDatabase(db: string | undefined): string {
  const databasePath = databasePathFrom(db);
  if (!fs.existsSync(databasePath)) throw new CliFailure({ sv: `Databasen finns inte: ${databasePath}`, en: `The database does not exist: ${databasePath}` });
  return databasePath;
}

const unknownSub = (command: string, sub: string) =>
  new CliFailure({ sv: `Okänt underkommando "${sub}", se komet ${command} --help`, en: `Unknown subcommand "${sub}", see komet ${command} --help` }, 2);

const fmt = (score: number | null) => (score === null ? '–' : String(Math.round(score * 100) / 100));

export async function runInstruments(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...baseOptions,
      json: { type: 'boolean', default: false },
      own: { type: 'boolean', default: false },
      code: { type: 'string' },
      version: { type: 'string' },
      'name-sv': { type: 'string' },
      'name-en': { type: 'string' },
      respondent: { type: 'string' },
      'licence-holder': { type: 'string' },
      'licence-terms': { type: 'string' },
      'item-texts': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  const [sub, file, ...extra] = positionals;
  if (values.help || !sub) {
    console.log(instrumentsHelp);
    return values.help ? 0 : 2;
  }
  if (extra.length || (sub === 'list' && file !== undefined))
    throw new CliFailure({ sv: 'För många argument, se --help', en: 'Too many arguments, see --help' }, 2);
  const { unwrap, withApp } = await import('./app');
  if (sub === 'list') {
    const list = await withApp(existingDatabase(values.db), async (app) => unwrap<InstrumentSummary[]>(await app.call('instruments.list', {})), {
      readOnly: true,
    });
    console.log(
      values.json
        ? JSON.stringify(list, null, 2)
        : list
            .map((i) => `${i.code.padEnd(12)} ${i.version.padEnd(6)} ${i.source.padEnd(9)} ${String(i.items).padStart(3)} frågor/items  ${i.name.sv}`)
            .join('\n'),
    );
    return 0;
  }
  if (sub !== 'import') throw unknownSub('instruments', sub);
  const text = readInput(file);
  // A dictionary says nothing of these; the core refuses one without them, naming what is missing.
  const given = [values.code, values.version, values['name-sv'], values['name-en'], values.respondent, values['licence-holder'], values['licence-terms']];
  const redcap = given.some((v) => v !== undefined)
    ? {
        code: values.code ?? '',
        version: values.version ?? '',
        name: { sv: values['name-sv'] ?? '', en: values['name-en'] ?? '' },
        respondent: values.respondent ?? '',
        licence: { holder: values['licence-holder'] ?? '', terms: values['licence-terms'] ?? '' },
        includeTexts: values['item-texts'],
      }
    : undefined;
  const result = await withApp(existingDatabase(values.db), async (app) =>
    unwrap<{ instrument: InstrumentSummary; created: boolean; skipped?: { variable: string; reason: { sv: string; en: string } }[] }>(
      await app.call('instruments.import', { text, source: values.own ? 'own' : 'imported', ...(redcap ? { redcap } : {}) }),
    ),
  );
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(
      result.created
        ? `Inläst / Imported: ${result.instrument.code} version ${result.instrument.version}`
        : `Fanns redan, oförändrad / Already there, unchanged: ${result.instrument.code} version ${result.instrument.version}`,
    );
    for (const s of result.skipped ?? []) console.log(line({ sv: `hoppade över ${s.variable}: ${s.reason.sv}`, en: `skipped ${s.variable}: ${s.reason.en}` }));
  }
  return 0;
}

export async function runOutcomes(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...baseOptions, json: { type: 'boolean', default: false }, on: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const [sub, ...extra] = positionals;
  if (values.help || !sub) {
    console.log(outcomesHelp);
    return values.help ? 0 : 2;
  }
  if (sub !== 'due' && sub !== 'report') throw unknownSub('outcomes', sub);
  if (extra.length) throw new CliFailure({ sv: 'För många argument, se --help', en: 'Too many arguments, see --help' }, 2);
  const misplaced = sub === 'due' ? (values.from !== undefined ? '--from' : values.to !== undefined ? '--to' : null) : values.on !== undefined ? '--on' : null;
  if (misplaced)
    throw new CliFailure(
      { sv: `${misplaced} hör inte till "outcomes ${sub}", se --help`, en: `${misplaced} does not belong to "outcomes ${sub}", see --help` },
      2,
    );
  const { unwrap, withApp } = await import('./app');
  const databasePath = existingDatabase(values.db);
  if (sub === 'report') {
    const input = { ...(values.from === undefined ? {} : { from: values.from }), ...(values.to === undefined ? {} : { to: values.to }) };
    const report = await withApp(databasePath, async (app) => unwrap<OutcomesReport>(await app.call('outcomes.report', input)), { readOnly: true });
    console.log(values.json ? JSON.stringify(report, null, 2) : reportText(report));
    return 0;
  }
  const input = values.on === undefined ? {} : { on: values.on };
  const due = await withApp(databasePath, async (app) => unwrap<DueItemValue[]>(await app.call('outcomes.due', input)), { readOnly: true });
  console.log(
    values.json
      ? JSON.stringify(due, null, 2)
      : due.map((d) => `${d.participantId}  ${d.instrument.padEnd(10)} ${d.timepoint.padEnd(5)} ${d.dueFrom} – ${d.dueTo}  ${d.status}`).join('\n'),
  );
  return 0;
}

/** The report as plain lines: a withheld figure reads "dolt/hidden", one that cannot be computed "–". */
function reportText(report: OutcomesReport): string {
  const hidden = 'dolt/hidden';
  const figure = (value: number | null, suppressed: boolean) => (suppressed ? hidden : fmt(value));
  const interval = (low: number | null, high: number | null, suppressed: boolean) =>
    suppressed ? hidden : low === null || high === null ? '–' : `${fmt(low)} … ${fmt(high)}`;
  const lines = [`Period: ${report.from ?? '…'} – ${report.to ?? '…'}`];
  if (report.instruments.length === 0) lines.push('Inga resultat / No results');
  for (const r of report.instruments) {
    lines.push('', `${r.instrument}`);
    for (const rate of r.responseRates)
      lines.push(
        `  svar/returned ${rate.timepoint.padEnd(5)} ${rate.returned}/${rate.due}  ${rate.suppressed || rate.rate === null ? hidden : `${fmt(rate.rate * 100)} %`}`,
      );
    for (const l of r.levels)
      lines.push(
        `  ${l.scale.padEnd(16)} ${l.timepoint.padEnd(5)} n=${l.n}  M=${figure(l.mean, l.suppressed)}  SD=${figure(l.sd, l.suppressed)}  95 % KI/CI ${interval(l.ciLow, l.ciHigh, l.suppressed)}`,
      );
    for (const c of r.changes)
      lines.push(
        `  ${c.scale.padEnd(16)} pre→${c.timepoint.padEnd(5)} n=${c.n}  Δ=${figure(c.meanChange, c.suppressed)}  95 % KI/CI ${interval(c.ciLow, c.ciHigh, c.suppressed)}  dz=${figure(c.dz, c.suppressed)}  dav=${figure(c.dav, c.suppressed)}`,
      );
  }
  return lines.join('\n');
}

export async function runResponses(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...baseOptions, json: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  const [sub, file, ...extra] = positionals;
  if (values.help || !sub) {
    console.log(responsesHelp);
    return values.help ? 0 : 2;
  }
  if (sub !== 'import') throw unknownSub('responses', sub);
  if (extra.length) throw new CliFailure({ sv: 'För många argument, se --help', en: 'Too many arguments, see --help' }, 2);
  const text = readInput(file);
  const { unwrap, withApp } = await import('./app');
  const dryRun = values['dry-run'];
  const result = await withApp(
    existingDatabase(values.db),
    async (app) =>
      unwrap<ResponseImportResult>(await app.call('responses.import', { text, dryRun, enteredBy: `komet responses import ${path.basename(file!)}` })),
    { readOnly: dryRun },
  );
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    for (const e of result.errors) console.log(`rad/row ${e.row}${e.column ? ` [${e.column}]` : ''}: ${line(e.message)}`);
    console.log(
      result.errors.length
        ? `${result.rows} rader, inget sparat / ${result.rows} rows, nothing saved`
        : dryRun
          ? `${result.rows} rader utan fel (provkörning, inget sparat) / ${result.rows} rows without faults (dry run, nothing saved)`
          : `${result.imported} svar sparade / ${result.imported} responses saved`,
    );
  }
  return result.errors.length ? 1 : 0;
}

export async function runScores(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...baseOptions, json: { type: 'boolean', default: false } }, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(scoresHelp);
    return 0;
  }
  const { unwrap, withApp } = await import('./app');
  const scores = await withApp(existingDatabase(values.db), async (app) => unwrap<ScoreRowValue[]>(await app.call('scores.list', {})), { readOnly: true });
  console.log(
    values.json
      ? JSON.stringify(
          scores.map((s) => ({ ...s, band: s.band?.sv ?? null })),
          null,
          2,
        )
      : scores
          .map(
            (s) =>
              `${s.participantId}  ${s.instrument} ${s.version} ${s.timepoint.padEnd(5)} ${s.scale.padEnd(16)} ${fmt(s.score).padStart(7)}  ${s.band?.sv ?? ''}`,
          )
          .join('\n'),
  );
  return 0;
}
