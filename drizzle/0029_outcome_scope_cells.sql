-- The per-group questionnaire cells (0024, 0027) summed once more, per programme and group start
-- date, and for the response rates per session span as well: a result over the whole city read
-- every group's cells (about 190,000 rows for SDQ-P at scale 100, 165 ms), now a few thousand rows.
-- Kept by triggers on the per-group cells, on groups (a new programme or start date, a deletion)
-- and on group_spans (a new session span), in the same statement as every write. Local to each
-- machine, never synced.
CREATE TABLE `outcome_scope_change_cells` (
	`instrument_code` text NOT NULL,
	`programme_id` text NOT NULL,
	`start_date` text NOT NULL,
	`scale` text NOT NULL,
	`timepoint` text NOT NULL,
	`n` integer NOT NULL,
	`before_total` real NOT NULL,
	`before_squares` real NOT NULL,
	`after_total` real NOT NULL,
	`after_squares` real NOT NULL,
	`change_total` real NOT NULL,
	`change_squares` real NOT NULL,
	PRIMARY KEY(`instrument_code`, `programme_id`, `start_date`, `scale`, `timepoint`)
);
--> statement-breakpoint
CREATE INDEX `outcome_scope_change_cells_cover_idx` ON `outcome_scope_change_cells` (`instrument_code`,`programme_id`,`start_date`,`scale`,`timepoint`,`n`,`before_total`,`before_squares`,`after_total`,`after_squares`,`change_total`,`change_squares`);--> statement-breakpoint
CREATE TABLE `outcome_scope_enrolments` (
	`programme_id` text NOT NULL,
	`start_date` text NOT NULL,
	`first_session` text NOT NULL,
	`last_session` text NOT NULL,
	`enrolled` integer NOT NULL,
	PRIMARY KEY(`programme_id`, `start_date`, `first_session`, `last_session`)
);
--> statement-breakpoint
CREATE INDEX `outcome_scope_enrolments_cover_idx` ON `outcome_scope_enrolments` (`programme_id`,`start_date`,`first_session`,`last_session`,`enrolled`);--> statement-breakpoint
CREATE TABLE `outcome_scope_level_cells` (
	`instrument_code` text NOT NULL,
	`programme_id` text NOT NULL,
	`start_date` text NOT NULL,
	`scale` text NOT NULL,
	`timepoint` text NOT NULL,
	`n` integer NOT NULL,
	`total` real NOT NULL,
	`squares` real NOT NULL,
	PRIMARY KEY(`instrument_code`, `programme_id`, `start_date`, `scale`, `timepoint`)
);
--> statement-breakpoint
CREATE INDEX `outcome_scope_level_cells_cover_idx` ON `outcome_scope_level_cells` (`instrument_code`,`programme_id`,`start_date`,`scale`,`timepoint`,`n`,`total`,`squares`);--> statement-breakpoint
CREATE TABLE `outcome_scope_returns` (
	`instrument_code` text NOT NULL,
	`programme_id` text NOT NULL,
	`start_date` text NOT NULL,
	`first_session` text NOT NULL,
	`last_session` text NOT NULL,
	`timepoint` text NOT NULL,
	`returned` integer NOT NULL,
	PRIMARY KEY(`instrument_code`, `programme_id`, `start_date`, `first_session`, `last_session`, `timepoint`)
);
--> statement-breakpoint
CREATE INDEX `outcome_scope_returns_cover_idx` ON `outcome_scope_returns` (`instrument_code`,`programme_id`,`start_date`,`first_session`,`last_session`,`timepoint`,`returned`);--> statement-breakpoint
-- The sums start from the cells already stored.
INSERT INTO outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, n, total, squares)
SELECT c.instrument_code, g.programme_id, g.start_date, c.scale, c.timepoint, sum(c.n), sum(c.total), sum(c.squares)
FROM outcome_level_cells c JOIN groups g ON g.id = c.group_id
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
SELECT c.instrument_code, g.programme_id, g.start_date, c.scale, c.timepoint, sum(c.n), sum(c.before_total), sum(c.before_squares),
  sum(c.after_total), sum(c.after_squares), sum(c.change_total), sum(c.change_squares)
FROM outcome_change_cells c JOIN groups g ON g.id = c.group_id
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
SELECT g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), sum(c.enrolled)
FROM outcome_enrolment_cells c JOIN groups g ON g.id = c.group_id LEFT JOIN group_spans sp ON sp.group_id = g.id
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
SELECT c.instrument_code, g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), c.timepoint, sum(c.returned)
FROM outcome_return_cells c JOIN groups g ON g.id = c.group_id LEFT JOIN group_spans sp ON sp.group_id = g.id
GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
-- Every change of a group's cell is added at its group's programme and start date (and span).
CREATE TRIGGER `outcome_scope_level_insert` AFTER INSERT ON `outcome_level_cells` BEGIN
  INSERT INTO outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, n, total, squares)
  SELECT NEW.instrument_code, g.programme_id, g.start_date, NEW.scale, NEW.timepoint, NEW.n, NEW.total, NEW.squares
  FROM groups g WHERE g.id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_level_update` AFTER UPDATE ON `outcome_level_cells` BEGIN
  INSERT INTO outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, n, total, squares)
  SELECT OLD.instrument_code, g.programme_id, g.start_date, OLD.scale, OLD.timepoint, -OLD.n, -OLD.total, -OLD.squares
  FROM groups g WHERE g.id = OLD.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  DELETE FROM outcome_scope_level_cells WHERE instrument_code = OLD.instrument_code AND scale = OLD.scale AND timepoint = OLD.timepoint AND n = 0 AND (programme_id, start_date) IN (SELECT programme_id, start_date FROM groups WHERE id = OLD.group_id);
  INSERT INTO outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, n, total, squares)
  SELECT NEW.instrument_code, g.programme_id, g.start_date, NEW.scale, NEW.timepoint, NEW.n, NEW.total, NEW.squares
  FROM groups g WHERE g.id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_level_delete` AFTER DELETE ON `outcome_level_cells` BEGIN
  INSERT INTO outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, n, total, squares)
  SELECT OLD.instrument_code, g.programme_id, g.start_date, OLD.scale, OLD.timepoint, -OLD.n, -OLD.total, -OLD.squares
  FROM groups g WHERE g.id = OLD.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  DELETE FROM outcome_scope_level_cells WHERE instrument_code = OLD.instrument_code AND scale = OLD.scale AND timepoint = OLD.timepoint AND n = 0 AND (programme_id, start_date) IN (SELECT programme_id, start_date FROM groups WHERE id = OLD.group_id);
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_change_insert` AFTER INSERT ON `outcome_change_cells` BEGIN
  INSERT INTO outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT NEW.instrument_code, g.programme_id, g.start_date, NEW.scale, NEW.timepoint, NEW.n, NEW.before_total, NEW.before_squares, NEW.after_total, NEW.after_squares, NEW.change_total, NEW.change_squares
  FROM groups g WHERE g.id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_change_update` AFTER UPDATE ON `outcome_change_cells` BEGIN
  INSERT INTO outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT OLD.instrument_code, g.programme_id, g.start_date, OLD.scale, OLD.timepoint, -OLD.n, -OLD.before_total, -OLD.before_squares, -OLD.after_total, -OLD.after_squares, -OLD.change_total, -OLD.change_squares
  FROM groups g WHERE g.id = OLD.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  DELETE FROM outcome_scope_change_cells WHERE instrument_code = OLD.instrument_code AND scale = OLD.scale AND timepoint = OLD.timepoint AND n = 0 AND (programme_id, start_date) IN (SELECT programme_id, start_date FROM groups WHERE id = OLD.group_id);
  INSERT INTO outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT NEW.instrument_code, g.programme_id, g.start_date, NEW.scale, NEW.timepoint, NEW.n, NEW.before_total, NEW.before_squares, NEW.after_total, NEW.after_squares, NEW.change_total, NEW.change_squares
  FROM groups g WHERE g.id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_change_delete` AFTER DELETE ON `outcome_change_cells` BEGIN
  INSERT INTO outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT OLD.instrument_code, g.programme_id, g.start_date, OLD.scale, OLD.timepoint, -OLD.n, -OLD.before_total, -OLD.before_squares, -OLD.after_total, -OLD.after_squares, -OLD.change_total, -OLD.change_squares
  FROM groups g WHERE g.id = OLD.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  DELETE FROM outcome_scope_change_cells WHERE instrument_code = OLD.instrument_code AND scale = OLD.scale AND timepoint = OLD.timepoint AND n = 0 AND (programme_id, start_date) IN (SELECT programme_id, start_date FROM groups WHERE id = OLD.group_id);
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_enrolment_insert` AFTER INSERT ON `outcome_enrolment_cells` BEGIN
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), NEW.enrolled
  FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = NEW.group_id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_enrolment_update` AFTER UPDATE ON `outcome_enrolment_cells` BEGIN
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), -OLD.enrolled
  FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = OLD.group_id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  DELETE FROM outcome_scope_enrolments WHERE enrolled = 0 AND (programme_id, start_date, first_session, last_session) IN (SELECT g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, '') FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = OLD.group_id);
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), NEW.enrolled
  FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = NEW.group_id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_enrolment_delete` AFTER DELETE ON `outcome_enrolment_cells` BEGIN
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), -OLD.enrolled
  FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = OLD.group_id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  DELETE FROM outcome_scope_enrolments WHERE enrolled = 0 AND (programme_id, start_date, first_session, last_session) IN (SELECT g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, '') FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = OLD.group_id);
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_return_insert` AFTER INSERT ON `outcome_return_cells` BEGIN
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT NEW.instrument_code, g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), NEW.timepoint, NEW.returned
  FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_return_update` AFTER UPDATE ON `outcome_return_cells` BEGIN
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT OLD.instrument_code, g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), OLD.timepoint, -OLD.returned
  FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = OLD.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
  DELETE FROM outcome_scope_returns WHERE instrument_code = OLD.instrument_code AND timepoint = OLD.timepoint AND returned = 0 AND (programme_id, start_date, first_session, last_session) IN (SELECT g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, '') FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = OLD.group_id);
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT NEW.instrument_code, g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), NEW.timepoint, NEW.returned
  FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_return_delete` AFTER DELETE ON `outcome_return_cells` BEGIN
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT OLD.instrument_code, g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), OLD.timepoint, -OLD.returned
  FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = OLD.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
  DELETE FROM outcome_scope_returns WHERE instrument_code = OLD.instrument_code AND timepoint = OLD.timepoint AND returned = 0 AND (programme_id, start_date, first_session, last_session) IN (SELECT g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, '') FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = OLD.group_id);
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_group_update_before` BEFORE UPDATE OF `programme_id`, `start_date` ON `groups` WHEN OLD.programme_id IS NOT NEW.programme_id OR OLD.start_date IS NOT NEW.start_date BEGIN
  INSERT INTO outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, n, total, squares)
  SELECT c.instrument_code, OLD.programme_id, OLD.start_date, c.scale, c.timepoint, -c.n, -c.total, -c.squares
  FROM outcome_level_cells c WHERE c.group_id = OLD.id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  INSERT INTO outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT c.instrument_code, OLD.programme_id, OLD.start_date, c.scale, c.timepoint, -c.n, -c.before_total, -c.before_squares, -c.after_total, -c.after_squares, -c.change_total, -c.change_squares
  FROM outcome_change_cells c WHERE c.group_id = OLD.id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT OLD.programme_id, OLD.start_date, coalesce((SELECT first_session FROM group_spans WHERE group_id = OLD.id), ''), coalesce((SELECT last_session FROM group_spans WHERE group_id = OLD.id), ''), -c.enrolled
  FROM outcome_enrolment_cells c WHERE c.group_id = OLD.id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT c.instrument_code, OLD.programme_id, OLD.start_date, coalesce((SELECT first_session FROM group_spans WHERE group_id = OLD.id), ''), coalesce((SELECT last_session FROM group_spans WHERE group_id = OLD.id), ''), c.timepoint, -c.returned
  FROM outcome_return_cells c WHERE c.group_id = OLD.id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
  DELETE FROM outcome_scope_level_cells WHERE programme_id = OLD.programme_id AND start_date = OLD.start_date AND n = 0;
  DELETE FROM outcome_scope_change_cells WHERE programme_id = OLD.programme_id AND start_date = OLD.start_date AND n = 0;
  DELETE FROM outcome_scope_enrolments WHERE programme_id = OLD.programme_id AND start_date = OLD.start_date AND enrolled = 0;
  DELETE FROM outcome_scope_returns WHERE programme_id = OLD.programme_id AND start_date = OLD.start_date AND returned = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_group_update_after` AFTER UPDATE OF `programme_id`, `start_date` ON `groups` WHEN OLD.programme_id IS NOT NEW.programme_id OR OLD.start_date IS NOT NEW.start_date BEGIN
  INSERT INTO outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, n, total, squares)
  SELECT c.instrument_code, NEW.programme_id, NEW.start_date, c.scale, c.timepoint, c.n, c.total, c.squares
  FROM outcome_level_cells c WHERE c.group_id = NEW.id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  INSERT INTO outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT c.instrument_code, NEW.programme_id, NEW.start_date, c.scale, c.timepoint, c.n, c.before_total, c.before_squares, c.after_total, c.after_squares, c.change_total, c.change_squares
  FROM outcome_change_cells c WHERE c.group_id = NEW.id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT NEW.programme_id, NEW.start_date, coalesce((SELECT first_session FROM group_spans WHERE group_id = NEW.id), ''), coalesce((SELECT last_session FROM group_spans WHERE group_id = NEW.id), ''), c.enrolled
  FROM outcome_enrolment_cells c WHERE c.group_id = NEW.id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT c.instrument_code, NEW.programme_id, NEW.start_date, coalesce((SELECT first_session FROM group_spans WHERE group_id = NEW.id), ''), coalesce((SELECT last_session FROM group_spans WHERE group_id = NEW.id), ''), c.timepoint, c.returned
  FROM outcome_return_cells c WHERE c.group_id = NEW.id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_group_delete` BEFORE DELETE ON `groups` BEGIN
  INSERT INTO outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, n, total, squares)
  SELECT c.instrument_code, OLD.programme_id, OLD.start_date, c.scale, c.timepoint, -c.n, -c.total, -c.squares
  FROM outcome_level_cells c WHERE c.group_id = OLD.id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  INSERT INTO outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT c.instrument_code, OLD.programme_id, OLD.start_date, c.scale, c.timepoint, -c.n, -c.before_total, -c.before_squares, -c.after_total, -c.after_squares, -c.change_total, -c.change_squares
  FROM outcome_change_cells c WHERE c.group_id = OLD.id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT OLD.programme_id, OLD.start_date, coalesce((SELECT first_session FROM group_spans WHERE group_id = OLD.id), ''), coalesce((SELECT last_session FROM group_spans WHERE group_id = OLD.id), ''), -c.enrolled
  FROM outcome_enrolment_cells c WHERE c.group_id = OLD.id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT c.instrument_code, OLD.programme_id, OLD.start_date, coalesce((SELECT first_session FROM group_spans WHERE group_id = OLD.id), ''), coalesce((SELECT last_session FROM group_spans WHERE group_id = OLD.id), ''), c.timepoint, -c.returned
  FROM outcome_return_cells c WHERE c.group_id = OLD.id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
  DELETE FROM outcome_scope_level_cells WHERE programme_id = OLD.programme_id AND start_date = OLD.start_date AND n = 0;
  DELETE FROM outcome_scope_change_cells WHERE programme_id = OLD.programme_id AND start_date = OLD.start_date AND n = 0;
  DELETE FROM outcome_scope_enrolments WHERE programme_id = OLD.programme_id AND start_date = OLD.start_date AND enrolled = 0;
  DELETE FROM outcome_scope_returns WHERE programme_id = OLD.programme_id AND start_date = OLD.start_date AND returned = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_span_insert` AFTER INSERT ON `group_spans` BEGIN
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT g.programme_id, g.start_date, '', '', -c.enrolled
  FROM outcome_enrolment_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = NEW.group_id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  DELETE FROM outcome_scope_enrolments WHERE programme_id = (SELECT programme_id FROM groups WHERE id = NEW.group_id) AND start_date = (SELECT start_date FROM groups WHERE id = NEW.group_id) AND first_session = '' AND last_session = '' AND enrolled = 0;
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT g.programme_id, g.start_date, NEW.first_session, NEW.last_session, c.enrolled
  FROM outcome_enrolment_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = NEW.group_id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT c.instrument_code, g.programme_id, g.start_date, '', '', c.timepoint, -c.returned
  FROM outcome_return_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
  DELETE FROM outcome_scope_returns WHERE programme_id = (SELECT programme_id FROM groups WHERE id = NEW.group_id) AND start_date = (SELECT start_date FROM groups WHERE id = NEW.group_id) AND first_session = '' AND last_session = '' AND returned = 0;
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT c.instrument_code, g.programme_id, g.start_date, NEW.first_session, NEW.last_session, c.timepoint, c.returned
  FROM outcome_return_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_span_update` AFTER UPDATE ON `group_spans` WHEN OLD.first_session IS NOT NEW.first_session OR OLD.last_session IS NOT NEW.last_session BEGIN
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT g.programme_id, g.start_date, OLD.first_session, OLD.last_session, -c.enrolled
  FROM outcome_enrolment_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = NEW.group_id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  DELETE FROM outcome_scope_enrolments WHERE programme_id = (SELECT programme_id FROM groups WHERE id = NEW.group_id) AND start_date = (SELECT start_date FROM groups WHERE id = NEW.group_id) AND first_session = OLD.first_session AND last_session = OLD.last_session AND enrolled = 0;
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT g.programme_id, g.start_date, NEW.first_session, NEW.last_session, c.enrolled
  FROM outcome_enrolment_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = NEW.group_id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT c.instrument_code, g.programme_id, g.start_date, OLD.first_session, OLD.last_session, c.timepoint, -c.returned
  FROM outcome_return_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
  DELETE FROM outcome_scope_returns WHERE programme_id = (SELECT programme_id FROM groups WHERE id = NEW.group_id) AND start_date = (SELECT start_date FROM groups WHERE id = NEW.group_id) AND first_session = OLD.first_session AND last_session = OLD.last_session AND returned = 0;
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT c.instrument_code, g.programme_id, g.start_date, NEW.first_session, NEW.last_session, c.timepoint, c.returned
  FROM outcome_return_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_scope_span_delete` AFTER DELETE ON `group_spans` BEGIN
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT g.programme_id, g.start_date, OLD.first_session, OLD.last_session, -c.enrolled
  FROM outcome_enrolment_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = OLD.group_id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  DELETE FROM outcome_scope_enrolments WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND start_date = (SELECT start_date FROM groups WHERE id = OLD.group_id) AND first_session = OLD.first_session AND last_session = OLD.last_session AND enrolled = 0;
  INSERT INTO outcome_scope_enrolments (programme_id, start_date, first_session, last_session, enrolled)
  SELECT g.programme_id, g.start_date, '', '', c.enrolled
  FROM outcome_enrolment_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = OLD.group_id
  ON CONFLICT (programme_id, start_date, first_session, last_session) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT c.instrument_code, g.programme_id, g.start_date, OLD.first_session, OLD.last_session, c.timepoint, -c.returned
  FROM outcome_return_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = OLD.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
  DELETE FROM outcome_scope_returns WHERE programme_id = (SELECT programme_id FROM groups WHERE id = OLD.group_id) AND start_date = (SELECT start_date FROM groups WHERE id = OLD.group_id) AND first_session = OLD.first_session AND last_session = OLD.last_session AND returned = 0;
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT c.instrument_code, g.programme_id, g.start_date, '', '', c.timepoint, c.returned
  FROM outcome_return_cells c JOIN groups g ON g.id = c.group_id WHERE c.group_id = OLD.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
END;
