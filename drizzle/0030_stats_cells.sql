-- The statistics screens' figures (stats.get, stats.participation) summed in cells kept by triggers in
-- the same statement as every write to groups, sessions and participants, by hand, by import or by sync's
-- remote apply alike. Local to each machine, never synced.
CREATE TABLE `stats_families` (
	`family_id` text PRIMARY KEY NOT NULL,
	`participants` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stats_family_cells` (
	`programme_id` text NOT NULL,
	`family_id` text NOT NULL,
	`participants` integer NOT NULL,
	PRIMARY KEY(`programme_id`, `family_id`)
);
--> statement-breakpoint
CREATE TABLE `stats_group_cells` (
	`programme_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`year` text NOT NULL,
	`groups` integer NOT NULL,
	PRIMARY KEY(`programme_id`, `unit_id`, `year`)
);
--> statement-breakpoint
CREATE TABLE `stats_participant_cells` (
	`programme_id` text PRIMARY KEY NOT NULL,
	`enrolments` integer NOT NULL,
	`participants` integer NOT NULL,
	`completed` integer NOT NULL,
	`dropped_out` integer NOT NULL,
	`families` integer NOT NULL,
	`present` integer NOT NULL,
	`marked` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stats_session_cells` (
	`programme_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`year` text NOT NULL,
	`status` text NOT NULL,
	`sessions` integer NOT NULL,
	`participants` integer NOT NULL,
	`fidelity_total` integer NOT NULL,
	`fidelity_records` integer NOT NULL,
	PRIMARY KEY(`programme_id`, `unit_id`, `year`, `status`)
);
--> statement-breakpoint
-- The figures of the statistics screens, summed from the rows already stored (a database restored
-- from a backup made before this migration too). The same sums as the reports made over the whole
-- tables: about 200 ms each at scale 100, now a few hundred cells. A year is a group's start year
-- and a session's planned year; a session's participants are its count, none where it has none.
INSERT INTO stats_group_cells (programme_id, unit_id, year, groups)
SELECT programme_id, unit_id, substr(start_date, 1, 4), count(*) FROM groups GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO stats_session_cells (programme_id, unit_id, year, status, sessions, participants, fidelity_total, fidelity_records)
SELECT g.programme_id, g.unit_id, x.year, x.status, sum(x.n), sum(x.participants), sum(x.fidelity_total), sum(x.fidelity_records)
FROM (SELECT group_id, substr(planned_date, 1, 4) AS year, status, count(*) AS n, coalesce(sum(participant_count), 0) AS participants,
        coalesce(sum(fidelity_percent), 0) AS fidelity_total, count(fidelity_percent) AS fidelity_records
      FROM sessions GROUP BY 1, 2, 3) x
JOIN groups g ON g.id = x.group_id
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO stats_participant_cells (programme_id, enrolments, participants, completed, dropped_out, families, present, marked)
SELECT g.programme_id, count(*), sum(p.status <> 'moved'), sum(p.status = 'completed'), sum(p.status = 'dropped_out'),
  count(DISTINCT CASE WHEN p.status <> 'moved' THEN p.family_id END), sum(p.present_count), sum(p.marked_count)
FROM participants p JOIN groups g ON g.id = p.group_id
GROUP BY 1;
--> statement-breakpoint
INSERT INTO stats_family_cells (programme_id, family_id, participants)
SELECT g.programme_id, p.family_id, count(*) FROM participants p JOIN groups g ON g.id = p.group_id
WHERE p.status <> 'moved'
GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO stats_families (family_id, participants)
SELECT family_id, count(*) FROM participants WHERE status <> 'moved' GROUP BY 1;
--> statement-breakpoint
CREATE TRIGGER `stats_cells_group_insert` AFTER INSERT ON `groups` BEGIN
  INSERT INTO stats_group_cells (programme_id, unit_id, year, groups) VALUES (NEW.programme_id, NEW.unit_id, substr(NEW.start_date, 1, 4), 1)
  ON CONFLICT (programme_id, unit_id, year) DO UPDATE SET groups = groups + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_cells_group_update` AFTER UPDATE OF `programme_id`, `unit_id`, `start_date` ON `groups`
WHEN OLD.programme_id IS NOT NEW.programme_id OR OLD.unit_id IS NOT NEW.unit_id OR substr(OLD.start_date, 1, 4) IS NOT substr(NEW.start_date, 1, 4) BEGIN
  UPDATE stats_group_cells SET groups = groups - 1
  WHERE programme_id = OLD.programme_id AND unit_id = OLD.unit_id AND year = substr(OLD.start_date, 1, 4);
  DELETE FROM stats_group_cells WHERE programme_id = OLD.programme_id AND unit_id = OLD.unit_id AND year = substr(OLD.start_date, 1, 4) AND groups = 0;
  INSERT INTO stats_group_cells (programme_id, unit_id, year, groups) VALUES (NEW.programme_id, NEW.unit_id, substr(NEW.start_date, 1, 4), 1)
  ON CONFLICT (programme_id, unit_id, year) DO UPDATE SET groups = groups + 1;
END;
--> statement-breakpoint
-- A group given another programme or unit takes its sessions' sums along (a handful of sessions,
-- from their index).
CREATE TRIGGER `stats_cells_group_sessions_move` AFTER UPDATE OF `programme_id`, `unit_id` ON `groups`
WHEN OLD.programme_id IS NOT NEW.programme_id OR OLD.unit_id IS NOT NEW.unit_id BEGIN
  INSERT INTO stats_session_cells (programme_id, unit_id, year, status, sessions, participants, fidelity_total, fidelity_records)
  SELECT OLD.programme_id, OLD.unit_id, substr(planned_date, 1, 4), status, -count(*), -coalesce(sum(participant_count), 0),
    -coalesce(sum(fidelity_percent), 0), -count(fidelity_percent)
  FROM sessions WHERE group_id = OLD.id GROUP BY 3, 4
  ON CONFLICT (programme_id, unit_id, year, status) DO UPDATE SET sessions = sessions + excluded.sessions,
    participants = participants + excluded.participants, fidelity_total = fidelity_total + excluded.fidelity_total,
    fidelity_records = fidelity_records + excluded.fidelity_records;
  DELETE FROM stats_session_cells WHERE programme_id = OLD.programme_id AND unit_id = OLD.unit_id AND sessions = 0;
  INSERT INTO stats_session_cells (programme_id, unit_id, year, status, sessions, participants, fidelity_total, fidelity_records)
  SELECT NEW.programme_id, NEW.unit_id, substr(planned_date, 1, 4), status, count(*), coalesce(sum(participant_count), 0),
    coalesce(sum(fidelity_percent), 0), count(fidelity_percent)
  FROM sessions WHERE group_id = NEW.id GROUP BY 3, 4
  ON CONFLICT (programme_id, unit_id, year, status) DO UPDATE SET sessions = sessions + excluded.sessions,
    participants = participants + excluded.participants, fidelity_total = fidelity_total + excluded.fidelity_total,
    fidelity_records = fidelity_records + excluded.fidelity_records;
END;
--> statement-breakpoint
-- And to another programme its participants' sums: a family leaves the old programme's count when
-- none of its members is left there, and joins the new one's unless a member is there already.
CREATE TRIGGER `stats_cells_group_participants_move` AFTER UPDATE OF `programme_id` ON `groups`
WHEN OLD.programme_id IS NOT NEW.programme_id BEGIN
  INSERT INTO stats_family_cells (programme_id, family_id, participants)
  SELECT OLD.programme_id, family_id, -count(*) FROM participants WHERE group_id = OLD.id AND status <> 'moved' GROUP BY 2
  ON CONFLICT (programme_id, family_id) DO UPDATE SET participants = participants + excluded.participants;
  UPDATE stats_participant_cells SET
    enrolments = enrolments - x.gone, participants = participants - x.gone_participants, completed = completed - x.gone_completed,
    dropped_out = dropped_out - x.gone_dropped_out, present = present - x.gone_present, marked = marked - x.gone_marked,
    families = families - (SELECT count(*) FROM stats_family_cells f WHERE f.programme_id = OLD.programme_id AND f.participants = 0
                             AND f.family_id IN (SELECT family_id FROM participants WHERE group_id = OLD.id))
  FROM (SELECT count(*) AS gone, coalesce(sum(status <> 'moved'), 0) AS gone_participants, coalesce(sum(status = 'completed'), 0) AS gone_completed,
          coalesce(sum(status = 'dropped_out'), 0) AS gone_dropped_out, coalesce(sum(present_count), 0) AS gone_present,
          coalesce(sum(marked_count), 0) AS gone_marked
        FROM participants WHERE group_id = OLD.id) x
  WHERE programme_id = OLD.programme_id;
  DELETE FROM stats_family_cells WHERE programme_id = OLD.programme_id AND participants = 0
    AND family_id IN (SELECT family_id FROM participants WHERE group_id = OLD.id);
  DELETE FROM stats_participant_cells WHERE programme_id = OLD.programme_id AND enrolments = 0;
  INSERT INTO stats_participant_cells (programme_id, enrolments, participants, completed, dropped_out, families, present, marked)
  SELECT NEW.programme_id, count(*), coalesce(sum(status <> 'moved'), 0), coalesce(sum(status = 'completed'), 0), coalesce(sum(status = 'dropped_out'), 0),
    (SELECT count(DISTINCT p.family_id) FROM participants p WHERE p.group_id = NEW.id AND p.status <> 'moved'
       AND NOT EXISTS (SELECT 1 FROM stats_family_cells f WHERE f.programme_id = NEW.programme_id AND f.family_id = p.family_id)),
    coalesce(sum(present_count), 0), coalesce(sum(marked_count), 0)
  FROM participants WHERE group_id = NEW.id HAVING count(*) > 0
  ON CONFLICT (programme_id) DO UPDATE SET enrolments = enrolments + excluded.enrolments, participants = participants + excluded.participants,
    completed = completed + excluded.completed, dropped_out = dropped_out + excluded.dropped_out, families = families + excluded.families,
    present = present + excluded.present, marked = marked + excluded.marked;
  INSERT INTO stats_family_cells (programme_id, family_id, participants)
  SELECT NEW.programme_id, family_id, count(*) FROM participants WHERE group_id = NEW.id AND status <> 'moved' GROUP BY 2
  ON CONFLICT (programme_id, family_id) DO UPDATE SET participants = participants + excluded.participants;
END;
--> statement-breakpoint
-- Before the row goes: its sessions and participants are deleted with it, and their own triggers
-- then find no group to count them under. The families of the city are theirs to keep.
CREATE TRIGGER `stats_cells_group_delete` BEFORE DELETE ON `groups` BEGIN
  UPDATE stats_group_cells SET groups = groups - 1
  WHERE programme_id = OLD.programme_id AND unit_id = OLD.unit_id AND year = substr(OLD.start_date, 1, 4);
  DELETE FROM stats_group_cells WHERE programme_id = OLD.programme_id AND unit_id = OLD.unit_id AND year = substr(OLD.start_date, 1, 4) AND groups = 0;
  INSERT INTO stats_session_cells (programme_id, unit_id, year, status, sessions, participants, fidelity_total, fidelity_records)
  SELECT OLD.programme_id, OLD.unit_id, substr(planned_date, 1, 4), status, -count(*), -coalesce(sum(participant_count), 0),
    -coalesce(sum(fidelity_percent), 0), -count(fidelity_percent)
  FROM sessions WHERE group_id = OLD.id GROUP BY 3, 4
  ON CONFLICT (programme_id, unit_id, year, status) DO UPDATE SET sessions = sessions + excluded.sessions,
    participants = participants + excluded.participants, fidelity_total = fidelity_total + excluded.fidelity_total,
    fidelity_records = fidelity_records + excluded.fidelity_records;
  DELETE FROM stats_session_cells WHERE programme_id = OLD.programme_id AND unit_id = OLD.unit_id AND sessions = 0;
  INSERT INTO stats_family_cells (programme_id, family_id, participants)
  SELECT OLD.programme_id, family_id, -count(*) FROM participants WHERE group_id = OLD.id AND status <> 'moved' GROUP BY 2
  ON CONFLICT (programme_id, family_id) DO UPDATE SET participants = participants + excluded.participants;
  UPDATE stats_participant_cells SET
    enrolments = enrolments - x.gone, participants = participants - x.gone_participants, completed = completed - x.gone_completed,
    dropped_out = dropped_out - x.gone_dropped_out, present = present - x.gone_present, marked = marked - x.gone_marked,
    families = families - (SELECT count(*) FROM stats_family_cells f WHERE f.programme_id = OLD.programme_id AND f.participants = 0
                             AND f.family_id IN (SELECT family_id FROM participants WHERE group_id = OLD.id))
  FROM (SELECT count(*) AS gone, coalesce(sum(status <> 'moved'), 0) AS gone_participants, coalesce(sum(status = 'completed'), 0) AS gone_completed,
          coalesce(sum(status = 'dropped_out'), 0) AS gone_dropped_out, coalesce(sum(present_count), 0) AS gone_present,
          coalesce(sum(marked_count), 0) AS gone_marked
        FROM participants WHERE group_id = OLD.id) x
  WHERE programme_id = OLD.programme_id;
  DELETE FROM stats_family_cells WHERE programme_id = OLD.programme_id AND participants = 0
    AND family_id IN (SELECT family_id FROM participants WHERE group_id = OLD.id);
  DELETE FROM stats_participant_cells WHERE programme_id = OLD.programme_id AND enrolments = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_cells_session_insert` AFTER INSERT ON `sessions` BEGIN
  INSERT INTO stats_session_cells (programme_id, unit_id, year, status, sessions, participants, fidelity_total, fidelity_records)
  SELECT g.programme_id, g.unit_id, substr(NEW.planned_date, 1, 4), NEW.status, 1, coalesce(NEW.participant_count, 0),
    coalesce(NEW.fidelity_percent, 0), NEW.fidelity_percent IS NOT NULL
  FROM groups g WHERE g.id = NEW.group_id
  ON CONFLICT (programme_id, unit_id, year, status) DO UPDATE SET sessions = sessions + 1,
    participants = participants + excluded.participants, fidelity_total = fidelity_total + excluded.fidelity_total,
    fidelity_records = fidelity_records + excluded.fidelity_records;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_cells_session_delete` AFTER DELETE ON `sessions` BEGIN
  UPDATE stats_session_cells SET sessions = sessions - 1, participants = participants - coalesce(OLD.participant_count, 0),
    fidelity_total = fidelity_total - coalesce(OLD.fidelity_percent, 0), fidelity_records = fidelity_records - (OLD.fidelity_percent IS NOT NULL)
  WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND unit_id = (SELECT unit_id FROM groups WHERE id = OLD.group_id)
    AND year = substr(OLD.planned_date, 1, 4) AND status = OLD.status;
  DELETE FROM stats_session_cells
  WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND unit_id = (SELECT unit_id FROM groups WHERE id = OLD.group_id)
    AND year = substr(OLD.planned_date, 1, 4) AND status = OLD.status AND sessions = 0;
END;
--> statement-breakpoint
-- A session that stays in its cell (a count typed, marks counted, a fidelity record) changes its sums alone.
CREATE TRIGGER `stats_cells_session_values` AFTER UPDATE OF `participant_count`, `fidelity_percent` ON `sessions`
WHEN OLD.group_id IS NEW.group_id AND substr(OLD.planned_date, 1, 4) IS substr(NEW.planned_date, 1, 4) AND OLD.status IS NEW.status
  AND (OLD.participant_count IS NOT NEW.participant_count OR OLD.fidelity_percent IS NOT NEW.fidelity_percent) BEGIN
  UPDATE stats_session_cells SET participants = participants - coalesce(OLD.participant_count, 0) + coalesce(NEW.participant_count, 0),
    fidelity_total = fidelity_total - coalesce(OLD.fidelity_percent, 0) + coalesce(NEW.fidelity_percent, 0),
    fidelity_records = fidelity_records - (OLD.fidelity_percent IS NOT NULL) + (NEW.fidelity_percent IS NOT NULL)
  WHERE programme_id = (SELECT programme_id FROM groups WHERE id = NEW.group_id) AND unit_id = (SELECT unit_id FROM groups WHERE id = NEW.group_id)
    AND year = substr(NEW.planned_date, 1, 4) AND status = NEW.status;
END;
--> statement-breakpoint
-- One held, cancelled, moved to another year or group leaves its old cell for its new one.
CREATE TRIGGER `stats_cells_session_update` AFTER UPDATE OF `group_id`, `planned_date`, `status` ON `sessions`
WHEN OLD.group_id IS NOT NEW.group_id OR substr(OLD.planned_date, 1, 4) IS NOT substr(NEW.planned_date, 1, 4) OR OLD.status IS NOT NEW.status BEGIN
  UPDATE stats_session_cells SET sessions = sessions - 1, participants = participants - coalesce(OLD.participant_count, 0),
    fidelity_total = fidelity_total - coalesce(OLD.fidelity_percent, 0), fidelity_records = fidelity_records - (OLD.fidelity_percent IS NOT NULL)
  WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND unit_id = (SELECT unit_id FROM groups WHERE id = OLD.group_id)
    AND year = substr(OLD.planned_date, 1, 4) AND status = OLD.status;
  DELETE FROM stats_session_cells
  WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND unit_id = (SELECT unit_id FROM groups WHERE id = OLD.group_id)
    AND year = substr(OLD.planned_date, 1, 4) AND status = OLD.status AND sessions = 0;
  INSERT INTO stats_session_cells (programme_id, unit_id, year, status, sessions, participants, fidelity_total, fidelity_records)
  SELECT g.programme_id, g.unit_id, substr(NEW.planned_date, 1, 4), NEW.status, 1, coalesce(NEW.participant_count, 0),
    coalesce(NEW.fidelity_percent, 0), NEW.fidelity_percent IS NOT NULL
  FROM groups g WHERE g.id = NEW.group_id
  ON CONFLICT (programme_id, unit_id, year, status) DO UPDATE SET sessions = sessions + 1,
    participants = participants + excluded.participants, fidelity_total = fidelity_total + excluded.fidelity_total,
    fidelity_records = fidelity_records + excluded.fidelity_records;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_cells_participant_insert` AFTER INSERT ON `participants` BEGIN
  INSERT INTO stats_participant_cells (programme_id, enrolments, participants, completed, dropped_out, families, present, marked)
  SELECT g.programme_id, 1, NEW.status <> 'moved', NEW.status = 'completed', NEW.status = 'dropped_out',
    NEW.status <> 'moved' AND NOT EXISTS (SELECT 1 FROM stats_family_cells f WHERE f.programme_id = g.programme_id AND f.family_id = NEW.family_id),
    NEW.present_count, NEW.marked_count
  FROM groups g WHERE g.id = NEW.group_id
  ON CONFLICT (programme_id) DO UPDATE SET enrolments = enrolments + 1, participants = participants + excluded.participants,
    completed = completed + excluded.completed, dropped_out = dropped_out + excluded.dropped_out, families = families + excluded.families,
    present = present + excluded.present, marked = marked + excluded.marked;
  INSERT INTO stats_family_cells (programme_id, family_id, participants)
  SELECT g.programme_id, NEW.family_id, 1 FROM groups g WHERE g.id = NEW.group_id AND NEW.status <> 'moved'
  ON CONFLICT (programme_id, family_id) DO UPDATE SET participants = participants + 1;
  INSERT INTO stats_families (family_id, participants) SELECT NEW.family_id, 1 WHERE NEW.status <> 'moved'
  ON CONFLICT (family_id) DO UPDATE SET participants = participants + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_cells_participant_delete` AFTER DELETE ON `participants` BEGIN
  UPDATE stats_family_cells SET participants = participants - 1
  WHERE OLD.status <> 'moved' AND programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND family_id = OLD.family_id;
  UPDATE stats_participant_cells SET enrolments = enrolments - 1, participants = participants - (OLD.status <> 'moved'),
    completed = completed - (OLD.status = 'completed'), dropped_out = dropped_out - (OLD.status = 'dropped_out'),
    families = families - EXISTS (SELECT 1 FROM stats_family_cells f WHERE f.programme_id = stats_participant_cells.programme_id
                                    AND f.family_id = OLD.family_id AND f.participants = 0),
    present = present - OLD.present_count, marked = marked - OLD.marked_count
  WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id);
  DELETE FROM stats_family_cells
  WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND family_id = OLD.family_id AND participants = 0;
  DELETE FROM stats_participant_cells WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND enrolments = 0;
  UPDATE stats_families SET participants = participants - 1 WHERE OLD.status <> 'moved' AND family_id = OLD.family_id;
  DELETE FROM stats_families WHERE family_id = OLD.family_id AND participants = 0;
END;
--> statement-breakpoint
-- An attendance mark changes its participant's present and marked counts: one cell's two sums.
CREATE TRIGGER `stats_cells_participant_counts` AFTER UPDATE OF `present_count`, `marked_count` ON `participants`
WHEN OLD.group_id IS NEW.group_id AND OLD.status IS NEW.status AND OLD.family_id IS NEW.family_id
  AND (OLD.present_count IS NOT NEW.present_count OR OLD.marked_count IS NOT NEW.marked_count) BEGIN
  UPDATE stats_participant_cells SET present = present - OLD.present_count + NEW.present_count, marked = marked - OLD.marked_count + NEW.marked_count
  WHERE programme_id = (SELECT programme_id FROM groups WHERE id = NEW.group_id);
END;
--> statement-breakpoint
-- A participant who changes group, status or family leaves the old sums for the new ones.
CREATE TRIGGER `stats_cells_participant_update` AFTER UPDATE OF `group_id`, `status`, `family_id` ON `participants`
WHEN OLD.group_id IS NOT NEW.group_id OR OLD.status IS NOT NEW.status OR OLD.family_id IS NOT NEW.family_id BEGIN
  UPDATE stats_family_cells SET participants = participants - 1
  WHERE OLD.status <> 'moved' AND programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND family_id = OLD.family_id;
  UPDATE stats_participant_cells SET enrolments = enrolments - 1, participants = participants - (OLD.status <> 'moved'),
    completed = completed - (OLD.status = 'completed'), dropped_out = dropped_out - (OLD.status = 'dropped_out'),
    families = families - EXISTS (SELECT 1 FROM stats_family_cells f WHERE f.programme_id = stats_participant_cells.programme_id
                                    AND f.family_id = OLD.family_id AND f.participants = 0),
    present = present - OLD.present_count, marked = marked - OLD.marked_count
  WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id);
  DELETE FROM stats_family_cells
  WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND family_id = OLD.family_id AND participants = 0;
  DELETE FROM stats_participant_cells WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND enrolments = 0;
  UPDATE stats_families SET participants = participants - 1 WHERE OLD.status <> 'moved' AND family_id = OLD.family_id;
  DELETE FROM stats_families WHERE family_id = OLD.family_id AND participants = 0;
  INSERT INTO stats_participant_cells (programme_id, enrolments, participants, completed, dropped_out, families, present, marked)
  SELECT g.programme_id, 1, NEW.status <> 'moved', NEW.status = 'completed', NEW.status = 'dropped_out',
    NEW.status <> 'moved' AND NOT EXISTS (SELECT 1 FROM stats_family_cells f WHERE f.programme_id = g.programme_id AND f.family_id = NEW.family_id),
    NEW.present_count, NEW.marked_count
  FROM groups g WHERE g.id = NEW.group_id
  ON CONFLICT (programme_id) DO UPDATE SET enrolments = enrolments + 1, participants = participants + excluded.participants,
    completed = completed + excluded.completed, dropped_out = dropped_out + excluded.dropped_out, families = families + excluded.families,
    present = present + excluded.present, marked = marked + excluded.marked;
  INSERT INTO stats_family_cells (programme_id, family_id, participants)
  SELECT g.programme_id, NEW.family_id, 1 FROM groups g WHERE g.id = NEW.group_id AND NEW.status <> 'moved'
  ON CONFLICT (programme_id, family_id) DO UPDATE SET participants = participants + 1;
  INSERT INTO stats_families (family_id, participants) SELECT NEW.family_id, 1 WHERE NEW.status <> 'moved'
  ON CONFLICT (family_id) DO UPDATE SET participants = participants + 1;
END;
