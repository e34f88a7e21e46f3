CREATE TABLE `saved_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`lang` text DEFAULT 'sv' NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`unit_ids` text DEFAULT '[]' NOT NULL,
	`programme_ids` text DEFAULT '[]' NOT NULL,
	`sections` text NOT NULL,
	`budget` text DEFAULT '[]' NOT NULL,
	`notes` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "saved_reports_period" CHECK("saved_reports"."period_from" <= "saved_reports"."period_to")
);
