import type { InstrumentDefinition } from '../../contract/schemas/instruments';
import type { ScoreRow } from '../repos/outcomes';
import type { Answers, Scorer } from './scoring';

/** A scorer's results as stored rows: the band as its index in the scale's definition. */
export function scoreRowsOf(definition: InstrumentDefinition, scorer: Scorer, answers: Answers): ScoreRow[] {
  const bandsOf = new Map(definition.scales.map((s) => [s.code, s.bands]));
  return scorer(answers).map((r) => {
    const index = r.band ? bandsOf.get(r.scale)!.indexOf(r.band) : -1;
    return { scale: r.scale, score: r.score, band: index >= 0 ? index : null, answered: r.answered, filled: r.filled };
  });
}
