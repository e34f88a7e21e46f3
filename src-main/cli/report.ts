import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { KometApp } from '../app/komet-app';
import type { ActivityReport, ProcedureOutput } from '../contract';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp } from './common';
import { privateFileMode } from '../core/private-dir';

export const help = `Användning / Usage: komet report [--db SÖKVÄG] (--from DATUM --to DATUM [--unit NAMN ...]
                     [--programme KOD ...] | --saved ID) [--lang sv|en]
                     (--pdf FIL | --json | --csv MAPP | --xlsx FIL) [--replace]

Verksamhetsrapporten för en period och ett urval, jämförd med perioden före av samma längd.
Antal föräldrar från 1 till 4 visas aldrig, inte heller siffror som skulle avslöja dem.
The activity report for a period and scope, compared with the period of equal length before.
Counts of 1 to 4 parents are never shown, nor figures that would give them away.

${dbOptionHelp}
  --from DATUM    periodens första dag (ÅÅÅÅ-MM-DD) / first day of the period
  --to DATUM      periodens sista dag / last day of the period
  --unit NAMN     bara denna enhet, med namn eller id (kan upprepas)
                  only this unit, by name or id (repeatable)
  --programme KOD bara detta program, med kod eller id (kan upprepas)
                  only this programme, by code or id (repeatable)
  --saved ID      en sparad rapport: dess period, urval, avsnitt, språk, budget och texter
                  a saved report: its period, scope, sections, language, budget and texts
  --lang sv|en    rapportens språk (standard sv, eller den sparade rapportens)
                  the report's language (default sv, or the saved report's)
  --pdf FIL       skriv rapporten som PDF (även --out) / write the report as a PDF (also --out)
  --json          skriv rapportmodellen som JSON; dolda siffror är null med skäl
                  print the report model as JSON; hidden figures are null with a reason
  --csv MAPP      skriv rapportens tabeller som CSV-filer i mappen (skapas vid behov)
                  write the report's tables as CSV files into the folder (made if missing)
  --xlsx FIL      skriv rapportens tabeller som en XLSX-arbetsbok, ett blad per tabell
                  write the report's tables as an XLSX workbook, a sheet per table
  --replace       ersätt filer som redan finns (annars vägras de)
                  replace files that already exist (otherwise they are refused)
${helpOptionHelp}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...baseOptions,
      from: { type: 'string' },
      to: { type: 'string' },
      unit: { type: 'string', multiple: true, default: [] },
      programme: { type: 'string', multiple: true, default: [] },
      lang: { type: 'string' },
      saved: { type: 'string' },
      pdf: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      csv: { type: 'string' },
      xlsx: { type: 'string' },
      replace: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (values.lang !== undefined && values.lang !== 'sv' && values.lang !== 'en')
    throw new CliFailure({ sv: '--lang ska vara sv eller en.', en: '--lang must be sv or en.' });
  if (values.saved === undefined && (!values.from || !values.to))
    throw new CliFailure({ sv: 'Ange perioden med --from och --to.', en: 'Give the period with --from and --to.' });
  if (values.out !== undefined) {
    if (values.pdf !== undefined) throw new CliFailure({ sv: 'Ange --pdf eller --out, inte båda.', en: 'Give --pdf or --out, not both.' });
    values.pdf = values.out;
  }
  const outputs = [values.pdf !== undefined, values.json, values.csv !== undefined, values.xlsx !== undefined].filter(Boolean).length;
  if (outputs !== 1)
    throw new CliFailure({
      sv: 'Ange en av --pdf FIL, --json, --csv MAPP eller --xlsx FIL.',
      en: 'Give one of --pdf FILE, --json, --csv FOLDER or --xlsx FILE.',
    });
  // A place the file cannot go, or a file already there, is said before the report is made, not after.
  const replace = values.replace;
  const file = values.pdf ?? values.xlsx;
  if (file !== undefined) refuseTarget(path.resolve(file), replace);
  const { missingDatabase, unwrap, withApp } = await import('./app');
  const databasePath = databasePathFrom(values.db);
  if (!fs.existsSync(databasePath)) throw missingDatabase(databasePath);
  const report = await withApp(
    databasePath,
    async (app) =>
      unwrap<ActivityReport>(
        values.saved !== undefined
          ? await app.call('savedReports.report', { id: values.saved })
          : await app.call('reports.activity', {
              from: values.from!,
              to: values.to!,
              unitIds: await scopeIds(app, 'units.list', values.unit, (u) => [u.name]),
              programmeIds: await scopeIds(app, 'programmes.list', values.programme, (p) => [p.code]),
            }),
      ),
    { readOnly: true },
  );
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  if (values.csv !== undefined) {
    const { reportCsvFiles } = await import('../core/reports/report-csv');
    const folder = csvFolder(values.csv);
    const files = Object.entries(reportCsvFiles(report)).map(([name, text]) => [path.join(folder, name), text] as const);
    // Every name is checked before the first is written: a refusal leaves the folder as it was.
    for (const [target] of files) refuseTarget(target, replace);
    for (const [target, text] of files) writeWhole(target, text, replace);
    console.log(`Tabellerna skrevs till / The tables were written to ${folder}`);
    return 0;
  }
  if (values.xlsx !== undefined) {
    const { reportXlsx } = await import('../core/reports/report-xlsx');
    const target = path.resolve(values.xlsx);
    writeWhole(target, await reportXlsx(report), replace);
    console.log(`Tabellerna skrevs till / The tables were written to ${target}`);
    return 0;
  }
  const { reportPdf } = await import('../core/reports/report-pdf');
  const target = path.resolve(values.pdf!);
  const lang = (values.lang as 'sv' | 'en' | undefined) ?? report.saved?.lang ?? 'sv';
  writeWhole(target, await reportPdf(report, lang), replace);
  console.log(`Rapporten skrevs till / The report was written to ${target}`);
  return 0;
}

/**
 * Units are named and programmes have codes: the command takes those (or an id) and the report
 * takes ids. A word that matches nothing is refused rather than silently widening the report.
 */
async function scopeIds<P extends 'units.list' | 'programmes.list'>(
  app: KometApp,
  procedure: P,
  words: string[],
  namesOf: (row: ProcedureOutput<P>[number]) => string[],
): Promise<string[]> {
  if (words.length === 0) return [];
  const listed = await app.call(procedure, { includeArchived: true });
  if (!listed.ok) throw new CliFailure(listed.error.message);
  const rows = listed.value as ProcedureOutput<P>;
  const key = (s: string) => s.trim().toLocaleLowerCase('sv');
  return words.map((word) => {
    const row = rows.find((r) => r.id === word || namesOf(r).some((n) => key(n) === key(word)));
    if (!row)
      throw new CliFailure(
        procedure === 'units.list'
          ? { sv: `Det finns ingen enhet som heter "${word}".`, en: `There is no unit called "${word}".` }
          : { sv: `Det finns inget program med koden "${word}".`, en: `There is no programme with the code "${word}".` },
      );
    return row.id;
  });
}

const cannotWrite = (target: string) =>
  new CliFailure({
    sv: `Det gick inte att skriva ${target}: mappen finns inte eller får inte skrivas i.`,
    en: `${target} could not be written: the folder does not exist or may not be written to.`,
  });

/**
 * Written beside the target and renamed, so a failed run never leaves half a file under its name,
 * nor the half-written copy beside it. A file that has appeared under the name while the report
 * was made is still refused: last month's report is not lost to this month's by a slip.
 */
function writeWhole(target: string, data: string | Buffer, replace: boolean): void {
  refuseTarget(target, replace);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data, { mode: privateFileMode });
    fs.renameSync(temporary, target);
  } catch (err) {
    fs.rmSync(temporary, { force: true });
    if (process.env.KOMET_DEBUG) console.error(err);
    throw cannotWrite(target);
  }
}

/** A folder is never a place to write the file; an existing file only with --replace. */
function refuseTarget(target: string, replace: boolean): void {
  const found = fs.statSync(target, { throwIfNoEntry: false });
  if (!found) return;
  if (found.isDirectory())
    throw new CliFailure({
      sv: `${target} är en mapp. Ange en fil att skriva, till exempel ${path.join(target, 'rapport.pdf')}.`,
      en: `${target} is a folder. Name a file to write, for example ${path.join(target, 'report.pdf')}.`,
    });
  if (!replace)
    throw new CliFailure({
      sv: `${target} finns redan. Välj ett annat namn, eller ange --replace för att ersätta filen.`,
      en: `${target} already exists. Choose another name, or give --replace to replace the file.`,
    });
}

/** The folder for --csv, made if missing; a file of that name is refused rather than replaced. */
function csvFolder(given: string): string {
  const folder = path.resolve(given);
  const found = fs.statSync(folder, { throwIfNoEntry: false });
  if (found && !found.isDirectory()) {
    throw new CliFailure({
      sv: `${folder} är en fil, inte en mapp. Ange en mapp med --csv.`,
      en: `${folder} is a file, not a folder. Name a folder with --csv.`,
    });
  }
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (err) {
    if (process.env.KOMET_DEBUG) console.error(err);
    throw cannotWrite(folder);
  }
  return folder;
}
