import type { KometApp } from '../../src-main/app/komet-app';
import type { DemoRows } from '../../src-main/core/demo/generate';
import type { LeaderPathwayRows } from '../../src-main/core/demo/leaders';
import type { ParticipationRows } from '../../src-main/core/demo/participation';

/**
 * What each feature's bench section gets: the filled database at one scale, open through the
 * router as every shell calls it, and the helpers that print the shared table.
 */
export interface BenchContext {
  app: KometApp;
  scale: number;
  /** The demo database; sections may copy it, but must leave it usable for the ones after them. */
  databasePath: string;
  /** A scratch folder of this bench run, removed at the end. */
  dir: string;
  demo: DemoRows;
  participation: ParticipationRows;
  pathway: LeaderPathwayRows;
  /** How many times the export and its floor are run, alternating; their medians are printed. */
  exportRuns: number;
  record(measure: string, target: string, cell: string): void;
  /** p50 / p95 of repeated calls, warmed up first. */
  timeCalls(makeInput: () => [string, unknown]): Promise<string>;
  ms(n: number): string;
}

export type BenchSection = (ctx: BenchContext) => Promise<void>;
