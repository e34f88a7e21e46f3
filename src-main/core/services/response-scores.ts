import { scoreRowsOf } from '../outcomes/stored-scores';
import type { Repos } from '../repos';
import { instrumentCache } from './instruments';

/** Recomputes one response's stored scores from its answers, e.g. after it arrived from another machine. */
export function rescoreResponse(repos: Repos, responseId: string, instruments: ReturnType<typeof instrumentCache> = instrumentCache(repos)): void {
  const response = repos.outcomes.response(responseId);
  if (!response) return;
  const prepared = instruments(response.instrumentCode, response.instrumentVersion);
  if (!prepared) return;
  try {
    const answers = JSON.parse(response.answers) as Record<string, number | null>;
    repos.outcomes.writeScores(responseId, scoreRowsOf(prepared.definition, prepared.scorer, answers));
  } catch {
    // Answers that do not fit the definition have no scores rather than wrong ones.
    repos.outcomes.writeScores(responseId, []);
  }
}
