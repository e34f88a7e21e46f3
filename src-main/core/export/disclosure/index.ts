import { childAgeAtStart } from '../generalise';
import type { Coarsening, ExportSource } from '../model';
import { isRowLevel } from '../tables';
import { buildAggregates, type AggregatesResult } from './aggregates';
import { checkKAnonymity, DEFAULT_K, type KAnonymityResult, type QuasiIdentifiers } from './k-anonymity';
import { defaultSuppression, type SuppressionOptions } from './suppression';

export interface DisclosureSettings {
  k: number;
  suppression: SuppressionOptions;
}

export const defaultDisclosureSettings: DisclosureSettings = { k: DEFAULT_K, suppression: defaultSuppression };

export interface DisclosureAssessment {
  aggregates: AggregatesResult;
  kAnonymity: KAnonymityResult;
}

/** The quasi-identifiers of exactly the rows participants.csv will hold. */
export function quasiIdentifierRecords(source: ExportSource): QuasiIdentifiers[] {
  const groups = new Map(source.groups.map((g) => [g.id, g]));
  const programmes = new Map(source.programmes.map((p) => [p.id, p.code]));
  const units = new Map(source.units.map((u) => [u.id, u.name]));
  const out: QuasiIdentifiers[] = [];
  for (const p of source.participants) {
    const g = groups.get(p.groupId);
    if (!g || !isRowLevel(p)) continue;
    out.push({
      unit: units.get(g.unitId) ?? '',
      programme: programmes.get(g.programmeId) ?? '',
      groupStart: g.startDate,
      relation: p.relation,
      childAge: childAgeAtStart(p.childBirthYear, g.startDate),
      childGender: p.childGender,
    });
  }
  return out;
}

export function assessDisclosure(source: ExportSource, coarsening: Coarsening, settings: DisclosureSettings = defaultDisclosureSettings): DisclosureAssessment {
  return {
    aggregates: buildAggregates(source, settings.suppression),
    kAnonymity: checkKAnonymity(quasiIdentifierRecords(source), coarsening, settings.k),
  };
}

export type { AggregatesResult, AggregateRow, Measure } from './aggregates';
export type { KAnonymityResult, CoarseningTrial, QuasiIdentifiers } from './k-anonymity';
export type { SuppressionOptions, SuppressedTable, CellStatus } from './suppression';
