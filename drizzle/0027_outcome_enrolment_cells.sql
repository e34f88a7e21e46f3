-- Per group, its participants who have not moved on: a response rate's "due" over the whole city
-- read every enrolment (about 200 ms at scale 100), now one row per group. Kept by triggers in the
-- same statement as every write to participants, by hand, by import or by sync's remote apply
-- alike. Local to each machine, never synced.
CREATE TABLE `outcome_enrolment_cells` (
	`group_id` text PRIMARY KEY NOT NULL,
	`enrolled` integer NOT NULL
);
--> statement-breakpoint
-- A programme's or a period's results read their groups' cells by group: with these the sums come
-- from the index alone, not from a table row fetched for every cell.
CREATE INDEX `outcome_change_cells_group_idx` ON `outcome_change_cells` (`group_id`,`instrument_code`,`scale`,`timepoint`,`n`,`before_total`,`before_squares`,`after_total`,`after_squares`,`change_total`,`change_squares`);--> statement-breakpoint
CREATE INDEX `outcome_level_cells_group_idx` ON `outcome_level_cells` (`group_id`,`instrument_code`,`scale`,`timepoint`,`n`,`total`,`squares`);--> statement-breakpoint
CREATE INDEX `outcome_return_cells_group_idx` ON `outcome_return_cells` (`group_id`,`instrument_code`,`timepoint`,`returned`);
--> statement-breakpoint
-- The counts start from the participants already stored (also a database restored from a backup
-- made before this migration).
INSERT INTO outcome_enrolment_cells (group_id, enrolled)
SELECT group_id, count(*) FROM participants WHERE status <> 'moved' GROUP BY 1;
--> statement-breakpoint
CREATE TRIGGER `outcome_enrolments_insert` AFTER INSERT ON `participants` WHEN NEW.status <> 'moved' BEGIN
  INSERT INTO outcome_enrolment_cells (group_id, enrolled) VALUES (NEW.group_id, 1)
  ON CONFLICT (group_id) DO UPDATE SET enrolled = enrolled + 1;
END;
--> statement-breakpoint
-- A deleted participant (a deleted group's too) leaves the count; a group back at none has no row,
-- as it would after a rebuild.
CREATE TRIGGER `outcome_enrolments_delete` AFTER DELETE ON `participants` WHEN OLD.status <> 'moved' BEGIN
  UPDATE outcome_enrolment_cells SET enrolled = enrolled - 1 WHERE group_id = OLD.group_id;
  DELETE FROM outcome_enrolment_cells WHERE group_id = OLD.group_id AND enrolled = 0;
END;
--> statement-breakpoint
-- A participant who changes group, moves on, or whose move is undone is taken from the old count
-- and added to the new one.
CREATE TRIGGER `outcome_enrolments_update` AFTER UPDATE OF `group_id`, `status` ON `participants`
WHEN OLD.group_id IS NOT NEW.group_id OR (OLD.status <> 'moved') IS NOT (NEW.status <> 'moved') BEGIN
  UPDATE outcome_enrolment_cells SET enrolled = enrolled - 1 WHERE group_id = OLD.group_id AND OLD.status <> 'moved';
  DELETE FROM outcome_enrolment_cells WHERE group_id = OLD.group_id AND enrolled = 0;
  INSERT INTO outcome_enrolment_cells (group_id, enrolled) SELECT NEW.group_id, 1 WHERE NEW.status <> 'moved'
  ON CONFLICT (group_id) DO UPDATE SET enrolled = enrolled + 1;
END;
