DROP INDEX `supervision_leaders_leader_idx`;--> statement-breakpoint
CREATE INDEX `supervision_leaders_leader_idx` ON `supervision_leaders` (`leader_id`,`supervision_id`,`rating`);--> statement-breakpoint
CREATE INDEX `sessions_group_stats_idx` ON `sessions` (`group_id`,`status`,`is_extra`,`held_date`,`planned_date`,`fidelity_percent`);--> statement-breakpoint
CREATE INDEX `supervision_id_date_idx` ON `supervision_sessions` (`id`,`date`);