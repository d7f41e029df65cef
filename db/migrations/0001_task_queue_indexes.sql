DROP INDEX `tasks_confidence_idx`;--> statement-breakpoint
ALTER TABLE `tasks` ADD `negative_score` real;--> statement-breakpoint
CREATE INDEX `tasks_review_queue_idx` ON `tasks` (`reviewed`,`confidence`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_flagged_idx` ON `tasks` (`flagged_at`);--> statement-breakpoint
CREATE INDEX `tasks_confidence_id_idx` ON `tasks` (`confidence`,`id`);--> statement-breakpoint
CREATE INDEX `tasks_negative_id_idx` ON `tasks` (`negative_score`,`id`);