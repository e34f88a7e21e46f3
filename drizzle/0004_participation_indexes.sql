DROP INDEX `participants_group_idx`;--> statement-breakpoint
DROP INDEX `participants_family_idx`;--> statement-breakpoint
CREATE INDEX `participants_group_cover_idx` ON `participants` (`group_id`,`status`,`family_id`,`present_count`,`marked_count`);--> statement-breakpoint
CREATE INDEX `participants_family_status_idx` ON `participants` (`family_id`,`status`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `fidelity_percent` integer;--> statement-breakpoint
CREATE INDEX `sessions_held_no_attendance_idx` ON `sessions` (`planned_date`) WHERE "sessions"."status" = 'held' and "sessions"."family_count" is null;--> statement-breakpoint
CREATE INDEX `sessions_held_no_fidelity_idx` ON `sessions` (`planned_date`) WHERE "sessions"."status" = 'held' and "sessions"."fidelity_percent" is null;--> statement-breakpoint
CREATE INDEX `sessions_fidelity_idx` ON `sessions` (`group_id`,`fidelity_percent`) WHERE "sessions"."fidelity_percent" is not null;--> statement-breakpoint
-- Sessions recorded before the column existed take their percentage from their fidelity record.
UPDATE `sessions` SET `fidelity_percent` = (SELECT CAST(ROUND(f.`covered_count` * 100.0 / f.`total_count`) AS INTEGER) FROM `fidelity_records` f WHERE f.`session_id` = `sessions`.`id`) WHERE `id` IN (SELECT `session_id` FROM `fidelity_records`);
