CREATE TABLE `programmes` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`audience` text NOT NULL,
	`session_count` integer NOT NULL,
	`session_length_minutes` integer NOT NULL,
	`child_age_min` integer,
	`child_age_max` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "programmes_session_count_range" CHECK("programmes"."session_count" between 1 and 60)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programmes_code_unique` ON `programmes` (lower("code"));--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`unit_id` text,
	`email` text,
	`phone` text,
	`is_leader` integer DEFAULT false NOT NULL,
	`is_supervisor` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `staff_unit_idx` ON `staff` (`unit_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_name_unique` ON `units` (lower("name"));--> statement-breakpoint
CREATE TABLE `group_leaders` (
	`group_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`group_id`, `staff_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `group_leaders_staff_idx` ON `group_leaders` (`staff_id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`supervisor_id` text,
	`venue` text DEFAULT '' NOT NULL,
	`start_date` text NOT NULL,
	`weekday` integer NOT NULL,
	`start_time` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`supervisor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "groups_weekday_range" CHECK("groups"."weekday" between 1 and 7)
);
--> statement-breakpoint
CREATE INDEX `groups_programme_idx` ON `groups` (`programme_id`);--> statement-breakpoint
CREATE INDEX `groups_unit_idx` ON `groups` (`unit_id`);--> statement-breakpoint
CREATE INDEX `groups_supervisor_idx` ON `groups` (`supervisor_id`);--> statement-breakpoint
CREATE INDEX `groups_status_start_idx` ON `groups` (`status`,`start_date`);--> statement-breakpoint
CREATE INDEX `groups_start_idx` ON `groups` (`start_date`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`number` integer NOT NULL,
	`planned_date` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`held_date` text,
	`cancel_reason` text,
	`participant_count` integer,
	`is_extra` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sessions_participant_count_range" CHECK("sessions"."participant_count" is null or "sessions"."participant_count" between 0 and 99)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_group_number_unique` ON `sessions` (`group_id`,`number`);--> statement-breakpoint
CREATE INDEX `sessions_status_date_idx` ON `sessions` (`status`,`planned_date`);--> statement-breakpoint
CREATE INDEX `sessions_date_idx` ON `sessions` (`planned_date`);