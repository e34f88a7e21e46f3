import type { Bilingual } from '../../contract';
import type { InstrumentDefinition } from '../../contract/schemas/instruments';
import { parseTimepoint } from './timepoints';

/** One response as it arrives: from a form, or a CSV row with every cell still text. */
export interface RawResponse {
  participantId: string;
  instrument: string;
  version?: string | undefined;
  timepoint: string;
  date: string;
  /** Item code → the written value; '' or null for an item left blank. */
  answers: Readonly<Record<string, string | number | null>>;
}

export interface CheckedResponse {
  participantId: string;
  instrumentCode: string;
  instrumentVersion: string;
  timepoint: string;
  date: string;
  answers: Record<string, number | null>;
  definition: InstrumentDefinition;
}

export interface ResponseFault {
  column: string | null;
  message: Bilingual;
}

export interface ResponseLookups {
  programmeOfParticipant(id: string): string | undefined;
  /** The given version, or the latest when none is given; undefined when there is none. */
  definition(code: string, version: string | undefined): InstrumentDefinition | undefined;
  instrumentExists(code: string): boolean;
  followupsOf(programmeId: string): ReadonlySet<string>;
  alreadyEntered(participantId: string, instrument: string, timepoint: string): boolean;
}

/**
 * Cell text in a message: kept as text (a leading `=`, `+`, `-` or `@` is never evaluated here),
 * without control characters, and cut short so a hostile cell cannot flood the report.
 */
export function shownCell(value: string): string {
  let clean = '';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    clean += c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 ? ' ' : ch;
  }
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

const integerText = /^-?[0-9]{1,4}$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function validDate(text: string): boolean {
  if (!isoDate.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text && text >= '2000-01-01' && text <= '2100-12-31';
}

/**
 * Checks one response against what is stored: a known participant, instrument and version, a time
 * point the participant's programme has (`pre` and `post` always do; a follow-up when scheduled),
 * a real date, and every answer a whole number in its item's range. Returns every fault found.
 */
export function checkResponse(raw: RawResponse, lookups: ResponseLookups): { ok: true; value: CheckedResponse } | { ok: false; faults: ResponseFault[] } {
  const faults: ResponseFault[] = [];
  const fault = (column: string | null, sv: string, en: string) => faults.push({ column, message: { sv, en } });
  const participant = shownCell(raw.participantId);
  const programmeId = lookups.programmeOfParticipant(raw.participantId);
  if (!programmeId) fault('participant_id', `Det finns ingen deltagare med id ${participant}.`, `There is no participant with the id ${participant}.`);

  const point = parseTimepoint(raw.timepoint);
  const tp = shownCell(raw.timepoint);
  if (!point)
    fault(
      'timepoint',
      `Okänt mättillfälle "${tp}": ange pre, post eller fu följt av månader.`,
      `Unknown time point "${tp}": give pre, post or fu followed by months.`,
    );
  else if (point.kind === 'followup' && programmeId && !lookups.followupsOf(programmeId).has(raw.timepoint)) {
    fault('timepoint', `Deltagarens program har ingen uppföljning ${tp}.`, `The participant's programme has no follow-up ${tp}.`);
  }
  if (!validDate(raw.date))
    fault('date', `Datumet "${shownCell(raw.date)}" är inte ett datum ÅÅÅÅ-MM-DD.`, `The date "${shownCell(raw.date)}" is not a date YYYY-MM-DD.`);

  const code = shownCell(raw.instrument);
  const definition = lookups.definition(raw.instrument, raw.version);
  if (!definition) {
    if (raw.version !== undefined && lookups.instrumentExists(raw.instrument)) {
      fault('version', `${code} har ingen version ${shownCell(raw.version)}.`, `${code} has no version ${shownCell(raw.version)}.`);
    } else fault('instrument', `Det finns inget instrument ${code}.`, `There is no instrument ${code}.`);
    return { ok: false, faults };
  }

  const items = new Map(definition.items.map((item) => [item.code, item]));
  const answers: Record<string, number | null> = Object.fromEntries(definition.items.map((item) => [item.code, null]));
  for (const [column, value] of Object.entries(raw.answers)) {
    const empty = value === null || value === '';
    const item = items.get(column);
    if (!item) {
      if (!empty) fault(column, `${definition.code} har ingen fråga ${shownCell(column)}.`, `${definition.code} has no item ${shownCell(column)}.`);
      continue;
    }
    if (empty) continue;
    const text = String(value).trim();
    const n = integerText.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(n) || n < item.min || n > item.max) {
      fault(
        column,
        `Svaret "${shownCell(String(value))}" ska vara ett heltal från ${item.min} till ${item.max}.`,
        `The answer "${shownCell(String(value))}" must be a whole number from ${item.min} to ${item.max}.`,
      );
      continue;
    }
    answers[column] = n;
  }
  if (programmeId && point && lookups.alreadyEntered(raw.participantId, definition.code, raw.timepoint)) {
    fault(null, `Deltagaren har redan svar på ${definition.code} vid ${tp}.`, `The participant already has answers to ${definition.code} at ${tp}.`);
  }
  if (faults.length) return { ok: false, faults };
  return {
    ok: true,
    value: {
      participantId: raw.participantId,
      instrumentCode: definition.code,
      instrumentVersion: definition.version,
      timepoint: raw.timepoint,
      date: raw.date,
      answers,
      definition,
    },
  };
}
