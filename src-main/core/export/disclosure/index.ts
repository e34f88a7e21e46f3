import { areaOf } from '../areas';
import { generalisationOf, isRowLevel, type Coarsening, type ExportSource, type Generalisation, type SourceGroup } from '../model';
import { ALL, buildAggregates, type AggregatesResult } from './aggregates';
import { DEFAULT_K, enforceKAnonymity, type KAnonymityResult } from './k-anonymity';
import { encodeSource, HIDE_AGE, HIDE_GENDER, HIDE_RELATION } from './quasi-identifiers';
import { defaultSuppression, type SuppressionOptions } from './suppression';

export interface DisclosureSettings {
  k: number;
  suppression: SuppressionOptions;
  /**
   * False only for an export below k that the user asked for with a written reason: the files are
   * then written at the requested detail, nothing generalised further or hidden.
   */
  enforceK?: boolean;
}

export const defaultDisclosureSettings: DisclosureSettings = { k: DEFAULT_K, suppression: defaultSuppression };

export interface DisclosureAssessment {
  /** The participants.csv columns an outsider could know: k-anonymity holds over exactly these. */
  quasiIdentifiers: string[];
  kAnonymity: KAnonymityResult;
  aggregates: AggregatesResult;
}

/** How one enrolment is written to participants.csv. */
export interface RowDecision {
  withheld: boolean;
  hideAge: boolean;
  hideGender: boolean;
  hideRelation: boolean;
}

export interface DisclosurePlan {
  assessment: DisclosureAssessment;
  generalisation: Generalisation;
  /** The decision for the enrolment at this index of source.participants; null when it is not row-level. */
  row(index: number): RowDecision | null;
  /** The unit column's value for a group at the chosen detail: its unit's, whatever the group. */
  unitLabel(group: SourceGroup): string;
  /** Held sessions by group id, counted in the disclosure check's pass over the sessions. */
  sessionsHeld: ReadonlyMap<string, number>;
}

export const unitColumnName = (g: Generalisation): string | null => (g.unit === 'unit' ? 'unit' : g.unit === 'area' ? 'area' : null);
export const ageColumnName = (g: Generalisation): string | null => (g.childAge === 'exact' ? 'child_age' : g.childAge === 'band' ? 'child_age_band' : null);

export function quasiIdentifierColumns(g: Generalisation): string[] {
  return [unitColumnName(g), 'programme', 'start_period', 'relation', ageColumnName(g), 'child_gender'].filter((c): c is string => c !== null);
}

const ROW_LEVEL = 1;
const WITHHELD = 2;
const AGE_HIDDEN = 4;
const GENDER_HIDDEN = 8;
const RELATION_HIDDEN = 16;

export function planDisclosure(source: ExportSource, coarsening: Coarsening, settings: DisclosureSettings = defaultDisclosureSettings): DisclosurePlan {
  const groups = new Set(source.groups.map((g) => g.id));
  const people = source.participants;
  const recordOf = new Int32Array(people.length).fill(-1);
  let n = 0;
  for (let i = 0; i < people.length; i++) if (groups.has(people.groupId(i)) && isRowLevel(people.consent(i))) recordOf[i] = n++;
  const { codes, suppression, result } = enforceKAnonymity(encodeSource(source), generalisationOf(coarsening), settings.k, settings.enforceK ?? true);
  const g = result.generalisation;
  const units = new Map(source.units.map((u) => [u.id, u]));
  const unitLabel = (group: SourceGroup) => {
    const unit = units.get(group.unitId);
    if (g.unit === 'dropped') return ALL;
    if (!unit) return '?';
    return g.unit === 'area' ? areaOf(unit) : unit.name;
  };
  // Each enrolment's decision as a few bits, worked out once: the codes and masks it comes from are
  // a dozen arrays the size of the participant rows, and the plan lives as long as the export.
  const decisions = new Uint8Array(people.length);
  for (let i = 0; i < people.length; i++) {
    const r = recordOf[i]!;
    if (r < 0) continue;
    const family = suppression.familyMask[codes.family[r]!]!;
    decisions[i] =
      ROW_LEVEL |
      (suppression.withheld[r] === 1 ? WITHHELD : 0) |
      ((family & HIDE_AGE) !== 0 ? AGE_HIDDEN : 0) |
      ((family & HIDE_GENDER) !== 0 ? GENDER_HIDDEN : 0) |
      ((suppression.personMask[codes.person[r]!]! & HIDE_RELATION) !== 0 ? RELATION_HIDDEN : 0);
  }
  const row = (index: number): RowDecision | null => {
    const d = decisions[index]!;
    if (!(d & ROW_LEVEL)) return null;
    return {
      withheld: (d & WITHHELD) !== 0,
      hideAge: (d & AGE_HIDDEN) !== 0,
      hideGender: (d & GENDER_HIDDEN) !== 0,
      hideRelation: (d & RELATION_HIDDEN) !== 0,
    };
  };
  const sessionsHeld = new Map<string, number>();
  const aggregates = buildAggregates(source, { generalisation: g, unitLabel, visible: (i) => row(i)?.withheld === false }, settings.suppression, sessionsHeld);
  return {
    assessment: { quasiIdentifiers: quasiIdentifierColumns(g), kAnonymity: result, aggregates },
    generalisation: g,
    row,
    unitLabel,
    sessionsHeld,
  };
}

export { quasiIdentifierRecords } from './quasi-identifiers';
export type { AggregatesResult, AggregateRow, Measure } from './aggregates';
export type { KAnonymityResult, HiddenValues } from './k-anonymity';
export type { ClassStats, QuasiIdentifiers } from './quasi-identifiers';
export type { SuppressionOptions, SuppressedTable, CellStatus } from './suppression';
