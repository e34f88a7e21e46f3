ALTER TABLE `export_log` ADD `disclosure` text;--> statement-breakpoint
ALTER TABLE `export_log` ADD `below_k_reason` text;