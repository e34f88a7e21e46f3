import { z } from 'zod';
import { RESPONDENTS, SCALE_METHODS, type Respondent, type ScaleMethod } from '../enums';
import { msg } from '../messages';
import { isNoteText, isOneLine } from '../text';
import { tooLong } from './common';

/**
 * The instrument definition file, `komet-instrument/1`: a questionnaire's items, value ranges,
 * reverse keys, scales, scoring rules, bands and licence notice, as JSON. Unknown fields are
 * refused everywhere, so a typo never silently changes how a questionnaire is scored. This schema
 * checks the shape; the rules between fields (unique codes, scales that exist, no cycles, reachable
 * bands) are checked by the core's definition validator, which gives each fault its path.
 */
export const INSTRUMENT_FORMAT = 'komet-instrument/1';

/** Codes end up in file names, CSV headers and messages: a small alphabet keeps them safe there. */
export const instrumentCode = z.string({ error: msg('instrumentCode') }).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, { error: msg('instrumentCode') });
const version = z.string({ error: msg('instrumentVersion') }).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$/, { error: msg('instrumentVersion') });

const label = (max: number) =>
  z
    .string({ error: msg('required') })
    .trim()
    .min(1, { error: msg('required') })
    .max(max, tooLong)
    .refine(isOneLine, { error: msg('controlChars') });
const bilingual = (max: number) => z.object({ sv: label(max), en: label(max) }).strict();

/** Item values are small integers on paper forms; the bound keeps every sum exact in a double. */
const itemValue = z
  .number({ error: msg('itemValue') })
  .int({ error: msg('itemValue') })
  .min(-1000, { error: msg('itemValue') })
  .max(1000, { error: msg('itemValue') });
const scoreValue = z.number().min(-1e9).max(1e9);

export const instrumentItem = z
  .object({
    code: instrumentCode,
    min: itemValue,
    max: itemValue,
    reverse: z.boolean(),
    text: bilingual(1000).optional(),
  })
  .strict();

export const scoreBand = z.object({ from: scoreValue, to: scoreValue, label: bilingual(200) }).strict();

/**
 * One shape for both kinds of scale: a scale over items (`items`, `method`, `minAnswered`, and the
 * optional rules) or a scale over other scales (`scales`). Which fields each kind may carry is a
 * rule between fields, checked by the validator with the path of the offending field.
 */
export const instrumentScale = z
  .object({
    code: instrumentCode,
    items: z.array(instrumentCode).min(1).max(500).optional(),
    scales: z.array(instrumentCode).min(1).max(100).optional(),
    method: z.enum(SCALE_METHODS).optional(),
    minAnswered: z.number().int().min(1).max(500).optional(),
    prorate: z.boolean().optional(),
    maxMissingFilled: z.number().int().min(0).max(500).optional(),
    multiplier: z.number().positive().max(1000).optional(),
    bands: z.array(scoreBand).max(20).optional(),
  })
  .strict();

export const instrumentLicence = z
  .object({
    holder: label(200),
    terms: z
      .string({ error: msg('required') })
      .trim()
      .min(1, { error: msg('required') })
      .max(2000, tooLong)
      .refine(isNoteText, { error: msg('controlCharsInNote') }),
    itemTextsIncluded: z.boolean(),
  })
  .strict();

export const instrumentFile = z
  .object({
    format: z.literal(INSTRUMENT_FORMAT, { error: msg('instrumentFormat') }),
    code: instrumentCode,
    version,
    name: bilingual(200),
    respondent: z.enum(RESPONDENTS),
    licence: instrumentLicence,
    items: z.array(instrumentItem).min(1).max(500),
    scales: z.array(instrumentScale).max(100),
  })
  .strict();

/** The file as read: both scale kinds in one loose shape. */
export type InstrumentFile = z.output<typeof instrumentFile>;
export type InstrumentItem = z.output<typeof instrumentItem>;
export type ScoreBand = z.output<typeof scoreBand>;
export type InstrumentLicence = z.output<typeof instrumentLicence>;

/** A scale over items, with every rule spelled out (the validator fills the defaults). */
export interface ItemScale {
  code: string;
  items: string[];
  method: ScaleMethod;
  minAnswered: number;
  prorate: boolean;
  maxMissingFilled: number;
  multiplier: number;
  bands: ScoreBand[];
}

/** A scale over other scales: the sum of their scores. */
export interface CompositeScale {
  code: string;
  scales: string[];
  bands: ScoreBand[];
}

export type InstrumentScale = ItemScale | CompositeScale;

/** A definition that passed every rule: what scoring, storage and export work with. */
export interface InstrumentDefinition {
  format: typeof INSTRUMENT_FORMAT;
  code: string;
  version: string;
  name: { sv: string; en: string };
  respondent: Respondent;
  licence: InstrumentLicence;
  items: InstrumentItem[];
  scales: InstrumentScale[];
}

export const isCompositeScale = (scale: InstrumentScale): scale is CompositeScale => 'scales' in scale;
