CREATE TABLE `category_routing` (
	`category_id` integer PRIMARY KEY NOT NULL,
	`round_robin` integer DEFAULT false NOT NULL,
	`last_assigned_to` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`last_assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `email_outbox_due_idx` ON `email_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `escalation_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`conditions` text NOT NULL,
	`actions` text NOT NULL,
	`author_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `escalation_rules_active_idx` ON `escalation_rules` (`active`);--> statement-breakpoint
CREATE TABLE `sla_targets` (
	`priority` text PRIMARY KEY NOT NULL,
	`first_response_minutes` real NOT NULL,
	`resolution_minutes` real NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `task_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` integer,
	`rule_id` integer,
	`summary` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_events_task_idx` ON `task_events` (`task_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `task_events_rule_once_idx` ON `task_events` (`rule_id`,`task_id`) WHERE "task_events"."rule_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `task_events_breach_once_idx` ON `task_events` (`task_id`) WHERE "task_events"."kind" = 'sla_breached';--> statement-breakpoint
CREATE INDEX `task_events_kind_created_idx` ON `task_events` (`kind`,`created_at`);--> statement-breakpoint
ALTER TABLE `tasks` ADD `priority` text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `priority_reasons` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `priority_source` text DEFAULT 'computed' NOT NULL;--> statement-breakpoint
ALTER TABLE `tasks` ADD `first_response_at` integer;--> statement-breakpoint
ALTER TABLE `tasks` ADD `sla_due_at` integer;--> statement-breakpoint
ALTER TABLE `tasks` ADD `sla_breached_at` integer;--> statement-breakpoint
ALTER TABLE `tasks` ADD `tags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX `tasks_sla_due_idx` ON `tasks` (`sla_due_at`) WHERE "tasks"."sla_due_at" is not null;--> statement-breakpoint
CREATE INDEX `tasks_owner_status_idx` ON `tasks` (`assigned_to`,`status`);--> statement-breakpoint
CREATE INDEX `tasks_priority_pending_idx` ON `tasks` (`id`) WHERE "tasks"."priority_reasons" = '[]';--> statement-breakpoint
-- Hand-corrected: drizzle-kit splits an expression index at its commas. Same expression as
-- QUEUE_KEY in db/queries/task-list.ts, so the planner uses the index for the queue's order.
CREATE INDEX `tasks_queue_idx` ON `tasks` ((case "priority" when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end) * 10000000000000 + coalesce("sla_due_at", 9999999999999),`id`);--> statement-breakpoint
-- Default SLA targets in minutes (supervisors change them on the Escalation page).
INSERT INTO `sla_targets` (`priority`, `first_response_minutes`, `resolution_minutes`) VALUES ('urgent', 60, 480), ('high', 240, 1440), ('normal', 480, 2880), ('low', 1440, 7200);