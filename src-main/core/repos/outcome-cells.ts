import type { KometDb } from '../db/open';

/**
 * The per-group questionnaire cells of migration 0024 are kept by triggers, a few indexed reads
 * per score written. That is right for a hand-entered answer and too slow for a bulk write: the
 * demo at scale 10 spent 7.4 s in its questionnaire rows with the triggers and 1.1 s without, and
 * at scale 100 did not finish. A bulk write runs with the triggers set aside and rebuilds every
 * cell from the stored rows at the end, in the same transaction, so readers never see cells that
 * disagree with the scores.
 */
export function withOutcomeCellsRebuiltAfter<T>(db: KometDb, fn: () => T): T {
  const { sqlite } = db;
  return sqlite.transaction(() => {
    const triggers = sqlite
      .prepare("select name, sql from sqlite_master where type = 'trigger' and name like 'outcome\\_cells\\_%' escape '\\' order by name")
      .all() as { name: string; sql: string }[];
    for (const t of triggers) sqlite.exec(`drop trigger "${t.name}"`);
    const result = fn();
    rebuildOutcomeCells(db);
    for (const t of triggers) sqlite.exec(t.sql);
    return result;
  })();
}

/** Every cell computed afresh from responses, scores and participants (the same sums as 0024's initial fill). */
export function rebuildOutcomeCells(db: KometDb): void {
  db.sqlite.exec(`
    DELETE FROM outcome_level_cells;
    DELETE FROM outcome_change_cells;
    DELETE FROM outcome_return_cells;
    INSERT INTO outcome_level_cells (group_id, instrument_code, scale, timepoint, n, total, squares)
    SELECT p.group_id, r.instrument_code, x.scale, r.timepoint, count(*), sum(x.score), sum(x.score * x.score)
    FROM outcome_responses r JOIN participants p ON p.id = r.participant_id JOIN outcome_scores x ON x.response_id = r.id
    WHERE x.score IS NOT NULL
    GROUP BY 1, 2, 3, 4;
    INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
    SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, count(*),
      sum(xb.score), sum(xb.score * xb.score), sum(xa.score), sum(xa.score * xa.score),
      sum(xa.score - xb.score), sum((xa.score - xb.score) * (xa.score - xb.score))
    FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
    JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
    JOIN outcome_scores xa ON xa.response_id = a.id
    JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
    WHERE a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
    GROUP BY 1, 2, 3, 4;
    INSERT INTO outcome_return_cells (group_id, instrument_code, timepoint, returned)
    SELECT p.group_id, r.instrument_code, r.timepoint, count(*)
    FROM outcome_responses r JOIN participants p ON p.id = r.participant_id
    WHERE p.status <> 'moved'
    GROUP BY 1, 2, 3;
  `);
}
