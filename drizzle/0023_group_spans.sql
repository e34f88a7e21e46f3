CREATE TABLE `group_spans` (
	`group_id` text PRIMARY KEY NOT NULL,
	`first_session` text NOT NULL,
	`last_session` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `group_spans_last_idx` ON `group_spans` (`last_session`,`first_session`,`group_id`);--> statement-breakpoint
-- A group's span: its first and last session that is not cancelled, each dated the day it was held,
-- else the day it is planned for; no row while it has none. The worklist reads the spans near today
-- from the index instead of every session of the city. Triggers keep it in the same statement as
-- every write to sessions and groups, by hand, by import or by sync's remote apply alike.
INSERT INTO `group_spans` (`group_id`, `first_session`, `last_session`)
SELECT group_id, min(coalesce(held_date, planned_date)), max(coalesce(held_date, planned_date)) FROM sessions
WHERE status <> 'cancelled'
GROUP BY group_id;
--> statement-breakpoint
-- A new session can only widen its group's span.
CREATE TRIGGER `group_spans_session_insert` AFTER INSERT ON `sessions` WHEN NEW.status <> 'cancelled' BEGIN
  INSERT INTO group_spans (group_id, first_session, last_session)
  VALUES (NEW.group_id, coalesce(NEW.held_date, NEW.planned_date), coalesce(NEW.held_date, NEW.planned_date))
  ON CONFLICT (group_id) DO UPDATE SET first_session = min(first_session, excluded.first_session),
    last_session = max(last_session, excluded.last_session);
END;
--> statement-breakpoint
-- A changed or removed session may narrow it: the span is read again from the group's own sessions
-- (a handful, from their index). The group must still exist: a group's deletion cascades to its
-- sessions, and its span goes with it.
CREATE TRIGGER `group_spans_session_update` AFTER UPDATE OF `status`, `held_date`, `planned_date`, `group_id` ON `sessions`
WHEN OLD.status IS NOT NEW.status OR OLD.held_date IS NOT NEW.held_date OR OLD.planned_date IS NOT NEW.planned_date
  OR OLD.group_id IS NOT NEW.group_id BEGIN
  DELETE FROM group_spans WHERE group_id IN (OLD.group_id, NEW.group_id);
  INSERT INTO group_spans (group_id, first_session, last_session)
  SELECT s.group_id, min(coalesce(s.held_date, s.planned_date)), max(coalesce(s.held_date, s.planned_date)) FROM sessions s
  WHERE s.group_id IN (OLD.group_id, NEW.group_id) AND s.status <> 'cancelled'
    AND EXISTS (SELECT 1 FROM groups g WHERE g.id = s.group_id)
  GROUP BY s.group_id;
END;
--> statement-breakpoint
CREATE TRIGGER `group_spans_session_delete` AFTER DELETE ON `sessions` WHEN OLD.status <> 'cancelled' BEGIN
  DELETE FROM group_spans WHERE group_id = OLD.group_id;
  INSERT INTO group_spans (group_id, first_session, last_session)
  SELECT s.group_id, min(coalesce(s.held_date, s.planned_date)), max(coalesce(s.held_date, s.planned_date)) FROM sessions s
  WHERE s.group_id = OLD.group_id AND s.status <> 'cancelled'
    AND EXISTS (SELECT 1 FROM groups g WHERE g.id = s.group_id)
  GROUP BY s.group_id;
END;
--> statement-breakpoint
CREATE TRIGGER `group_spans_group_delete` AFTER DELETE ON `groups` BEGIN
  DELETE FROM group_spans WHERE group_id = OLD.id;
END;
--> statement-breakpoint
-- The planner is told what the new index holds (as ANALYZE measured it on a city-sized database).
ANALYZE sqlite_schema;--> statement-breakpoint
DELETE FROM sqlite_stat1 WHERE tbl = 'group_spans';--> statement-breakpoint
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('group_spans', 'group_spans_last_idx', '16992 24 1 1'),
  ('group_spans', 'sqlite_autoindex_group_spans_1', '16992 1');--> statement-breakpoint
ANALYZE sqlite_schema;
