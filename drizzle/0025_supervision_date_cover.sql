-- The activity report counts a period's supervision sessions and each one's leaders: with the id in
-- the date index it reads the sessions from the index alone instead of one table read per session.
-- The date-only index it replaces served only date ranges, which this one serves as well.
DROP INDEX `supervision_date_idx`;--> statement-breakpoint
CREATE INDEX `supervision_date_id_idx` ON `supervision_sessions` (`date`,`id`);