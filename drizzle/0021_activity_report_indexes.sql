-- The activity report reads these indexes alone, never the rows: the cohort's parents with their last
-- session attended and id (the participants' covering index gains both columns at its end, so its
-- earlier readers keep it), each parent's answers by time point with the response id, and the course
-- days of a period.
DROP INDEX `participants_group_cover_idx`;--> statement-breakpoint
CREATE INDEX `participants_group_cover_idx` ON `participants` (`group_id`,`status`,`family_id`,`present_count`,`marked_count`,`last_session_attended`,`id`);--> statement-breakpoint
CREATE INDEX `course_attendance_date_idx` ON `course_attendance` (`date`,`staff_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `outcome_responses_timepoint_idx` ON `outcome_responses` (`participant_id`,`timepoint`,`instrument_code`,`id`);
--> statement-breakpoint
-- Migration 0020 told the planner what the responses' other indexes hold; without the same for this
-- one it would pair the answers through the unique index and read every answer row.
DELETE FROM sqlite_stat1 WHERE tbl = 'outcome_responses' AND idx = 'outcome_responses_timepoint_idx';--> statement-breakpoint
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('outcome_responses', 'outcome_responses_timepoint_idx', '248030 4 2 1 1');--> statement-breakpoint
ANALYZE sqlite_schema;
