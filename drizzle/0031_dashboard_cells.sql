CREATE TABLE `dash_head_years` (
	`person_id` text NOT NULL,
	`year` text NOT NULL,
	`groups` integer NOT NULL,
	PRIMARY KEY(`person_id`, `year`)
);
--> statement-breakpoint
CREATE INDEX `dash_head_years_year_idx` ON `dash_head_years` (`year`,`person_id`);--> statement-breakpoint
CREATE TABLE `dash_outcome_years` (
	`year` text PRIMARY KEY NOT NULL,
	`completed` integer NOT NULL,
	`known` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `sessions_held_no_attendance_idx`;--> statement-breakpoint
DROP INDEX `sessions_held_no_fidelity_idx`;--> statement-breakpoint
CREATE INDEX `sessions_held_no_attendance_idx` ON `sessions` (`planned_date`,`group_id`) WHERE "sessions"."status" = 'held' and "sessions"."family_count" is null;--> statement-breakpoint
CREATE INDEX `sessions_held_no_fidelity_idx` ON `sessions` (`planned_date`,`group_id`) WHERE "sessions"."status" = 'held' and "sessions"."fidelity_percent" is null;
--> statement-breakpoint
-- The overview's yearly figures (dashboard.get's people reached, dashboard.participation's completion
-- rate), kept by triggers in the same statement as every write to groups, sessions and participants, by
-- hand, by import or by sync's remote apply alike. Local to each machine, never synced. Both are first
-- summed from the rows already stored (a database restored from a backup made before this migration too).
-- The outcomes of the participants of groups that keep attendance and have ended, per start year.
INSERT INTO dash_outcome_years (year, completed, known)
SELECT substr(g.start_date, 1, 4), sum(p.status = 'completed'), sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
FROM groups g JOIN participants p ON p.group_id = g.id
WHERE g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
GROUP BY 1 HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0;
--> statement-breakpoint
-- Enrolments not moved on in groups that count heads only, per person and year of a held session.
INSERT INTO dash_head_years (person_id, year, groups)
SELECT p.person_id, y.year, count(*)
FROM (SELECT DISTINCT group_id, substr(planned_date, 1, 4) AS year FROM sessions WHERE status = 'held') y
JOIN groups g ON g.id = y.group_id JOIN participants p ON p.group_id = g.id
WHERE g.tracks_attendance = 0 AND p.status <> 'moved'
GROUP BY 1, 2;
--> statement-breakpoint
-- A participant counts alone: their group's end and way of keeping attendance are the group's and its sessions'.
CREATE TRIGGER `dash_cells_participant_insert` AFTER INSERT ON `participants` BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), (NEW.status = 'completed'), 1
  FROM groups g WHERE g.id = NEW.group_id AND NEW.status IN ('completed', 'not_completed', 'dropped_out') AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT DISTINCT NEW.person_id, substr(s.planned_date, 1, 4), 1
  FROM sessions s WHERE s.group_id = NEW.group_id AND s.status = 'held' AND NEW.status <> 'moved'
    AND EXISTS (SELECT 1 FROM groups g WHERE g.id = NEW.group_id AND g.tracks_attendance = 0)
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
END;
--> statement-breakpoint
-- Deleted with their group, they find no group: its own trigger took the group's share away before.
CREATE TRIGGER `dash_cells_participant_delete` AFTER DELETE ON `participants` BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), -(OLD.status = 'completed'), -1
  FROM groups g WHERE g.id = OLD.group_id AND OLD.status IN ('completed', 'not_completed', 'dropped_out') AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  DELETE FROM dash_outcome_years WHERE known = 0;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT DISTINCT OLD.person_id, substr(s.planned_date, 1, 4), -1
  FROM sessions s WHERE s.group_id = OLD.group_id AND s.status = 'held' AND OLD.status <> 'moved'
    AND EXISTS (SELECT 1 FROM groups g WHERE g.id = OLD.group_id AND g.tracks_attendance = 0)
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
  DELETE FROM dash_head_years WHERE person_id = OLD.person_id AND groups = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_cells_participant_update` AFTER UPDATE OF `group_id`, `status`, `person_id` ON `participants`
WHEN OLD.group_id IS NOT NEW.group_id OR OLD.status IS NOT NEW.status OR OLD.person_id IS NOT NEW.person_id BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), -(OLD.status = 'completed'), -1
  FROM groups g WHERE g.id = OLD.group_id AND OLD.status IN ('completed', 'not_completed', 'dropped_out') AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  DELETE FROM dash_outcome_years WHERE known = 0;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT DISTINCT OLD.person_id, substr(s.planned_date, 1, 4), -1
  FROM sessions s WHERE s.group_id = OLD.group_id AND s.status = 'held' AND OLD.status <> 'moved'
    AND EXISTS (SELECT 1 FROM groups g WHERE g.id = OLD.group_id AND g.tracks_attendance = 0)
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
  DELETE FROM dash_head_years WHERE person_id = OLD.person_id AND groups = 0;
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), (NEW.status = 'completed'), 1
  FROM groups g WHERE g.id = NEW.group_id AND NEW.status IN ('completed', 'not_completed', 'dropped_out') AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT DISTINCT NEW.person_id, substr(s.planned_date, 1, 4), 1
  FROM sessions s WHERE s.group_id = NEW.group_id AND s.status = 'held' AND NEW.status <> 'moved'
    AND EXISTS (SELECT 1 FROM groups g WHERE g.id = NEW.group_id AND g.tracks_attendance = 0)
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
END;
--> statement-breakpoint
-- A change to a group or its sessions takes the group's whole share away before it and adds it again after:
-- whether it has ended depends on all its sessions.
CREATE TRIGGER `dash_cells_group_update_before` BEFORE UPDATE OF `status`, `start_date`, `tracks_attendance` ON `groups`
WHEN OLD.status IS NOT NEW.status OR OLD.start_date IS NOT NEW.start_date OR OLD.tracks_attendance IS NOT NEW.tracks_attendance BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), -sum(p.status = 'completed'), -sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.id = OLD.id AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  GROUP BY g.id HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  DELETE FROM dash_outcome_years WHERE known = 0;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT p.person_id, y.year, -count(*)
  FROM (SELECT DISTINCT substr(s.planned_date, 1, 4) AS year FROM sessions s WHERE s.group_id = OLD.id AND s.status = 'held') y
  JOIN participants p ON p.group_id = OLD.id AND p.status <> 'moved'
  WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = OLD.id AND g.tracks_attendance = 0)
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
  DELETE FROM dash_head_years WHERE groups = 0 AND person_id IN (SELECT person_id FROM participants WHERE group_id = OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `dash_cells_group_update_after` AFTER UPDATE OF `status`, `start_date`, `tracks_attendance` ON `groups`
WHEN OLD.status IS NOT NEW.status OR OLD.start_date IS NOT NEW.start_date OR OLD.tracks_attendance IS NOT NEW.tracks_attendance BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), sum(p.status = 'completed'), sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.id = NEW.id AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  GROUP BY g.id HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT p.person_id, y.year, count(*)
  FROM (SELECT DISTINCT substr(s.planned_date, 1, 4) AS year FROM sessions s WHERE s.group_id = NEW.id AND s.status = 'held') y
  JOIN participants p ON p.group_id = NEW.id AND p.status <> 'moved'
  WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = NEW.id AND g.tracks_attendance = 0)
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_cells_group_delete` BEFORE DELETE ON `groups` BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), -sum(p.status = 'completed'), -sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.id = OLD.id AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  GROUP BY g.id HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  DELETE FROM dash_outcome_years WHERE known = 0;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT p.person_id, y.year, -count(*)
  FROM (SELECT DISTINCT substr(s.planned_date, 1, 4) AS year FROM sessions s WHERE s.group_id = OLD.id AND s.status = 'held') y
  JOIN participants p ON p.group_id = OLD.id AND p.status <> 'moved'
  WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = OLD.id AND g.tracks_attendance = 0)
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
  DELETE FROM dash_head_years WHERE groups = 0 AND person_id IN (SELECT person_id FROM participants WHERE group_id = OLD.id);
END;
--> statement-breakpoint
-- A cancelled session neither ends a group nor reaches anyone.
CREATE TRIGGER `dash_cells_session_insert_before` BEFORE INSERT ON `sessions` WHEN NEW.status IN ('held', 'planned') BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), -sum(p.status = 'completed'), -sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.id = NEW.group_id AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  GROUP BY g.id HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  DELETE FROM dash_outcome_years WHERE known = 0;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT p.person_id, y.year, -count(*)
  FROM (SELECT DISTINCT substr(s.planned_date, 1, 4) AS year FROM sessions s WHERE s.group_id = NEW.group_id AND s.status = 'held') y
  JOIN participants p ON p.group_id = NEW.group_id AND p.status <> 'moved'
  WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = NEW.group_id AND g.tracks_attendance = 0)
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
  DELETE FROM dash_head_years WHERE groups = 0 AND person_id IN (SELECT person_id FROM participants WHERE group_id = NEW.group_id);
END;
--> statement-breakpoint
CREATE TRIGGER `dash_cells_session_insert_after` AFTER INSERT ON `sessions` WHEN NEW.status IN ('held', 'planned') BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), sum(p.status = 'completed'), sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.id = NEW.group_id AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  GROUP BY g.id HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT p.person_id, y.year, count(*)
  FROM (SELECT DISTINCT substr(s.planned_date, 1, 4) AS year FROM sessions s WHERE s.group_id = NEW.group_id AND s.status = 'held') y
  JOIN participants p ON p.group_id = NEW.group_id AND p.status <> 'moved'
  WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = NEW.group_id AND g.tracks_attendance = 0)
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_cells_session_delete_before` BEFORE DELETE ON `sessions` WHEN OLD.status IN ('held', 'planned') BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), -sum(p.status = 'completed'), -sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.id = OLD.group_id AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  GROUP BY g.id HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  DELETE FROM dash_outcome_years WHERE known = 0;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT p.person_id, y.year, -count(*)
  FROM (SELECT DISTINCT substr(s.planned_date, 1, 4) AS year FROM sessions s WHERE s.group_id = OLD.group_id AND s.status = 'held') y
  JOIN participants p ON p.group_id = OLD.group_id AND p.status <> 'moved'
  WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = OLD.group_id AND g.tracks_attendance = 0)
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
  DELETE FROM dash_head_years WHERE groups = 0 AND person_id IN (SELECT person_id FROM participants WHERE group_id = OLD.group_id);
END;
--> statement-breakpoint
CREATE TRIGGER `dash_cells_session_delete_after` AFTER DELETE ON `sessions` WHEN OLD.status IN ('held', 'planned') BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), sum(p.status = 'completed'), sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.id = OLD.group_id AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  GROUP BY g.id HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT p.person_id, y.year, count(*)
  FROM (SELECT DISTINCT substr(s.planned_date, 1, 4) AS year FROM sessions s WHERE s.group_id = OLD.group_id AND s.status = 'held') y
  JOIN participants p ON p.group_id = OLD.group_id AND p.status <> 'moved'
  WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = OLD.group_id AND g.tracks_attendance = 0)
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_cells_session_update_before` BEFORE UPDATE OF `status`, `planned_date`, `group_id` ON `sessions`
WHEN OLD.status IS NOT NEW.status OR OLD.planned_date IS NOT NEW.planned_date OR OLD.group_id IS NOT NEW.group_id BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), -sum(p.status = 'completed'), -sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.id = OLD.group_id AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  GROUP BY g.id HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  DELETE FROM dash_outcome_years WHERE known = 0;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT p.person_id, y.year, -count(*)
  FROM (SELECT DISTINCT substr(s.planned_date, 1, 4) AS year FROM sessions s WHERE s.group_id = OLD.group_id AND s.status = 'held') y
  JOIN participants p ON p.group_id = OLD.group_id AND p.status <> 'moved'
  WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = OLD.group_id AND g.tracks_attendance = 0)
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
  DELETE FROM dash_head_years WHERE groups = 0 AND person_id IN (SELECT person_id FROM participants WHERE group_id = OLD.group_id);
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), -sum(p.status = 'completed'), -sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.id = NEW.group_id AND OLD.group_id IS NOT NEW.group_id AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  GROUP BY g.id HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  DELETE FROM dash_outcome_years WHERE known = 0;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT p.person_id, y.year, -count(*)
  FROM (SELECT DISTINCT substr(s.planned_date, 1, 4) AS year FROM sessions s WHERE s.group_id = NEW.group_id AND s.status = 'held') y
  JOIN participants p ON p.group_id = NEW.group_id AND p.status <> 'moved'
  WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = NEW.group_id AND g.tracks_attendance = 0) AND OLD.group_id IS NOT NEW.group_id
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
  DELETE FROM dash_head_years WHERE groups = 0 AND person_id IN (SELECT person_id FROM participants WHERE group_id = NEW.group_id);
END;
--> statement-breakpoint
CREATE TRIGGER `dash_cells_session_update_after` AFTER UPDATE OF `status`, `planned_date`, `group_id` ON `sessions`
WHEN OLD.status IS NOT NEW.status OR OLD.planned_date IS NOT NEW.planned_date OR OLD.group_id IS NOT NEW.group_id BEGIN
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), sum(p.status = 'completed'), sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.id = OLD.group_id AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  GROUP BY g.id HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT p.person_id, y.year, count(*)
  FROM (SELECT DISTINCT substr(s.planned_date, 1, 4) AS year FROM sessions s WHERE s.group_id = OLD.group_id AND s.status = 'held') y
  JOIN participants p ON p.group_id = OLD.group_id AND p.status <> 'moved'
  WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = OLD.group_id AND g.tracks_attendance = 0)
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
  INSERT INTO dash_outcome_years (year, completed, known)
  SELECT substr(g.start_date, 1, 4), sum(p.status = 'completed'), sum(p.status IN ('completed', 'not_completed', 'dropped_out'))
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.id = NEW.group_id AND OLD.group_id IS NOT NEW.group_id AND g.tracks_attendance = 1 AND (g.status = 'completed' OR (EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'held')
    AND (g.status = 'cancelled' OR NOT EXISTS (SELECT 1 FROM sessions s WHERE s.group_id = g.id AND s.status = 'planned'))))
  GROUP BY g.id HAVING sum(p.status IN ('completed', 'not_completed', 'dropped_out')) > 0
  ON CONFLICT (year) DO UPDATE SET completed = completed + excluded.completed, known = known + excluded.known;
  INSERT INTO dash_head_years (person_id, year, groups)
  SELECT p.person_id, y.year, count(*)
  FROM (SELECT DISTINCT substr(s.planned_date, 1, 4) AS year FROM sessions s WHERE s.group_id = NEW.group_id AND s.status = 'held') y
  JOIN participants p ON p.group_id = NEW.group_id AND p.status <> 'moved'
  WHERE EXISTS (SELECT 1 FROM groups g WHERE g.id = NEW.group_id AND g.tracks_attendance = 0) AND OLD.group_id IS NOT NEW.group_id
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET groups = groups + excluded.groups;
END;

