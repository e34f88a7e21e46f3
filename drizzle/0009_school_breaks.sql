CREATE TABLE `school_breaks` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` text NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "school_breaks_order" CHECK("school_breaks"."start_date" <= "school_breaks"."end_date")
);
--> statement-breakpoint
CREATE INDEX `school_breaks_unit_idx` ON `school_breaks` (`unit_id`,`start_date`);