import type { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import sv from 'zod/v4/locales/sv.js';
import { ruleMessageFor } from '../../contract/messages';
import {
  instrumentFile,
  isCompositeScale,
  type CompositeScale,
  type InstrumentDefinition,
  type InstrumentFile,
  type InstrumentItem,
  type InstrumentScale,
  type ItemScale,
  type ScoreBand,
} from '../../contract/schemas/instruments';
import { AppError, type Bilingual, type FieldIssue } from '../errors';
import { itemScaleRange, type ScoreRange } from './range';

/** A definition file is a few kilobytes; anything far larger is not one, and is refused unread. */
export const MAX_DEFINITION_CHARS = 1_000_000;

export const invalid = (issues: FieldIssue[]) =>
  new AppError(
    'validation',
    { sv: 'Instrumentdefinitionen är felaktig och lästes inte in.', en: 'The instrument definition is invalid and was not read.' },
    issues,
  );

/** Reads a `komet-instrument/1` file's text; refuses anything that is not a valid definition. */
export function parseInstrumentJson(text: string): InstrumentDefinition {
  if (text.length > MAX_DEFINITION_CHARS) {
    throw invalid([
      issue('', 'Filen är för stor för att vara en instrumentdefinition (högst 1 MB).', 'The file is too large to be an instrument definition (at most 1 MB).'),
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid([issue('', 'Filen är inte giltig JSON.', 'The file is not valid JSON.')]);
  }
  return validateInstrumentDefinition(value);
}

/** Checks a parsed definition against the format and every rule between its fields. */
export function validateInstrumentDefinition(value: unknown): InstrumentDefinition {
  const result = checkInstrumentDefinition(value);
  if (!result.ok) throw invalid(result.issues);
  return result.value;
}

export type DefinitionCheck = { ok: true; value: InstrumentDefinition } | { ok: false; issues: FieldIssue[] };

export function checkInstrumentDefinition(value: unknown): DefinitionCheck {
  const parsed = instrumentFile.safeParse(value);
  if (!parsed.success) return { ok: false, issues: shapeIssues(value) };
  const issues: FieldIssue[] = [];
  const refused = (): DefinitionCheck => ({ ok: false, issues: issues.slice(0, MAX_ISSUES) });
  const file = parsed.data;
  const items = indexItems(file, issues);
  const scales = file.scales.map((scale, i) => normaliseScale(scale, i, items, issues));
  const scaleIndex = indexScales(file, issues);
  if (issues.length) return refused();
  checkCycles(scales, scaleIndex, issues);
  if (issues.length) return refused();
  checkBands(scales, items, issues);
  if (issues.length) return refused();
  return {
    ok: true,
    value: {
      format: file.format,
      code: file.code,
      version: file.version,
      name: file.name,
      respondent: file.respondent,
      licence: file.licence,
      items: file.items,
      scales: scales as InstrumentScale[],
    },
  };
}

const issue = (path: string, svText: string, enText: string): FieldIssue => ({ path, message: { sv: svText, en: enText } });

function indexItems(file: InstrumentFile, issues: FieldIssue[]): Map<string, InstrumentItem> {
  const items = new Map<string, InstrumentItem>();
  file.items.forEach((item, i) => {
    if (items.has(item.code)) issues.push(issue(`items.${i}.code`, `Frågekoden ${item.code} finns redan.`, `The item code ${item.code} is used twice.`));
    else items.set(item.code, item);
    // The licence notice is what an export or a shipped file promises about the texts.
    if (item.text && !file.licence.itemTextsIncluded) {
      issues.push(
        issue(
          `items.${i}.text`,
          'Licensen anger att frågetexter inte ingår, men frågan har en text.',
          'The licence says item texts are not included, but the item has a text.',
        ),
      );
    }
    if (item.min > item.max) {
      issues.push(
        issue(
          `items.${i}.min`,
          `Lägsta värdet (${item.min}) är större än högsta (${item.max}).`,
          `The lowest value (${item.min}) is above the highest (${item.max}).`,
        ),
      );
    }
  });
  return items;
}

function indexScales(file: InstrumentFile, issues: FieldIssue[]): Map<string, number> {
  const index = new Map<string, number>();
  file.scales.forEach((scale, i) => {
    if (index.has(scale.code)) issues.push(issue(`scales.${i}.code`, `Skalkoden ${scale.code} finns redan.`, `The scale code ${scale.code} is used twice.`));
    else index.set(scale.code, i);
  });
  return index;
}

const itemScaleOnly = ['method', 'minAnswered', 'prorate', 'maxMissingFilled', 'multiplier'] as const;

function normaliseScale(
  scale: InstrumentFile['scales'][number],
  i: number,
  items: ReadonlyMap<string, InstrumentItem>,
  issues: FieldIssue[],
): InstrumentScale | null {
  const path = `scales.${i}`;
  if (scale.items && scale.scales) {
    issues.push(
      issue(
        path,
        'En skala räknas antingen på frågor ("items") eller på andra skalor ("scales"), inte båda.',
        'A scale is computed either from items ("items") or from other scales ("scales"), not both.',
      ),
    );
    return null;
  }
  if (scale.scales) {
    for (const field of itemScaleOnly) {
      if (scale[field] !== undefined) {
        issues.push(
          issue(
            `${path}.${field}`,
            `"${field}" gäller bara skalor över frågor; en skala över skalor är summan av dem.`,
            `"${field}" applies only to scales over items; a scale over scales is their sum.`,
          ),
        );
      }
    }
    checkMembers(scale.scales, `${path}.scales`, issues);
    return { code: scale.code, scales: scale.scales, bands: scale.bands ?? [] } satisfies CompositeScale;
  }
  if (!scale.items) {
    issues.push(issue(path, 'Ange skalans frågor ("items") eller skalor ("scales").', 'Give the scale\'s items ("items") or scales ("scales").'));
    return null;
  }
  if (scale.method === undefined)
    issues.push(issue(`${path}.method`, 'Ange hur skalan räknas: "sum" eller "mean".', 'Give how the scale is computed: "sum" or "mean".'));
  if (scale.minAnswered === undefined)
    issues.push(issue(`${path}.minAnswered`, 'Ange hur många frågor som minst måste vara besvarade.', 'Give how many items must at least be answered.'));
  checkMembers(scale.items, `${path}.items`, issues, (code) => items.has(code));
  const n = scale.items.length;
  if (scale.minAnswered !== undefined && scale.minAnswered > n) {
    issues.push(
      issue(
        `${path}.minAnswered`,
        `Minsta antal besvarade (${scale.minAnswered}) är fler än skalans ${n} frågor.`,
        `The minimum answered (${scale.minAnswered}) is more than the scale's ${n} items.`,
      ),
    );
  }
  const maxMissingFilled = scale.maxMissingFilled ?? 0;
  if (maxMissingFilled >= n) {
    issues.push(
      issue(
        `${path}.maxMissingFilled`,
        `Högst ${n - 1} saknade svar kan fyllas i en skala med ${n} frågor.`,
        `At most ${n - 1} missing answers can be filled in a scale of ${n} items.`,
      ),
    );
  }
  if (scale.method === undefined || scale.minAnswered === undefined) return null;
  return {
    code: scale.code,
    items: scale.items,
    method: scale.method,
    minAnswered: scale.minAnswered,
    prorate: scale.prorate ?? false,
    maxMissingFilled,
    multiplier: scale.multiplier ?? 1,
    bands: scale.bands ?? [],
  } satisfies ItemScale;
}

/** Refuses repeated members, and (for items) members that are not in the definition. */
function checkMembers(codes: string[], path: string, issues: FieldIssue[], itemExists?: (code: string) => boolean): void {
  const seen = new Set<string>();
  codes.forEach((code, j) => {
    if (seen.has(code)) issues.push(issue(`${path}.${j}`, `${code} finns två gånger i skalan.`, `${code} appears twice in the scale.`));
    seen.add(code);
    if (itemExists && !itemExists(code))
      issues.push(issue(`${path}.${j}`, `Det finns ingen fråga med koden ${code}.`, `There is no item with the code ${code}.`));
  });
}

/** Scales over scales must name existing scales and never lead back to themselves. */
function checkCycles(scales: (InstrumentScale | null)[], index: ReadonlyMap<string, number>, issues: FieldIssue[]): void {
  scales.forEach((scale, i) => {
    if (!scale || !isCompositeScale(scale)) return;
    scale.scales.forEach((code, j) => {
      if (!index.has(code))
        issues.push(issue(`scales.${i}.scales.${j}`, `Det finns ingen skala med koden ${code}.`, `There is no scale with the code ${code}.`));
    });
  });
  if (issues.length) return;
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number, trail: string[]): void => {
    const scale = scales[i];
    if (!scale || !isCompositeScale(scale) || state.get(i) === 'done') return;
    if (state.get(i) === 'visiting') return;
    state.set(i, 'visiting');
    for (const [j, code] of scale.scales.entries()) {
      const k = index.get(code)!;
      if (state.get(k) === 'visiting') {
        const stack = [...trail, scale.code];
        const cycle = [...stack.slice(stack.indexOf(code)), code].join(' → ');
        issues.push(issue(`scales.${i}.scales.${j}`, `Skalorna bildar en slinga: ${cycle}.`, `The scales form a cycle: ${cycle}.`));
        continue;
      }
      visit(k, [...trail, scale.code]);
    }
    state.set(i, 'done');
  };
  // Depth is bounded by the 100 scales the format allows.
  scales.forEach((_, i) => visit(i, []));
}

/** Every scale's reachable range; called only on an acyclic definition with known members. */
export function scaleRanges(scales: readonly InstrumentScale[], items: ReadonlyMap<string, InstrumentItem>): Map<string, ScoreRange> {
  const ranges = new Map<string, ScoreRange>();
  const byCode = new Map(scales.map((s) => [s.code, s]));
  const rangeOf = (scale: InstrumentScale): ScoreRange => {
    const known = ranges.get(scale.code);
    if (known) return known;
    let range: ScoreRange;
    if (isCompositeScale(scale)) {
      range = { min: 0, max: 0 };
      for (const code of scale.scales) {
        const part = rangeOf(byCode.get(code)!);
        range = { min: range.min + part.min, max: range.max + part.max };
      }
    } else range = itemScaleRange(scale, items);
    ranges.set(scale.code, range);
    return range;
  };
  scales.forEach(rangeOf);
  return ranges;
}

function checkBands(scales: (InstrumentScale | null)[], items: ReadonlyMap<string, InstrumentItem>, issues: FieldIssue[]): void {
  const ranges = scaleRanges(scales as InstrumentScale[], items);
  scales.forEach((scale, i) => {
    if (!scale) return;
    const range = ranges.get(scale.code)!;
    const sorted = scale.bands.map((band, j) => ({ band, j })).sort((a, b) => a.band.from - b.band.from);
    let previous: { band: ScoreBand; j: number } | undefined;
    for (const entry of sorted) {
      const { band, j } = entry;
      const path = `scales.${i}.bands.${j}`;
      if (band.from > band.to) {
        issues.push(
          issue(
            `${path}.from`,
            `Bandet börjar (${band.from}) efter att det slutar (${band.to}).`,
            `The band starts (${band.from}) after it ends (${band.to}).`,
          ),
        );
        continue;
      }
      if (band.from < range.min || band.to > range.max) {
        issues.push(
          issue(
            path,
            `Bandet ${band.from}–${band.to} ligger utanför skalans möjliga poäng ${range.min}–${range.max}.`,
            `The band ${band.from}–${band.to} lies outside the scale's reachable scores ${range.min}–${range.max}.`,
          ),
        );
      }
      if (previous && band.from <= previous.band.to) {
        issues.push(
          issue(
            path,
            `Bandet ${band.from}–${band.to} överlappar bandet ${previous.band.from}–${previous.band.to}.`,
            `The band ${band.from}–${band.to} overlaps the band ${previous.band.from}–${previous.band.to}.`,
          ),
        );
      }
      previous = entry;
    }
  });
}

const svLocale = sv();
const enLocale = en();

function bilingualFor(svText: string, enText: string): Bilingual {
  return ruleMessageFor(svText) ?? { sv: svText, en: enText };
}

/** A hostile file can hold any number of faults; the first ones are enough to correct it. */
const MAX_ISSUES = 50;
/** Field names from the file go into paths and messages only when they look like field names. */
const shownKey = (key: string) => (/^[A-Za-z0-9_$-]{1,40}$/.test(key) ? key : '?');

/** zod's faults in both languages; an unknown field is reported at its own path. */
function shapeIssues(value: unknown): FieldIssue[] {
  const schema: z.ZodType = instrumentFile;
  const enIssues = schema.safeParse(value, { error: enLocale.localeError }).error?.issues ?? [];
  const svIssues = schema.safeParse(value, { error: svLocale.localeError }).error?.issues ?? [];
  return enIssues
    .flatMap((found, i) => {
      const path = found.path.map((p) => shownKey(String(p)));
      if (found.code === 'unrecognized_keys') {
        return found.keys
          .slice(0, MAX_ISSUES)
          .map((key) => issue([...path, shownKey(key)].join('.'), `Okänt fält "${shownKey(key)}".`, `Unknown field "${shownKey(key)}".`));
      }
      return [{ path: path.join('.'), message: bilingualFor(svIssues[i]?.message ?? found.message, found.message) }];
    })
    .slice(0, MAX_ISSUES);
}
