-- Double entry: a schedule point may ask for two typings of each form, and the first typing waits in
-- outcome_entries for the second. Both are added in place (no table rebuild) so the capture triggers
-- and rows stay; the schedules' update trigger is recreated because it lists the columns it carries,
-- and the new table gets capture triggers like the other unit data.
CREATE TABLE `outcome_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`instrument_code` text NOT NULL,
	`instrument_version` text NOT NULL,
	`timepoint` text NOT NULL,
	`date` text NOT NULL,
	`entered_by` text NOT NULL,
	`user_name` text NOT NULL,
	`answers` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`instrument_code`,`instrument_version`) REFERENCES `instruments`(`code`,`version`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outcome_entries_user_unique` ON `outcome_entries` (`participant_id`,`instrument_code`,`timepoint`,`user_name`);--> statement-breakpoint
ALTER TABLE `outcome_schedules` ADD `double_entry` integer DEFAULT false NOT NULL;--> statement-breakpoint
DROP TRIGGER "sync_outcome_schedules_update";--> statement-breakpoint
CREATE TRIGGER "sync_outcome_schedules_update" AFTER UPDATE OF "programme_id", "instrument_code", "respondent", "timepoint", "months", "window_days", "missed_after_days", "double_entry", "created_at" ON "outcome_schedules"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."programme_id" IS NOT NEW."programme_id" OR OLD."instrument_code" IS NOT NEW."instrument_code" OR OLD."respondent" IS NOT NEW."respondent" OR OLD."timepoint" IS NOT NEW."timepoint" OR OLD."months" IS NOT NEW."months" OR OLD."window_days" IS NOT NEW."window_days" OR OLD."missed_after_days" IS NOT NEW."missed_after_days" OR OLD."double_entry" IS NOT NEW."double_entry" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_schedules', NEW."id", 'u',
    json_array(CASE WHEN OLD."programme_id" IS NOT NEW."programme_id" THEN 'programme_id' END, CASE WHEN OLD."instrument_code" IS NOT NEW."instrument_code" THEN 'instrument_code' END, CASE WHEN OLD."respondent" IS NOT NEW."respondent" THEN 'respondent' END, CASE WHEN OLD."timepoint" IS NOT NEW."timepoint" THEN 'timepoint' END, CASE WHEN OLD."months" IS NOT NEW."months" THEN 'months' END, CASE WHEN OLD."window_days" IS NOT NEW."window_days" THEN 'window_days' END, CASE WHEN OLD."missed_after_days" IS NOT NEW."missed_after_days" THEN 'missed_after_days' END, CASE WHEN OLD."double_entry" IS NOT NEW."double_entry" THEN 'double_entry' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;--> statement-breakpoint
CREATE TRIGGER "sync_outcome_entries_insert" AFTER INSERT ON "outcome_entries" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_entries', NEW."id", 'u', NULL);
END;--> statement-breakpoint
CREATE TRIGGER "sync_outcome_entries_delete" AFTER DELETE ON "outcome_entries" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_entries', OLD."id", 'd', NULL);
END;--> statement-breakpoint
CREATE TRIGGER "sync_outcome_entries_rekey" AFTER UPDATE OF "id" ON "outcome_entries"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_entries', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_entries', NEW."id", 'u', NULL);
END;--> statement-breakpoint
CREATE TRIGGER "sync_outcome_entries_update" AFTER UPDATE OF "participant_id", "instrument_code", "instrument_version", "timepoint", "date", "entered_by", "user_name", "answers", "created_at" ON "outcome_entries"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."participant_id" IS NOT NEW."participant_id" OR OLD."instrument_code" IS NOT NEW."instrument_code" OR OLD."instrument_version" IS NOT NEW."instrument_version" OR OLD."timepoint" IS NOT NEW."timepoint" OR OLD."date" IS NOT NEW."date" OR OLD."entered_by" IS NOT NEW."entered_by" OR OLD."user_name" IS NOT NEW."user_name" OR OLD."answers" IS NOT NEW."answers" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_entries', NEW."id", 'u',
    json_array(CASE WHEN OLD."participant_id" IS NOT NEW."participant_id" THEN 'participant_id' END, CASE WHEN OLD."instrument_code" IS NOT NEW."instrument_code" THEN 'instrument_code' END, CASE WHEN OLD."instrument_version" IS NOT NEW."instrument_version" THEN 'instrument_version' END, CASE WHEN OLD."timepoint" IS NOT NEW."timepoint" THEN 'timepoint' END, CASE WHEN OLD."date" IS NOT NEW."date" THEN 'date' END, CASE WHEN OLD."entered_by" IS NOT NEW."entered_by" THEN 'entered_by' END, CASE WHEN OLD."user_name" IS NOT NEW."user_name" THEN 'user_name' END, CASE WHEN OLD."answers" IS NOT NEW."answers" THEN 'answers' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
