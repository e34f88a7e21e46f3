CREATE TABLE `attendance` (
	`participant_id` text NOT NULL,
	`session_id` text NOT NULL,
	`state` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`participant_id`, `session_id`),
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attendance_session_idx` ON `attendance` (`session_id`,`state`);--> statement-breakpoint
CREATE TABLE `dropout_reasons` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`label_sv` text NOT NULL,
	`label_en` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dropout_reasons_code_unique` ON `dropout_reasons` (`code`);--> statement-breakpoint
CREATE TABLE `families` (
	`id` text PRIMARY KEY NOT NULL,
	`child_birth_year` integer,
	`child_gender` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `fidelity_records` (
	`session_id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`components` text NOT NULL,
	`covered_count` integer NOT NULL,
	`total_count` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "fidelity_counts" CHECK("fidelity_records"."total_count" > 0 and "fidelity_records"."covered_count" between 0 and "fidelity_records"."total_count")
);
--> statement-breakpoint
CREATE TABLE `participants` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`group_id` text NOT NULL,
	`family_id` text NOT NULL,
	`display_name` text NOT NULL,
	`relation` text NOT NULL,
	`contact` text,
	`enrolment_date` text NOT NULL,
	`consent` text DEFAULT 'not_asked' NOT NULL,
	`consent_date` text,
	`manual_status` text,
	`keep_active` integer DEFAULT false NOT NULL,
	`dropout_reason_id` text,
	`manual_last_session` integer,
	`moved_from_group_id` text,
	`moved_to_group_id` text,
	`status` text DEFAULT 'active' NOT NULL,
	`at_risk` integer DEFAULT false NOT NULL,
	`absent_streak` integer DEFAULT 0 NOT NULL,
	`present_count` integer DEFAULT 0 NOT NULL,
	`marked_count` integer DEFAULT 0 NOT NULL,
	`held_count` integer DEFAULT 0 NOT NULL,
	`last_session_attended` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`dropout_reason_id`) REFERENCES `dropout_reasons`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`moved_from_group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`moved_to_group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "participants_consent_date" CHECK(("participants"."consent" = 'not_asked') = ("participants"."consent_date" is null))
);
--> statement-breakpoint
CREATE INDEX `participants_group_idx` ON `participants` (`group_id`);--> statement-breakpoint
CREATE INDEX `participants_family_idx` ON `participants` (`family_id`);--> statement-breakpoint
CREATE INDEX `participants_person_idx` ON `participants` (`person_id`);--> statement-breakpoint
CREATE INDEX `participants_at_risk_idx` ON `participants` (`at_risk`) WHERE "participants"."at_risk" = 1;--> statement-breakpoint
CREATE TABLE `programme_rules` (
	`programme_id` text PRIMARY KEY NOT NULL,
	`completion_percent` integer DEFAULT 70 NOT NULL,
	`dropout_after` integer DEFAULT 3 NOT NULL,
	`at_risk_after` integer DEFAULT 2 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "programme_rules_completion_range" CHECK("programme_rules"."completion_percent" between 1 and 100),
	CONSTRAINT "programme_rules_dropout_range" CHECK("programme_rules"."dropout_after" between 1 and 20 and "programme_rules"."at_risk_after" between 1 and "programme_rules"."dropout_after")
);
--> statement-breakpoint
CREATE TABLE `session_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`components` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_plans_programme_number_unique` ON `session_plans` (`programme_id`,`number`);--> statement-breakpoint
ALTER TABLE `groups` ADD `tracks_attendance` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `sessions` ADD `family_count` integer;--> statement-breakpoint
-- Groups that already typed in participant counts keep doing so; new groups track attendance.
UPDATE `groups` SET `tracks_attendance` = 0 WHERE EXISTS (SELECT 1 FROM `sessions` s WHERE s.`group_id` = `groups`.`id` AND s.`participant_count` IS NOT NULL);
