CREATE TABLE `certifications` (
	`id` text PRIMARY KEY NOT NULL,
	`leader_id` text NOT NULL,
	`programme_id` text NOT NULL,
	`date` text NOT NULL,
	`supervisor_id` text NOT NULL,
	`requirements_met` integer NOT NULL,
	`override_reason` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`leader_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`supervisor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "certifications_override_reason" CHECK("certifications"."requirements_met" = 1 or length("certifications"."override_reason") > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certifications_leader_programme_unique` ON `certifications` (`leader_id`,`programme_id`);--> statement-breakpoint
CREATE TABLE `course_attendance` (
	`course_id` text NOT NULL,
	`date` text NOT NULL,
	`staff_id` text NOT NULL,
	PRIMARY KEY(`course_id`, `date`, `staff_id`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`course_id`,`date`) REFERENCES `course_days`(`course_id`,`date`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `course_attendance_staff_idx` ON `course_attendance` (`staff_id`,`course_id`);--> statement-breakpoint
CREATE TABLE `course_days` (
	`course_id` text NOT NULL,
	`date` text NOT NULL,
	PRIMARY KEY(`course_id`, `date`),
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `courses` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`title` text NOT NULL,
	`trainer_staff_id` text,
	`trainer_name` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`first_date` text NOT NULL,
	`last_date` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`trainer_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `courses_programme_date_idx` ON `courses` (`programme_id`,`first_date`);--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`supervision_id` text NOT NULL,
	`leader_id` text,
	`text` text NOT NULL,
	`due_date` text NOT NULL,
	`done` integer DEFAULT false NOT NULL,
	`done_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`supervision_id`) REFERENCES `supervision_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `follow_ups_supervision_idx` ON `follow_ups` (`supervision_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_open_idx` ON `follow_ups` (`due_date`) WHERE "follow_ups"."done" = 0;--> statement-breakpoint
CREATE TABLE `pathway_requirements` (
	`programme_id` text PRIMARY KEY NOT NULL,
	`min_course_days` integer NOT NULL,
	`require_supervised_group` integer NOT NULL,
	`supervised_group_min_held_percent` integer NOT NULL,
	`min_supervision_sessions` integer NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "pathway_requirements_ranges" CHECK("pathway_requirements"."min_course_days" between 0 and 30 and "pathway_requirements"."supervised_group_min_held_percent" between 1 and 100
      and "pathway_requirements"."min_supervision_sessions" between 0 and 50)
);
--> statement-breakpoint
CREATE TABLE `supervision_groups` (
	`supervision_id` text NOT NULL,
	`group_id` text NOT NULL,
	PRIMARY KEY(`supervision_id`, `group_id`),
	FOREIGN KEY (`supervision_id`) REFERENCES `supervision_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `supervision_groups_group_idx` ON `supervision_groups` (`group_id`,`supervision_id`);--> statement-breakpoint
CREATE TABLE `supervision_leaders` (
	`supervision_id` text NOT NULL,
	`leader_id` text NOT NULL,
	`rating` integer,
	`note` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`supervision_id`, `leader_id`),
	FOREIGN KEY (`supervision_id`) REFERENCES `supervision_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`leader_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "supervision_leaders_rating_range" CHECK("supervision_leaders"."rating" is null or "supervision_leaders"."rating" between 1 and 4)
);
--> statement-breakpoint
CREATE INDEX `supervision_leaders_leader_idx` ON `supervision_leaders` (`leader_id`,`supervision_id`);--> statement-breakpoint
CREATE TABLE `supervision_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`date` text NOT NULL,
	`supervisor_id` text NOT NULL,
	`format` text NOT NULL,
	`mode` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`supervisor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `supervision_supervisor_date_idx` ON `supervision_sessions` (`supervisor_id`,`date`);--> statement-breakpoint
CREATE INDEX `supervision_date_idx` ON `supervision_sessions` (`date`);