CREATE TABLE `satisfaction_ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`agent_id` integer,
	`category_id` integer NOT NULL,
	`closing_sentiment` text,
	`expires_at` integer NOT NULL,
	`rating` integer,
	`rated_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `satisfaction_ratings_task_idx` ON `satisfaction_ratings` (`task_id`);--> statement-breakpoint
CREATE INDEX `satisfaction_ratings_agent_idx` ON `satisfaction_ratings` (`agent_id`,`rated_at`);--> statement-breakpoint
CREATE INDEX `satisfaction_ratings_rated_idx` ON `satisfaction_ratings` (`rated_at`);--> statement-breakpoint
CREATE TABLE `task_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`author` text NOT NULL,
	`author_id` integer,
	`channel` text DEFAULT 'web' NOT NULL,
	`text` text NOT NULL,
	`internal` integer DEFAULT false NOT NULL,
	`sentiment` text,
	`confidence` real,
	`emotion` text,
	`email_message_id` text,
	`email_outbox_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_messages_task_idx` ON `task_messages` (`task_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `task_messages_email_idx` ON `task_messages` (`email_message_id`) WHERE "task_messages"."email_message_id" is not null;--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `headers` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `opening_sentiment` text;--> statement-breakpoint
CREATE INDEX `tasks_conversation_trend_idx` ON `tasks` (`opening_sentiment`,`sentiment`,`created_at`) WHERE "tasks"."opening_sentiment" is not null;--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model data moves or triggers).
-- Every existing task becomes a one-message conversation: its text, channel, labels and time,
-- unchanged (tasks.text stays too, as the opening text the search index reads).
INSERT INTO `task_messages` (`task_id`, `author`, `channel`, `text`, `sentiment`, `confidence`, `emotion`, `created_at`, `updated_at`)
  SELECT `id`, 'customer', `channel`, `text`, `sentiment`, `confidence`, `emotion`, `created_at`, `created_at` FROM `tasks` ORDER BY `id`;
--> statement-breakpoint
-- Every new task opens its conversation, whoever inserts it (the form, the API, imports, the seed).
CREATE TRIGGER `task_messages_opening` AFTER INSERT ON `tasks` BEGIN
  INSERT INTO `task_messages` (`task_id`, `author`, `channel`, `text`, `sentiment`, `confidence`, `emotion`, `created_at`, `updated_at`)
    VALUES (NEW.`id`, 'customer', NEW.`channel`, NEW.`text`, NEW.`sentiment`, NEW.`confidence`, NEW.`emotion`, NEW.`created_at`, NEW.`created_at`);
END;
--> statement-breakpoint
-- The task's labels are its latest customer message's: when they change (a supervisor's review or
-- its undo, the emotion backfill, a follow-up), that message follows.
CREATE TRIGGER `task_messages_latest_labels` AFTER UPDATE OF `sentiment`, `confidence`, `emotion` ON `tasks`
  WHEN NEW.`sentiment` IS NOT OLD.`sentiment` OR NEW.`confidence` IS NOT OLD.`confidence` OR NEW.`emotion` IS NOT OLD.`emotion` BEGIN
  UPDATE `task_messages` SET `sentiment` = NEW.`sentiment`, `confidence` = NEW.`confidence`, `emotion` = NEW.`emotion`
    WHERE `id` = (SELECT max(`id`) FROM `task_messages` WHERE `task_id` = NEW.`id` AND `author` = 'customer');
END;
