CREATE TABLE `instruments` (
	`code` text NOT NULL,
	`version` text NOT NULL,
	`definition` text NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`code`, `version`)
);
--> statement-breakpoint
CREATE TABLE `outcome_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`instrument_code` text NOT NULL,
	`instrument_version` text NOT NULL,
	`timepoint` text NOT NULL,
	`date` text NOT NULL,
	`entered_by` text NOT NULL,
	`answers` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`instrument_code`,`instrument_version`) REFERENCES `instruments`(`code`,`version`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outcome_responses_point_unique` ON `outcome_responses` (`participant_id`,`instrument_code`,`timepoint`);--> statement-breakpoint
CREATE INDEX `outcome_responses_instrument_idx` ON `outcome_responses` (`instrument_code`,`instrument_version`);--> statement-breakpoint
CREATE TABLE `outcome_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`instrument_code` text NOT NULL,
	`respondent` text NOT NULL,
	`timepoint` text NOT NULL,
	`months` integer,
	`window_days` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "outcome_schedules_followup" CHECK(("outcome_schedules"."timepoint" in ('pre', 'post') and "outcome_schedules"."months" is null and "outcome_schedules"."window_days" is null) or ("outcome_schedules"."timepoint" = 'fu' || "outcome_schedules"."months" and "outcome_schedules"."months" between 1 and 120 and "outcome_schedules"."window_days" between 1 and 366))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outcome_schedules_point_unique` ON `outcome_schedules` (`programme_id`,`instrument_code`,`timepoint`);--> statement-breakpoint
CREATE TABLE `outcome_scores` (
	`response_id` text NOT NULL,
	`scale` text NOT NULL,
	`score` real,
	`band` integer,
	`answered` integer,
	`filled` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`response_id`, `scale`),
	FOREIGN KEY (`response_id`) REFERENCES `outcome_responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `outcome_statuses` (
	`participant_id` text NOT NULL,
	`timepoint` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`participant_id`, `timepoint`),
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TRIGGER `instruments_version_immutable` BEFORE UPDATE OF `code`, `version`, `definition` ON `instruments`
WHEN OLD.`code` IS NOT NEW.`code` OR OLD.`version` IS NOT NEW.`version` OR OLD.`definition` IS NOT NEW.`definition` BEGIN
  SELECT RAISE(ABORT, 'an instrument version is never rewritten; store a new version');
END;
--> statement-breakpoint
CREATE TRIGGER "sync_instruments_insert" AFTER INSERT ON "instruments" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('instruments', NEW."code" || '|' || NEW."version", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_instruments_delete" AFTER DELETE ON "instruments" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('instruments', OLD."code" || '|' || OLD."version", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_instruments_rekey" AFTER UPDATE OF "code", "version" ON "instruments"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."code" IS NOT NEW."code" OR OLD."version" IS NOT NEW."version") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('instruments', OLD."code" || '|' || OLD."version", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('instruments', NEW."code" || '|' || NEW."version", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_instruments_update" AFTER UPDATE OF "definition", "source", "created_at" ON "instruments"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."definition" IS NOT NEW."definition" OR OLD."source" IS NOT NEW."source" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('instruments', NEW."code" || '|' || NEW."version", 'u',
    json_array(CASE WHEN OLD."definition" IS NOT NEW."definition" THEN 'definition' END, CASE WHEN OLD."source" IS NOT NEW."source" THEN 'source' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_schedules_insert" AFTER INSERT ON "outcome_schedules" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_schedules', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_schedules_delete" AFTER DELETE ON "outcome_schedules" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_schedules', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_schedules_rekey" AFTER UPDATE OF "id" ON "outcome_schedules"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_schedules', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_schedules', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_schedules_update" AFTER UPDATE OF "programme_id", "instrument_code", "respondent", "timepoint", "months", "window_days", "created_at" ON "outcome_schedules"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."programme_id" IS NOT NEW."programme_id" OR OLD."instrument_code" IS NOT NEW."instrument_code" OR OLD."respondent" IS NOT NEW."respondent" OR OLD."timepoint" IS NOT NEW."timepoint" OR OLD."months" IS NOT NEW."months" OR OLD."window_days" IS NOT NEW."window_days" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_schedules', NEW."id", 'u',
    json_array(CASE WHEN OLD."programme_id" IS NOT NEW."programme_id" THEN 'programme_id' END, CASE WHEN OLD."instrument_code" IS NOT NEW."instrument_code" THEN 'instrument_code' END, CASE WHEN OLD."respondent" IS NOT NEW."respondent" THEN 'respondent' END, CASE WHEN OLD."timepoint" IS NOT NEW."timepoint" THEN 'timepoint' END, CASE WHEN OLD."months" IS NOT NEW."months" THEN 'months' END, CASE WHEN OLD."window_days" IS NOT NEW."window_days" THEN 'window_days' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_statuses_insert" AFTER INSERT ON "outcome_statuses" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_statuses', NEW."participant_id" || '|' || NEW."timepoint", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_statuses_delete" AFTER DELETE ON "outcome_statuses" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_statuses', OLD."participant_id" || '|' || OLD."timepoint", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_statuses_rekey" AFTER UPDATE OF "participant_id", "timepoint" ON "outcome_statuses"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."participant_id" IS NOT NEW."participant_id" OR OLD."timepoint" IS NOT NEW."timepoint") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_statuses', OLD."participant_id" || '|' || OLD."timepoint", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_statuses', NEW."participant_id" || '|' || NEW."timepoint", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_statuses_update" AFTER UPDATE OF "status", "created_at" ON "outcome_statuses"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."status" IS NOT NEW."status" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_statuses', NEW."participant_id" || '|' || NEW."timepoint", 'u',
    json_array(CASE WHEN OLD."status" IS NOT NEW."status" THEN 'status' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_responses_insert" AFTER INSERT ON "outcome_responses" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_responses', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_responses_delete" AFTER DELETE ON "outcome_responses" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_responses', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_responses_rekey" AFTER UPDATE OF "id" ON "outcome_responses"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_responses', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_responses', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_outcome_responses_update" AFTER UPDATE OF "participant_id", "instrument_code", "instrument_version", "timepoint", "date", "entered_by", "answers", "created_at" ON "outcome_responses"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."participant_id" IS NOT NEW."participant_id" OR OLD."instrument_code" IS NOT NEW."instrument_code" OR OLD."instrument_version" IS NOT NEW."instrument_version" OR OLD."timepoint" IS NOT NEW."timepoint" OR OLD."date" IS NOT NEW."date" OR OLD."entered_by" IS NOT NEW."entered_by" OR OLD."answers" IS NOT NEW."answers" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('outcome_responses', NEW."id", 'u',
    json_array(CASE WHEN OLD."participant_id" IS NOT NEW."participant_id" THEN 'participant_id' END, CASE WHEN OLD."instrument_code" IS NOT NEW."instrument_code" THEN 'instrument_code' END, CASE WHEN OLD."instrument_version" IS NOT NEW."instrument_version" THEN 'instrument_version' END, CASE WHEN OLD."timepoint" IS NOT NEW."timepoint" THEN 'timepoint' END, CASE WHEN OLD."date" IS NOT NEW."date" THEN 'date' END, CASE WHEN OLD."entered_by" IS NOT NEW."entered_by" THEN 'entered_by' END, CASE WHEN OLD."answers" IS NOT NEW."answers" THEN 'answers' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
