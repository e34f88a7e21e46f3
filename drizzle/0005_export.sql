CREATE TABLE `export_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`key` blob NOT NULL,
	`key_id` text NOT NULL,
	`created_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `export_keys_current_unique` ON `export_keys` ((1)) WHERE "export_keys"."retired_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `export_keys_key_id_unique` ON `export_keys` (`key_id`);--> statement-breakpoint
CREATE TABLE `export_log` (
	`id` text PRIMARY KEY NOT NULL,
	`export_id` text NOT NULL,
	`created_at` text NOT NULL,
	`finished_at` text,
	`status` text DEFAULT 'started' NOT NULL,
	`actor` text NOT NULL,
	`shell` text NOT NULL,
	`scope` text NOT NULL,
	`coarsening` text NOT NULL,
	`recipients` text NOT NULL,
	`key_id` text NOT NULL,
	`file_name` text NOT NULL,
	`bytes` integer,
	`row_counts` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `export_log_export_id_unique` ON `export_log` (`export_id`);--> statement-breakpoint
CREATE INDEX `export_log_created_idx` ON `export_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `export_recipients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `export_recipients_public_key_unique` ON `export_recipients` (`public_key`);