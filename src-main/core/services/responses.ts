import { parse } from 'csv-parse/sync';
import type { ImportRowError, ParsedInput, ResponseImportResult, ScoreRowValue } from '../../contract';
import type { ResponseSource } from '../../contract/enums';
import type { InstrumentDefinition } from '../../contract/schemas/instruments';
import { AppError } from '../errors';
import { checkResponse, shownCell, type CheckedResponse, type RawResponse, type ResponseLookups } from '../outcomes/response-check';
import { scoreRowsOf } from '../outcomes/stored-scores';
import type { Repos } from '../repos';
import type { ServiceContext } from './context';
import { doubleEntryService, typedTwice, type Recorded } from './response-entries';
import { instrumentCache } from './instruments';

/** Columns every response file has; every other column is an item code. */
const fixedColumns = ['participant_id', 'instrument', 'timepoint', 'date'] as const;
const versionColumn = 'version';
/** A city's year of questionnaires fits many times over; a larger file is refused unread. */
export const MAX_IMPORT_ROWS = 100_000;
/** The first faults are enough to correct a file; the count says how many there were. */
const MAX_REPORTED = 500;

function lookupsFor(repos: Repos): ResponseLookups {
  const instrument = instrumentCache(repos);
  const followups = new Map<string, Set<string>>();
  const programmes = new Map<string, string | undefined>();
  // Asked for every row of an import: each instrument's newest version is looked up once.
  const latest = new Map<string, ReturnType<Repos['outcomes']['latestInstrument']>>();
  const latestOf = (code: string) => {
    if (!latest.has(code)) latest.set(code, repos.outcomes.latestInstrument(code));
    return latest.get(code);
  };
  return {
    programmeOfParticipant: (id) => {
      if (!programmes.has(id)) programmes.set(id, repos.outcomes.programmeOfParticipant(id));
      return programmes.get(id);
    },
    definition: (code, version): InstrumentDefinition | undefined => {
      const v = version ?? latestOf(code)?.version;
      return v === undefined ? undefined : instrument(code, v)?.definition;
    },
    instrumentExists: (code) => latestOf(code) !== undefined,
    followupsOf: (programmeId) => {
      let set = followups.get(programmeId);
      if (!set)
        followups.set(
          programmeId,
          (set = new Set(
            repos.outcomes
              .schedulesFor(programmeId)
              .map((s) => s.timepoint)
              .filter((t) => t.startsWith('fu')),
          )),
        );
      return set;
    },
    alreadyEntered: (participantId, code, timepoint) => repos.outcomes.hasResponseAt(participantId, code, timepoint),
  };
}

/** A form's field for each file column; any other column is an item under `answers`. */
const fieldOfColumn: Readonly<Record<string, string>> = {
  participant_id: 'participantId',
  instrument: 'instrument',
  version: 'version',
  timepoint: 'timepoint',
  date: 'date',
};

function refused(faults: { column: string | null; message: { sv: string; en: string } }[]): AppError {
  return new AppError(
    'validation',
    { sv: 'Svaren sparades inte.', en: 'The answers were not saved.' },
    faults.map((f) => ({ path: f.column === null ? '' : (fieldOfColumn[f.column] ?? `answers.${f.column}`), message: f.message })),
  );
}

function fileRefused(sv: string, en: string): AppError {
  return new AppError('validation', { sv, en }, [{ path: 'text', message: { sv, en } }]);
}

/** Reads the CSV text into header and rows of text cells; refuses what is not such a file. */
function readCsv(text: string): { header: string[]; rows: string[][] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: false, max_record_size: 1_000_000 }) as string[][];
  } catch (err) {
    const where = (err as { lines?: number }).lines;
    throw fileRefused(
      `Filen kunde inte läsas som CSV${where ? ` (rad ${where})` : ''}: kontrollera citattecken och att varje rad har lika många kolumner.`,
      `The file could not be read as CSV${where ? ` (line ${where})` : ''}: check the quotes and that every row has the same number of columns.`,
    );
  }
  const [header, ...rows] = records;
  if (!header) throw fileRefused('Filen är tom.', 'The file is empty.');
  const names = header.map((h) => h.trim());
  const missing = fixedColumns.filter((c) => !names.includes(c));
  if (missing.length) {
    throw fileRefused(`Kolumner saknas: ${missing.join(', ')}.`, `Columns are missing: ${missing.join(', ')}.`);
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw fileRefused(`Kolumnen ${shownCell(name)} finns två gånger.`, `The column ${shownCell(name)} appears twice.`);
    seen.add(name);
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw fileRefused(`Filen har fler än ${MAX_IMPORT_ROWS} rader; dela upp den.`, `The file has more than ${MAX_IMPORT_ROWS} rows; split it.`);
  }
  return { header: names, rows };
}

export function responseService({ repos, tx, audit }: ServiceContext) {
  const store = (checked: CheckedResponse, enteredBy: string, scorer: ReturnType<typeof instrumentCache>, source: ResponseSource, newId?: string): string => {
    const id = repos.outcomes.insertResponse(
      {
        participantId: checked.participantId,
        instrumentCode: checked.instrumentCode,
        instrumentVersion: checked.instrumentVersion,
        timepoint: checked.timepoint,
        date: checked.date,
        enteredBy,
        answers: JSON.stringify(checked.answers),
        source,
      },
      newId,
    );
    const prepared = scorer(checked.instrumentCode, checked.instrumentVersion)!;
    repos.outcomes.addScores(id, scoreRowsOf(prepared.definition, prepared.scorer, checked.answers));
    return id;
  };

  /** Stores a checked response with its scores and returns them as the form shows them. */
  const recordChecked = (checked: CheckedResponse, enteredBy: string): Recorded => {
    const id = store(checked, enteredBy, instrumentCache(repos), 'form');
    // The log says that answers were written, not which items: item codes are no words for its readers.
    audit.record({ action: 'create', entity: 'response', entityId: id, fields: ['answers'] });
    const definition = checked.definition;
    const stored = new Map(repos.outcomes.scoresOf(id).map((s) => [s.scale, s]));
    const scores: ScoreRowValue[] = definition.scales
      .map(({ code }) => stored.get(code)!)
      .map((s) => ({
        participantId: checked.participantId,
        instrument: definition.code,
        version: definition.version,
        timepoint: checked.timepoint,
        scale: s.scale,
        score: s.score,
        band: s.band === null ? null : (definition.scales.find((x) => x.code === s.scale)?.bands[s.band]?.label ?? null),
      }));
    return { id, instrument: definition.code, version: definition.version, scores };
  };

  const doubleEntry = (participantId: string, instrument: string, timepoint: string): boolean => {
    const programmeId = repos.outcomes.programmeOfParticipant(participantId);
    return !!programmeId && repos.outcomes.schedulesFor(programmeId).some((s) => s.instrumentCode === instrument && s.timepoint === timepoint && s.doubleEntry);
  };

  return {
    /** One participant's answers at one time point, stored with their scale scores. */
    record: (input: ParsedInput<'responses.record'>) =>
      tx(() => {
        const raw: RawResponse = { ...input };
        const checked = checkResponse(raw, lookupsFor(repos));
        if (!checked.ok) throw refused(checked.faults);
        if (doubleEntry(input.participantId, checked.value.instrumentCode, input.timepoint)) throw typedTwice();
        return recordChecked(checked.value, input.enteredBy);
      }),

    ...doubleEntryService({ repos, tx, audit }, { lookups: () => lookupsFor(repos), refused, recordChecked, doubleEntry }),

    /**
     * A CSV of responses, one per row: every row is checked and every fault reported with its row
     * (row 2 is the first under the header) and column. Nothing is written on a dry run or when any
     * row is refused; otherwise all rows are written in one transaction. An imported response counts
     * at once even where the schedule asks for double entry: its answers were captured electronically
     * elsewhere, not typed here from paper. A form whose first typing waits for its second is refused.
     */
    import: ({ text, dryRun, enteredBy }: ParsedInput<'responses.import'>): ResponseImportResult => {
      const { header, rows } = readCsv(text);
      const itemColumns = header
        .map((name, i) => ({ name, i }))
        .filter(({ name }) => !(fixedColumns as readonly string[]).includes(name) && name !== versionColumn);
      const col = (name: string) => header.indexOf(name);
      const [pCol, iCol, tCol, dCol, vCol] = [col('participant_id'), col('instrument'), col('timepoint'), col('date'), col(versionColumn)];
      return tx(() => {
        const lookups = lookupsFor(repos);
        const inFile = new Map<string, number>();
        const errors: ImportRowError[] = [];
        let errorCount = 0;
        const checkedRows: CheckedResponse[] = [];
        rows.forEach((cells, index) => {
          const row = index + 2;
          const version = vCol >= 0 ? cells[vCol]!.trim() : '';
          const raw: RawResponse = {
            participantId: cells[pCol]!.trim(),
            instrument: cells[iCol]!.trim(),
            version: version === '' ? undefined : version,
            timepoint: cells[tCol]!.trim(),
            date: cells[dCol]!.trim(),
            answers: Object.fromEntries(itemColumns.map(({ name, i }) => [name, cells[i]!.trim()])),
          };
          const result = checkResponse(raw, lookups);
          const faults = result.ok ? [] : result.faults;
          if (result.ok) {
            const key = `${raw.participantId}|${result.value.instrumentCode}|${raw.timepoint}`;
            const earlier = inFile.get(key);
            if (earlier !== undefined) {
              faults.push({
                column: null,
                message: {
                  sv: `Samma deltagare, instrument och mättillfälle finns redan på rad ${earlier}.`,
                  en: `The same participant, instrument and time point are already on row ${earlier}.`,
                },
              });
            } else if (repos.outcomes.hasEntryAt(raw.participantId, result.value.instrumentCode, raw.timepoint)) {
              // Someone is typing this paper form twice: a file must not settle it behind their backs.
              faults.push({
                column: null,
                message: {
                  sv: 'Formuläret är inskrivet en gång och väntar på sin andra inmatning (dubbelinmatning). Gör klart den i Komet, eller ta bort raden ur filen.',
                  en: 'This form has been typed once and is waiting for its second typing (double entry). Finish that in Komet, or remove the row from the file.',
                },
              });
            } else {
              inFile.set(key, row);
              checkedRows.push(result.value);
            }
          }
          errorCount += faults.length;
          for (const f of faults)
            if (errors.length < MAX_REPORTED) errors.push({ row, column: f.column === null ? null : shownCell(f.column), message: f.message });
        });
        if (dryRun || errorCount > 0) return { dryRun, rows: rows.length, imported: 0, errors };
        const cache = instrumentCache(repos);
        const ids = repos.outcomes.newResponseIds(checkedRows.length);
        repos.outcomes.addingCellsAfter(() => checkedRows.map((checked, i) => store(checked, enteredBy, cache, 'import', ids[i])));
        audit.record({ action: 'import', entity: 'response', entityId: `${checkedRows.length}`, fields: ['answers'] });
        return { dryRun, rows: rows.length, imported: checkedRows.length, errors };
      });
    },
  };
}
