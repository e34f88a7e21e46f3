-- The activity report reads these indexes alone, never the rows: the cohort's parents with their last
-- session attended and id (the participants' covering index gains both columns at its end, so its
-- earlier readers keep it), each parent's answers by time point with the response id, and the course
-- days of a period.
DROP INDEX `participants_group_cover_idx`;--> statement-breakpoint
CREATE INDEX `participants_group_cover_idx` ON `participants` (`group_id`,`status`,`family_id`,`present_count`,`marked_count`,`last_session_attended`,`id`);--> statement-breakpoint
CREATE INDEX `course_attendance_date_idx` ON `course_attendance` (`date`,`staff_id`,`course_id`);--> statement-breakpoint
CREATE INDEX `outcome_responses_timepoint_idx` ON `outcome_responses` (`participant_id`,`timepoint`,`instrument_code`,`id`);
