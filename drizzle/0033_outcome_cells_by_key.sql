-- The per-group questionnaire cells (0024, 0027) and the unanswered points (0028) become tables
-- WITHOUT ROWID, each stored as the b-tree of its primary key: a group's cells were kept three
-- times (the rows, the key's index and a covering index by group) and a write changed all three,
-- and the covering indexes by instrument served the results before they were summed per programme
-- (0029); nothing reads them since. An import of 10,000 responses at scale 100 wrote 47,800 pages
-- to the journal; with these tables stored by their keys it writes 23,600. Each table is copied aside,
-- made again with the same columns and key and filled in key order; dropping it dropped its
-- triggers (0029's, which carry its changes to the cells per programme), so they are made again
-- as they were. Local to each machine, never synced.
CREATE TEMP TABLE `outcome_level_cells_kept` AS SELECT * FROM `outcome_level_cells`;--> statement-breakpoint
DROP TABLE `outcome_level_cells`;--> statement-breakpoint
CREATE TABLE `outcome_level_cells` (
	`group_id` text NOT NULL,
	`instrument_code` text NOT NULL,
	`scale` text NOT NULL,
	`timepoint` text NOT NULL,
	`n` integer NOT NULL,
	`total` real NOT NULL,
	`squares` real NOT NULL,
	PRIMARY KEY(`group_id`, `instrument_code`, `scale`, `timepoint`)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `outcome_level_cells` SELECT * FROM temp.`outcome_level_cells_kept` ORDER BY 1, 2, 3, 4;--> statement-breakpoint
DROP TABLE temp.`outcome_level_cells_kept`;--> statement-breakpoint
CREATE TRIGGER `outcome_scope_level_delete` AFTER DELETE ON `outcome_level_cells` BEGIN
  INSERT INTO outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, n, total, squares)
  SELECT OLD.instrument_code, g.programme_id, g.start_date, OLD.scale, OLD.timepoint, -OLD.n, -OLD.total, -OLD.squares
  FROM groups g WHERE g.id = OLD.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  DELETE FROM outcome_scope_level_cells WHERE instrument_code = OLD.instrument_code AND scale = OLD.scale AND timepoint = OLD.timepoint AND n = 0 AND (programme_id, start_date) IN (SELECT programme_id, start_date FROM groups WHERE id = OLD.group_id);
END;--> statement-breakpoint
CREATE TRIGGER `outcome_scope_level_insert` AFTER INSERT ON `outcome_level_cells` BEGIN
  INSERT INTO outcome_scope_level_cells (instrument_code, programme_id, start_date, scale, timepoint, n, total, squares)
  SELECT NEW.instrument_code, g.programme_id, g.start_date, NEW.scale, NEW.timepoint, NEW.n, NEW.total, NEW.squares
  FROM groups g WHERE g.id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
END;--> statement-breakpoint
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
END;--> statement-breakpoint
CREATE TEMP TABLE `outcome_change_cells_kept` AS SELECT * FROM `outcome_change_cells`;--> statement-breakpoint
DROP TABLE `outcome_change_cells`;--> statement-breakpoint
CREATE TABLE `outcome_change_cells` (
	`group_id` text NOT NULL,
	`instrument_code` text NOT NULL,
	`scale` text NOT NULL,
	`timepoint` text NOT NULL,
	`n` integer NOT NULL,
	`before_total` real NOT NULL,
	`before_squares` real NOT NULL,
	`after_total` real NOT NULL,
	`after_squares` real NOT NULL,
	`change_total` real NOT NULL,
	`change_squares` real NOT NULL,
	PRIMARY KEY(`group_id`, `instrument_code`, `scale`, `timepoint`)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `outcome_change_cells` SELECT * FROM temp.`outcome_change_cells_kept` ORDER BY 1, 2, 3, 4;--> statement-breakpoint
DROP TABLE temp.`outcome_change_cells_kept`;--> statement-breakpoint
CREATE TRIGGER `outcome_scope_change_delete` AFTER DELETE ON `outcome_change_cells` BEGIN
  INSERT INTO outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT OLD.instrument_code, g.programme_id, g.start_date, OLD.scale, OLD.timepoint, -OLD.n, -OLD.before_total, -OLD.before_squares, -OLD.after_total, -OLD.after_squares, -OLD.change_total, -OLD.change_squares
  FROM groups g WHERE g.id = OLD.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  DELETE FROM outcome_scope_change_cells WHERE instrument_code = OLD.instrument_code AND scale = OLD.scale AND timepoint = OLD.timepoint AND n = 0 AND (programme_id, start_date) IN (SELECT programme_id, start_date FROM groups WHERE id = OLD.group_id);
END;--> statement-breakpoint
CREATE TRIGGER `outcome_scope_change_insert` AFTER INSERT ON `outcome_change_cells` BEGIN
  INSERT INTO outcome_scope_change_cells (instrument_code, programme_id, start_date, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT NEW.instrument_code, g.programme_id, g.start_date, NEW.scale, NEW.timepoint, NEW.n, NEW.before_total, NEW.before_squares, NEW.after_total, NEW.after_squares, NEW.change_total, NEW.change_squares
  FROM groups g WHERE g.id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
END;--> statement-breakpoint
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
END;--> statement-breakpoint
CREATE TEMP TABLE `outcome_return_cells_kept` AS SELECT * FROM `outcome_return_cells`;--> statement-breakpoint
DROP TABLE `outcome_return_cells`;--> statement-breakpoint
CREATE TABLE `outcome_return_cells` (
	`group_id` text NOT NULL,
	`instrument_code` text NOT NULL,
	`timepoint` text NOT NULL,
	`returned` integer NOT NULL,
	PRIMARY KEY(`group_id`, `instrument_code`, `timepoint`)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `outcome_return_cells` SELECT * FROM temp.`outcome_return_cells_kept` ORDER BY 1, 2, 3;--> statement-breakpoint
DROP TABLE temp.`outcome_return_cells_kept`;--> statement-breakpoint
CREATE TRIGGER `outcome_scope_return_delete` AFTER DELETE ON `outcome_return_cells` BEGIN
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT OLD.instrument_code, g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), OLD.timepoint, -OLD.returned
  FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = OLD.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
  DELETE FROM outcome_scope_returns WHERE instrument_code = OLD.instrument_code AND timepoint = OLD.timepoint AND returned = 0 AND (programme_id, start_date, first_session, last_session) IN (SELECT g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, '') FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = OLD.group_id);
END;--> statement-breakpoint
CREATE TRIGGER `outcome_scope_return_insert` AFTER INSERT ON `outcome_return_cells` BEGIN
  INSERT INTO outcome_scope_returns (instrument_code, programme_id, start_date, first_session, last_session, timepoint, returned)
  SELECT NEW.instrument_code, g.programme_id, g.start_date, coalesce(sp.first_session, ''), coalesce(sp.last_session, ''), NEW.timepoint, NEW.returned
  FROM groups g LEFT JOIN group_spans sp ON sp.group_id = g.id WHERE g.id = NEW.group_id
  ON CONFLICT (instrument_code, programme_id, start_date, first_session, last_session, timepoint) DO UPDATE SET returned = returned + excluded.returned;
END;--> statement-breakpoint
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
END;--> statement-breakpoint
CREATE TEMP TABLE `outcome_unanswered_kept` AS SELECT * FROM `outcome_unanswered`;--> statement-breakpoint
DROP TABLE `outcome_unanswered`;--> statement-breakpoint
CREATE TABLE `outcome_unanswered` (
	`group_id` text NOT NULL,
	`instrument_code` text NOT NULL,
	`timepoint` text NOT NULL,
	`participant_id` text NOT NULL,
	PRIMARY KEY(`group_id`, `instrument_code`, `timepoint`, `participant_id`)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `outcome_unanswered` SELECT * FROM temp.`outcome_unanswered_kept` ORDER BY 1, 2, 3, 4;--> statement-breakpoint
DROP TABLE temp.`outcome_unanswered_kept`;--> statement-breakpoint
CREATE INDEX `outcome_unanswered_participant_idx` ON `outcome_unanswered` (`participant_id`,`timepoint`,`instrument_code`);
