import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { IMPORT_KINDS, type ImportKind } from '../core/import/kinds';
import type { ImportPlan } from '../core/import/plan-types';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp, line } from './common';

export const help = `Användning / Usage: komet import FIL --kind staff|groups|participants|attendance [--sheet BLAD]
                    [--mapping FIL.json] [--dry-run] [--skip-invalid] [--json] [--db SÖKVÄG]
                  komet import undo [--db SÖKVÄG]

Läser in medarbetare, grupper, deltagare eller närvaro från en .xlsx- eller .csv-fil (UTF-8, med ; eller ,).
Kolumnerna gissas från rubrikerna (svenska och engelska) och kan ändras med --mapping. Varje rad
kontrolleras med samma regler som formulären; det som redan finns (samma naturliga nyckel) läggs
inte till igen. Har någon rad fel skrivs ingenting och koden blir 1, om inte --skip-invalid ges.
"komet import undo" tar bort allt som den senaste importen skapade.
Reads staff, groups, participants or attendance from an .xlsx or .csv file (UTF-8, with ; or ,). Columns are guessed
from the headers (Swedish and English) and can be changed with --mapping. Every row is checked
with the same rules as the forms; what is already there (same natural key) is not added again.
If any row has errors nothing is written and the exit code is 1, unless --skip-invalid is given.
"komet import undo" removes everything the last import created.

  --kind SORT        staff (medarbetare), groups (grupper), participants (deltagare) eller
                     attendance (närvaro: en kolumn per träff, "Tillfälle 1", "1" eller ett datum,
                     eller kolumnerna Träff och Närvaro / one column per session, or Session and Attendance)
  --file FIL         filen, om den inte ges först / the file, if not given first
  --sheet BLAD       bladet i en .xlsx (standard: det första) / the sheet (default: the first)
  --mapping FIL      JSON: fält → rubrik, t.ex. {"name": "Namn", "email": null}
                     JSON: field → header, e.g. {"name": "Namn", "email": null}
                     närvaro / attendance: "sessions": {"Vecka 1": 1, "Kommentar": null}
                     rubrik → träffnummer, null = ingen träff / header → session number, null = none
  --dry-run          visa vad som skulle hända, skriv inget / show what would happen, write nothing
  --skip-invalid     importera de giltiga raderna och hoppa över resten
                     import the valid rows and skip the rest
  --json             skriv resultatet som JSON / print the result as JSON
${dbOptionHelp}
${helpOptionHelp}

En krypterad databas öppnas med KOMET_PASSPHRASE. / An encrypted database opens with KOMET_PASSPHRASE.`;

const kinds: readonly ImportKind[] = IMPORT_KINDS;

function readMapping(file: string | undefined): unknown {
  if (file === undefined) return {};
  const refuse = () => new CliFailure({ sv: `--mapping: ${file} är ingen läsbar JSON-fil`, en: `--mapping: ${file} is not a readable JSON file` }, 2);
  let text: string;
  try {
    if (fs.statSync(file).size > 64 * 1024) throw refuse();
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw refuse();
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw refuse();
  }
}

/**
 * An attendance mapping may hold "sessions": header → session number or null, for a matrix whose
 * session columns the headers do not name right. Other kinds keep the key, so it is refused as an unknown field.
 */
function splitSessions(kind: ImportKind, chosen: unknown): { fields: unknown; sessions?: unknown } {
  if (kind !== 'attendance' || chosen === null || typeof chosen !== 'object' || Array.isArray(chosen) || !Object.hasOwn(chosen, 'sessions'))
    return { fields: chosen };
  const { sessions, ...fields } = chosen as Record<string, unknown>;
  return { fields, sessions };
}

// One and many: "1 rad med fel", "2 rader med fel".
const statusWords = {
  new: { sv: ['ny', 'nya'], en: ['new', 'new'] },
  existing: { sv: ['fanns redan', 'fanns redan'], en: ['already there', 'already there'] },
  duplicate: { sv: ['upprepad rad', 'upprepade rader'], en: ['repeated row', 'repeated rows'] },
  invalid: { sv: ['rad med fel', 'rader med fel'], en: ['row with errors', 'rows with errors'] },
} as const;

function printPlan(plan: ImportPlan, committed: boolean): void {
  const counts = (Object.keys(statusWords) as (keyof typeof statusWords)[]).map((k) => ({ n: plan.counts[k], w: statusWords[k] }));
  const list = (lang: 'sv' | 'en') => counts.map((c) => `${c.n} ${c.w[lang][c.n === 1 ? 0 : 1]}`).join(', ');
  console.log(
    line({
      sv: `${committed ? 'Importerat' : 'Provkörning'}: ${list('sv')}.`,
      en: `${committed ? 'Imported' : 'Dry run'}: ${list('en')}.`,
    }),
  );
  for (const r of plan.rows) {
    if (r.status === 'duplicate')
      console.log(line({ sv: `rad ${r.rowNumber}: samma som rad ${r.sameAsRow}`, en: `row ${r.rowNumber}: same as row ${r.sameAsRow}` }));
    for (const i of r.issues) {
      const at = i.column ? `${i.column}: ` : '';
      console.log(line({ sv: `rad ${r.rowNumber}: ${at}${i.message.sv}`, en: `row ${r.rowNumber}: ${at}${i.message.en}` }));
    }
  }
}

/** Row numbers, states and issues only: the names in the file stay out of scripts' logs. */
const planJson = (plan: ImportPlan) => ({
  kind: plan.kind,
  counts: plan.counts,
  rows: plan.rows.map((r) => ({ row: r.rowNumber, status: r.status, ...(r.sameAsRow ? { sameAsRow: r.sameAsRow } : {}), issues: r.issues })),
});

async function undo(db: string | undefined, json: boolean): Promise<number> {
  const [{ withApp, cliActor }, { cliServices }] = await Promise.all([import('./app'), import('./import-services')]);
  const result = await withApp(databasePathFrom(db), (app, resolved) => cliServices(app, cliActor(resolved)).imports.undo());
  if (json) console.log(JSON.stringify({ undone: result }, null, 2));
  else
    console.log(
      line({
        sv: `Den senaste importen är ångrad: ${result.removed} ${result.removed === 1 ? 'post borttagen' : 'poster borttagna'}.`,
        en: `The last import is undone: ${result.removed} ${result.removed === 1 ? 'record' : 'records'} removed.`,
      }),
    );
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...baseOptions,
      kind: { type: 'string' },
      file: { type: 'string' },
      sheet: { type: 'string' },
      mapping: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (positionals.length === 1 && positionals[0] === 'undo' && values.file === undefined) return undo(values.db, values.json);
  const file = values.file ?? positionals[0];
  if (!file || positionals.length > (values.file ? 0 : 1)) {
    throw new CliFailure({ sv: 'Ange en fil att importera, se --help', en: 'Give one file to import, see --help' }, 2);
  }
  const kind = kinds.find((k) => k === values.kind);
  if (!kind)
    throw new CliFailure({ sv: '--kind: ange staff, groups, participants eller attendance', en: '--kind: give staff, groups, participants or attendance' }, 2);
  if (!fs.existsSync(file)) throw new CliFailure({ sv: `Filen ${file} finns inte`, en: `The file ${file} does not exist` }, 2);
  const chosen = readMapping(values.mapping);

  const [{ withApp, cliActor }, { cliServices }, { readTable }, { adjustMapping, describeMapping, guessMapping }, { adjustSessionColumns }] = await Promise.all(
    [
      import('./app'),
      import('./import-services'),
      import('../core/import/read-table'),
      import('../core/import/mapping'),
      import('../core/import/session-columns'),
    ],
  );
  // The file is read and checked before the database is opened: a refused file costs nothing.
  const table = await readTable(file, values.sheet === undefined ? {} : { sheet: values.sheet });
  const { fields, sessions: chosenSessions } = splitSessions(kind, chosen);
  const mapping = adjustMapping(kind, table.headers, guessMapping(kind, table.headers), fields);
  const sessions = chosenSessions === undefined ? new Map<number, number | null>() : adjustSessionColumns(table.headers, mapping, chosenSessions);
  const dryRun = values['dry-run'];
  const outcome = await withApp(
    databasePathFrom(values.db),
    (app, resolved) => {
      const services = cliServices(app, cliActor(resolved));
      const plan = services.imports.preview(kind, table, mapping, sessions);
      if (dryRun || (plan.counts.invalid > 0 && !values['skip-invalid'])) return { plan, committed: false };
      return { plan: services.imports.commit(kind, table, mapping, { skipInvalid: values['skip-invalid'], sessions }).plan, committed: true };
    },
    // A dry run tries its rows in a transaction it rolls back, so it too takes the write lock.
  );
  if (values.json) {
    console.log(
      JSON.stringify(
        {
          sheet: table.sheet,
          sheets: table.sheets,
          mapping: describeMapping(kind, table.headers, mapping),
          committed: outcome.committed,
          ...planJson(outcome.plan),
        },
        null,
        2,
      ),
    );
  } else {
    printPlan(outcome.plan, outcome.committed);
    if (!dryRun && !outcome.committed) console.log(line({ sv: 'Inget importerades.', en: 'Nothing was imported.' }));
  }
  return outcome.plan.counts.invalid > 0 && !(outcome.committed && values['skip-invalid']) ? 1 : 0;
}
