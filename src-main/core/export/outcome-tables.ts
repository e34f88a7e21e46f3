import { RESPONSE_SOURCES } from '../../contract/enums';
import { daysBetween } from '../domain/session-dates';
import type { SourceGroup, SourceInstrument, SourceOutcomes, SourceResponse, SourceScore } from './model';
import type { Pseudonymiser } from './pseudonym';
import { csvField, csvFields } from './csv';
import { bi, type Cell, type ColumnDef, type TableDef } from './table-def';

/** The questionnaire files: item answers and scale scores, row-level like participants.csv. */
export const OUTCOME_TABLE_NAMES = ['responses', 'scores'] as const;
/** The definitions the exported responses were entered under. */
export const INSTRUMENTS_FILE = 'instruments.json';

/**
 * The questionnaire files are in a package whose scope holds questionnaire answers; a scope without
 * any gives the same package as before they existed.
 */
export const hasOutcomes = (outcomes: SourceOutcomes | undefined): outcomes is SourceOutcomes => (outcomes?.instruments.length ?? 0) > 0;

const CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$';
const TIMEPOINT_PATTERN = '^(pre|post|fu[1-9][0-9]{0,2})$';

export interface OutcomeTableContext {
  outcomes: SourceOutcomes;
  pseudo: Pseudonymiser;
  groups: ReadonlyMap<string, SourceGroup>;
  /** Whether the person's row in that group is in participants.csv: consent, and not withheld for k-anonymity. */
  isEnrolled(participantId: string, groupId: string): boolean;
  participantIdColumn: ColumnDef;
  groupIdColumn: ColumnDef;
}

/**
 * responses.csv holds one row per person, group, instrument, time point and item, with the answer
 * (blank when the item was left blank) and the days from the group's start to the answer (no exact
 * date leaves); scores.csv one row per scale, at full precision. Both carry only people whose row
 * is in participants.csv, so a questionnaire never brings back a person the disclosure control
 * left out, nor anyone without research consent.
 */
export function buildOutcomeTables(ctx: OutcomeTableContext): TableDef[] {
  const { outcomes, pseudo, groups, isEnrolled, participantIdColumn, groupIdColumn } = ctx;
  const keep = (r: { participantId: string; groupId: string }) => groups.has(r.groupId) && isEnrolled(r.participantId, r.groupId);
  const common: ColumnDef[] = [
    participantIdColumn,
    groupIdColumn,
    {
      name: 'instrument',
      type: 'string',
      required: true,
      pattern: CODE_PATTERN,
      description: bi('Formulärets kod (se instruments.json)', 'Code of the form (see instruments.json)'),
    },
    {
      name: 'version',
      type: 'string',
      required: true,
      description: bi('Formulärets version som svaren fördes in under', 'Version of the form the answers were entered under'),
    },
    {
      name: 'timepoint',
      type: 'string',
      required: true,
      pattern: TIMEPOINT_PATTERN,
      description: bi(
        'Mättillfälle: pre (före), post (efter) eller fuN (uppföljning N månader efter sista träffen)',
        'Time point: pre, post or fuN (follow-up N months after the last session)',
      ),
    },
  ];
  const keyColumns = ['participant_id', 'group_id', 'instrument', 'timepoint'];
  const participantKey = { fields: ['participant_id', 'group_id'], reference: { resource: 'participants', fields: ['participant_id', 'group_id'] } };

  /** Each response kept, with the cells its rows share and its answers by item. */
  const responseRows = function* (from: Iterable<SourceResponse>): Generator<{ prefix: Cell[]; answers: Record<string, number | null> }> {
    for (const r of from) {
      if (!keep(r)) continue;
      const answers = answersOf(r);
      if (answers) yield { prefix: responsePrefix(r, groups.get(r.groupId)!.startDate, pseudo), answers };
    }
  };
  /** The records of the responses kept, whether read in one go or a page of groups at a time. */
  const answerRecordsOf = function* (from: Iterable<SourceResponse>, delimiter: ',' | ';'): Generator<string> {
    for (const { prefix, answers } of responseRows(from)) {
      const head = responseHead(prefix, delimiter);
      for (const item in answers) yield answerRecord(head, item, answers[item]!, delimiter);
    }
  };
  const pageOfResponses = outcomes.responsesOfGroups;

  const responses: TableDef = {
    name: 'responses',
    title: bi('Enkätsvar', 'Questionnaire answers'),
    description: bi(
      'En rad per deltagare, grupp, formulär, mättillfälle och fråga, endast deltagare som finns i participants.csv.',
      'One row per participant, group, form, time point and item, only participants who are in participants.csv.',
    ),
    columns: [
      ...common,
      {
        name: 'days_from_start',
        type: 'integer',
        required: true,
        description: bi(
          'Dagar från gruppens start till svarsdatum (negativt före start)',
          "Days from the group's start to the date answered (negative before the start)",
        ),
      },
      {
        name: 'source',
        type: 'string',
        required: false,
        enum: RESPONSE_SOURCES,
        enumLabels: {
          form: bi('Inmatad i Komets formulär (från papper)', "Typed into Komet's form (from paper)"),
          import: bi('Importerad från fil', 'Imported from a file'),
        },
        description: bi(
          'Hur svaren kom in; tomt = inte registrerat (svar sparade innan Komet började registrera det)',
          'How the answers came in; blank = not recorded (answers stored before Komet began recording it)',
        ),
      },
      { name: 'item', type: 'string', required: true, pattern: CODE_PATTERN, description: bi('Frågans kod i formuläret', 'Code of the item in the form') },
      {
        name: 'value',
        type: 'integer',
        required: false,
        description: bi('Svaret; tomt = frågan besvarades inte', 'The answer; blank = the item was not answered'),
      },
    ],
    primaryKey: [...keyColumns, 'item'],
    foreignKeys: [participantKey],
    *rows() {
      for (const { prefix, answers } of responseRows(outcomes.responses())) {
        for (const item in answers) yield [...prefix, item, typeof answers[item] === 'number' ? answers[item] : null];
      }
    },
    // A response is one row per item: its seven leading cells are written once for all of them.
    records: (delimiter) => answerRecordsOf(outcomes.responses(), delimiter),
    ...(pageOfResponses ? { recordsOfGroups: (groupIds, delimiter) => answerRecordsOf(pageOfResponses(groupIds), delimiter) } : {}),
  };

  const scores: TableDef = {
    name: 'scores',
    title: bi('Skalpoäng', 'Scale scores'),
    description: bi(
      'En rad per deltagare, grupp, formulär, mättillfälle och skala, med full precision; endast deltagare som finns i participants.csv.',
      'One row per participant, group, form, time point and scale, at full precision; only participants who are in participants.csv.',
    ),
    columns: [
      ...common,
      { name: 'scale', type: 'string', required: true, pattern: CODE_PATTERN, description: bi('Skalans kod i formuläret', 'Code of the scale in the form') },
      {
        name: 'score',
        type: 'number',
        required: false,
        description: bi('Poängen; tomt = för få besvarade frågor', 'The score; blank = too few items answered'),
      },
      {
        name: 'band',
        type: 'integer',
        required: false,
        minimum: 1,
        description: bi(
          'Nivåns nummer i skalans lista i instruments.json (1 = första); tomt = ingen nivå',
          "Number of the band in the scale's list in instruments.json (1 = first); blank = no band",
        ),
      },
    ],
    primaryKey: [...keyColumns, 'scale'],
    foreignKeys: [participantKey],
    *rows() {
      for (const s of outcomes.scores()) if (keep(s)) yield scoreRow(s, pseudo);
    },
  };
  return [responses, scores];
}

/** A response's answers by item; null when they are not an object (it then has no rows). */
export function answersOf(r: SourceResponse): Record<string, number | null> | null {
  let answers: unknown;
  try {
    answers = JSON.parse(r.answers);
  } catch {
    return null;
  }
  return typeof answers === 'object' && answers !== null && !Array.isArray(answers) ? (answers as Record<string, number | null>) : null;
}

/** The seven cells a response's rows share. */
export const responsePrefix = (r: SourceResponse, groupStart: string, pseudo: Pseudonymiser): Cell[] => [
  pseudo('participant', r.participantId),
  pseudo('group', r.groupId),
  r.instrumentCode,
  r.instrumentVersion,
  r.timepoint,
  daysBetween(groupStart, r.date),
  r.source,
];

/** The text a response's records start with: its seven shared cells, written once for all its items. */
export const responseHead = (prefix: Cell[], delimiter: ',' | ';'): string => csvFields(prefix, delimiter) + delimiter;

/** One record of responses.csv: a response's head, an item and its answer (blank when left blank). */
const answerRecord = (head: string, item: string, value: number | null, delimiter: ',' | ';'): string =>
  `${head}${csvField(item, delimiter)}${delimiter}${typeof value === 'number' ? value : ''}\r\n`;

/**
 * A response's records, one per item, as one text, and how many: what the thread that makes some
 * of the file's pages writes per response (scores-worker.ts).
 */
export function answerRecords(head: string, answers: Record<string, number | null>, delimiter: ',' | ';'): { text: string; rows: number } {
  let text = '';
  let rows = 0;
  for (const item in answers) {
    text += answerRecord(head, item, answers[item]!, delimiter);
    rows++;
  }
  return { text, rows };
}

/** One row of scores.csv; also made by the thread that writes scores.csv (scores-thread.ts). */
export const scoreRow = (s: SourceScore, pseudo: Pseudonymiser): Cell[] => [
  pseudo('participant', s.participantId),
  pseudo('group', s.groupId),
  s.instrumentCode,
  s.instrumentVersion,
  s.timepoint,
  s.scale,
  s.score,
  s.band === null ? null : s.band + 1,
];

/**
 * The definitions as used, without item texts: texts are often licensed for paper or local use
 * only (a site imports them under its own licence), and scoring needs none of them.
 */
export function instrumentsJson(instruments: readonly SourceInstrument[]): string {
  const definitions = instruments.map((i) => {
    const definition = JSON.parse(i.definition) as { licence: { itemTextsIncluded: boolean }; items: { text?: unknown }[] };
    return {
      ...definition,
      licence: { ...definition.licence, itemTextsIncluded: false },
      items: definition.items.map(({ text: _text, ...item }) => item),
    };
  });
  return `${JSON.stringify({ format: 'komet-instruments/1', instruments: definitions }, null, 2)}\n`;
}
