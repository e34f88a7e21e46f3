-- How each response came in (typed into the form or read from a response file). Added in place so
-- the rows and capture triggers stay; the responses' update trigger is recreated because it lists the
-- columns it carries, and the column travels with the response to other computers. Earlier rows keep
-- NULL: how they came in was not recorded.
ALTER TABLE `outcome_responses` ADD `source` text;--> statement-breakpoint
DROP TRIGGER "sync_outcome_responses_update";--> statement-breakpoint
CREATE TRIGGER "sync_outcome_responses_update" AFTER UPDATE OF "participant_id", "instrument_code", "instrument_version", "timepoint", "date", "entered_by", "answers", "source", "created_at" ON "outcome_responses"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."participant_id" IS NOT NEW."participant_id" OR OLD."instrument_code" IS NOT NEW."instrument_code" OR OLD."instrument_version" IS NOT NEW."instrument_version" OR OLD."timepoint" IS NOT NEW."timepoint" OR OLD."date" IS NOT NEW."date" OR OLD."entered_by" IS NOT NEW."entered_by" OR OLD."answers" IS NOT NEW."answers" OR OLD."source" IS NOT NEW."source" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_responses', NEW."id", 'u',
    json_array(CASE WHEN OLD."participant_id" IS NOT NEW."participant_id" THEN 'participant_id' END, CASE WHEN OLD."instrument_code" IS NOT NEW."instrument_code" THEN 'instrument_code' END, CASE WHEN OLD."instrument_version" IS NOT NEW."instrument_version" THEN 'instrument_version' END, CASE WHEN OLD."timepoint" IS NOT NEW."timepoint" THEN 'timepoint' END, CASE WHEN OLD."date" IS NOT NEW."date" THEN 'date' END, CASE WHEN OLD."entered_by" IS NOT NEW."entered_by" THEN 'entered_by' END, CASE WHEN OLD."answers" IS NOT NEW."answers" THEN 'answers' END, CASE WHEN OLD."source" IS NOT NEW."source" THEN 'source' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
