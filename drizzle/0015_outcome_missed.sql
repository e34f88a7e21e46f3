-- A schedule point says how long a closed window stays overdue before the questionnaire counts as missed.
-- Added in place (no table rebuild) so the capture triggers and the rows stay; the update trigger is
-- recreated because it lists the columns it carries.
ALTER TABLE `outcome_schedules` ADD `missed_after_days` integer DEFAULT 90 NOT NULL CONSTRAINT "outcome_schedules_missed_after" CHECK("missed_after_days" between 1 and 730);--> statement-breakpoint
DROP TRIGGER "sync_outcome_schedules_update";--> statement-breakpoint
CREATE TRIGGER "sync_outcome_schedules_update" AFTER UPDATE OF "programme_id", "instrument_code", "respondent", "timepoint", "months", "window_days", "missed_after_days", "created_at" ON "outcome_schedules"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."programme_id" IS NOT NEW."programme_id" OR OLD."instrument_code" IS NOT NEW."instrument_code" OR OLD."respondent" IS NOT NEW."respondent" OR OLD."timepoint" IS NOT NEW."timepoint" OR OLD."months" IS NOT NEW."months" OR OLD."window_days" IS NOT NEW."window_days" OR OLD."missed_after_days" IS NOT NEW."missed_after_days" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_schedules', NEW."id", 'u',
    json_array(CASE WHEN OLD."programme_id" IS NOT NEW."programme_id" THEN 'programme_id' END, CASE WHEN OLD."instrument_code" IS NOT NEW."instrument_code" THEN 'instrument_code' END, CASE WHEN OLD."respondent" IS NOT NEW."respondent" THEN 'respondent' END, CASE WHEN OLD."timepoint" IS NOT NEW."timepoint" THEN 'timepoint' END, CASE WHEN OLD."months" IS NOT NEW."months" THEN 'months' END, CASE WHEN OLD."window_days" IS NOT NEW."window_days" THEN 'window_days' END, CASE WHEN OLD."missed_after_days" IS NOT NEW."missed_after_days" THEN 'missed_after_days' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
