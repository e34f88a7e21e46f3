import type { KometDb } from '../db/open';
import { leadersNotes } from './leaders-changes';
import { reportNotes } from './report-changes';
import { worklistNotes } from './worklist-changes';

/**
 * Some tables are kept by triggers a few indexed reads per row written: the per-group
 * questionnaire cells (migrations 0024 and 0027), their sums per programme and start date (0029),
 * the unanswered questionnaires (0028), the yearly presence counts (0013), the statistics' cells
 * (0030) and the overview's yearly cells (0031). That is right for
 * a hand-entered answer or mark and too slow for a bulk write: the demo at scale 10 spent 7.4 s
 * in its questionnaire rows with the cell triggers and 1.1 s without, and at scale 100 did not
 * finish. A bulk write runs with those triggers set aside and rebuilds the tables from the stored
 * rows at the end, in the same transaction, so no reader ever sees them disagree with the rows.
 *
 * Sync's capture triggers are set aside too while capture is off (they then do nothing but cost
 * a lookup per row); while it is on they stay, so every row still reaches the outbox.
 */
export function withDerivedTablesRebuiltAfter<T>(db: KometDb, fn: () => T): T {
  const { sqlite } = db;
  return sqlite.transaction(() => {
    const capturing = sqlite.prepare('select capturing from sync_state where id = 1').pluck().get() === 1;
    const prefixes = [
      'dash_cells',
      'outcome_cells',
      'outcome_enrolments',
      'outcome_scope',
      'outcome_unanswered',
      'presence_years',
      'stats_cells',
      ...(capturing ? [] : ['sync']),
    ];
    const triggers = sqlite
      .prepare(
        `select name, sql from sqlite_master where type = 'trigger' and (${prefixes.map(() => "name like ? || '\\_%' escape '\\'").join(' or ')}) order by name`,
      )
      .all(...prefixes) as { name: string; sql: string }[];
    for (const t of triggers) sqlite.exec(`drop trigger "${t.name}"`);
    // Every reader that keeps what it read between writes gets one note that everything changed.
    const restoreNotes = [leadersNotes, worklistNotes, reportNotes].map((notes) => notes.setAside(sqlite));
    const result = fn();
    rebuildOutcomeCells(db);
    rebuildPresenceYears(db);
    rebuildStatsCells(db);
    rebuildDashCells(db);
    for (const t of triggers) sqlite.exec(t.sql);
    for (const restore of restoreNotes) restore();
    return result;
  })();
}

/**
 * Every cell computed afresh from responses, scores and participants (the same sums as 0024's and
 * 0027's initial fills), their sums per programme and start date from them (0029's), and the
 * unanswered questionnaires from them with groups, schedules and marks (0028's). The per-group
 * tables are stored by their keys (0033), so each is filled in key order: appended page after
 * page rather than split all over; the grouped ones come in that order already.
 */
function rebuildOutcomeCells(db: KometDb): void {
  db.sqlite.exec(`
    DELETE FROM outcome_level_cells;
    DELETE FROM outcome_change_cells;
    DELETE FROM outcome_return_cells;
    DELETE FROM outcome_enrolment_cells;
    DELETE FROM outcome_unanswered;
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
    INSERT INTO outcome_enrolment_cells (group_id, enrolled)
    SELECT group_id, count(*) FROM participants WHERE status <> 'moved' GROUP BY 1;
    INSERT INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
    SELECT p.group_id, s.instrument_code, s.timepoint, p.id
    FROM participants p JOIN groups g ON g.id = p.group_id JOIN outcome_schedules s ON s.programme_id = g.programme_id
    WHERE p.status <> 'moved'
      AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = p.id AND r.instrument_code = s.instrument_code AND r.timepoint = s.timepoint)
      AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = p.id AND x.timepoint = s.timepoint)
    ORDER BY 1, 2, 3, 4;
    DELETE FROM outcome_scope_level_cells;
    DELETE FROM outcome_scope_change_cells;
    DELETE FROM outcome_scope_enrolments;
    DELETE FROM outcome_scope_returns;
    INSERT INTO outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, n, total, squares)
    SELECT c.instrument_code, g.programme_id, g.start_date, c.scale, c.timepoint, sum(c.n), sum(c.total), sum(c.squares)
    FROM outcome_level_cells c JOIN groups g ON g.id = c.group_id
    GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
    SELECT c.instrument_code, g.programme_id, g.start_date, c.scale, c.timepoint, sum(c.n), sum(c.before_total), sum(c.before_squares),
      sum(c.after_total), sum(c.after_squares), sum(c.change_total), sum(c.change_squares)
    FROM outcome_change_cells c JOIN groups g ON g.id = c.group_id
    GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
    SELECT g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), sum(c.enrolled)
    FROM outcome_enrolment_cells c JOIN groups g ON g.id = c.group_id LEFT JOIN group_spans sp ON sp.group_id = g.id
    GROUP BY 1, 2, 3, 4;
    INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
    SELECT c.instrument_code, g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), c.timepoint, sum(c.returned)
    FROM outcome_return_cells c JOIN groups g ON g.id = c.group_id LEFT JOIN group_spans sp ON sp.group_id = g.id
    GROUP BY 1, 2, 3, 4, 5, 6;
  `);
}

/** Present marks at held sessions of groups that keep attendance, per person and year (0013's initial fill). */
function rebuildPresenceYears(db: KometDb): void {
  db.sqlite.exec(`
    DELETE FROM presence_years;
    INSERT INTO presence_years (person_id, year, marks)
    SELECT p.person_id, substr(s.planned_date, 1, 4), count(*) FROM attendance a
      JOIN sessions s ON s.id = a.session_id JOIN groups g ON g.id = s.group_id JOIN participants p ON p.id = a.participant_id
    WHERE a.state = 'present' AND s.status = 'held' AND g.tracks_attendance = 1
    GROUP BY 1, 2;
  `);
}

/** The statistics' cells summed afresh from groups, sessions and participants (0030's initial fill). */
function rebuildStatsCells(db: KometDb): void {
  db.sqlite.exec(`
    DELETE FROM stats_group_cells;
    DELETE FROM stats_session_cells;
    DELETE FROM stats_participant_cells;
    DELETE FROM stats_family_cells;
    DELETE FROM stats_families;
    INSERT INTO stats_group_cells (programme_id, unit_id, year, groups)
    SELECT programme_id, unit_id, substr(start_date, 1, 4), count(*) FROM groups GROUP BY 1, 2, 3;
    INSERT INTO stats_session_cells (programme_id, unit_id, year, status, sessions, participants, fidelity_total, fidelity_records)
    SELECT g.programme_id, g.unit_id, x.year, x.status, sum(x.n), sum(x.participants), sum(x.fidelity_total), sum(x.fidelity_records)
    FROM (SELECT group_id, substr(planned_date, 1, 4) AS year, status, count(*) AS n, coalesce(sum(participant_count), 0) AS participants,
            coalesce(sum(fidelity_percent), 0) AS fidelity_total, count(fidelity_percent) AS fidelity_records
          FROM sessions GROUP BY 1, 2, 3) x
    JOIN groups g ON g.id = x.group_id
    GROUP BY 1, 2, 3, 4;
    INSERT INTO stats_participant_cells (programme_id, enrolments, participants, completed, dropped_out, families, present, marked)
    SELECT g.programme_id, count(*), sum(p.status <> 'moved'), sum(p.status = 'completed'), sum(p.status = 'dropped_out'),
      count(DISTINCT CASE WHEN p.status <> 'moved' THEN p.family_id END), sum(p.present_count), sum(p.marked_count)
    FROM participants p JOIN groups g ON g.id = p.group_id
    GROUP BY 1;
    INSERT INTO stats_family_cells (programme_id, family_id, participants)
    SELECT g.programme_id, p.family_id, count(*) FROM participants p JOIN groups g ON g.id = p.group_id
    WHERE p.status <> 'moved'
    GROUP BY 1, 2;
    INSERT INTO stats_families (family_id, participants)
    SELECT family_id, count(*) FROM participants WHERE status <> 'moved' GROUP BY 1;
  `);
}

/** The overview's yearly cells summed afresh from groups, sessions and participants (0031's initial fill). */
function rebuildDashCells(db: KometDb): void {
  db.sqlite.exec(`
    DELETE FROM dash_outcome_years;
    DELETE FROM dash_head_years;
    INSERT INTO dash_outcome_years (year, completed, known)
    SELECT substr(g.start_date, 1, 4), sum(p.status = 'completed'), sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
    FROM groups g JOIN participants p ON p.group_id = g.id
    WHERE g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
        AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
    GROUP BY 1 HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0;
    INSERT INTO dash_head_years (person_id, year, groups)
    SELECT p.person_id, y.year, count(*)
    FROM (SELECT DISTINCT group_id, substr(planned_date, 1, 4) AS year FROM sessions WHERE status = 'held') y
    JOIN groups g ON g.id = y.group_id JOIN participants p ON p.group_id = g.id
    WHERE g.tracks_attendance = 0 AND p.status <> 'moved'
    GROUP BY 1, 2;
  `);
}
