ALTER TABLE `reviews` ADD `flagged_at_before` integer;--> statement-breakpoint
ALTER TABLE `reviews` ADD `undone_at` integer;--> statement-breakpoint
ALTER TABLE `reviews` ADD `undone_by_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `tasks` ADD `flagged_by_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `tasks` ADD `flag_reason` text;