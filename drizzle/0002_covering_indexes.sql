DROP INDEX `groups_programme_idx`;--> statement-breakpoint
DROP INDEX `groups_unit_idx`;--> statement-breakpoint
CREATE INDEX `groups_programme_start_idx` ON `groups` (`programme_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `groups_unit_start_idx` ON `groups` (`unit_id`,`start_date`);--> statement-breakpoint
DROP INDEX `sessions_status_date_idx`;--> statement-breakpoint
CREATE INDEX `sessions_status_date_cover_idx` ON `sessions` (`status`,`planned_date`,`group_id`,`participant_count`);