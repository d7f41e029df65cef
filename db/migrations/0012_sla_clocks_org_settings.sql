-- SLA: each clock's miss recorded once (a first-response miss no longer stops the resolution
-- clock), a reopened task's fresh resolution clock; organisation settings; and the organisation
-- time zone's day boundaries for the trend aggregates. Hand-written parts are after the
-- generated ones: the expression index (drizzle-kit splits json_extract's arguments), the
-- backfill of the breach columns, and the task_daily_counts triggers (drizzle-kit does not model
-- triggers), which now file a request under its local day (org_day_offsets; empty = UTC).
CREATE TABLE `org_day_offsets` (
	`starts_at` integer PRIMARY KEY NOT NULL,
	`offset_minutes` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `org_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `task_events_breach_once_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `task_events_breach_once_idx` ON `task_events` (`task_id`,json_extract("details", '$.clock')) WHERE "task_events"."kind" = 'sla_breached';--> statement-breakpoint
ALTER TABLE `tasks` ADD `sla_first_response_breached_at` integer;--> statement-breakpoint
ALTER TABLE `tasks` ADD `sla_resolution_breached_at` integer;--> statement-breakpoint
ALTER TABLE `tasks` ADD `sla_resolution_from` integer;--> statement-breakpoint

-- A breach recorded before this migration stopped every clock: file it under the clock it missed.
UPDATE `tasks` SET `sla_first_response_breached_at` = `sla_breached_at`
WHERE `sla_breached_at` IS NOT NULL AND (`first_response_at` IS NULL OR `first_response_at` > `sla_breached_at`);--> statement-breakpoint
UPDATE `tasks` SET `sla_resolution_breached_at` = `sla_breached_at`
WHERE `sla_breached_at` IS NOT NULL AND `sla_first_response_breached_at` IS NULL;--> statement-breakpoint
DROP TRIGGER `tasks_daily_counts_insert`;--> statement-breakpoint
DROP TRIGGER `tasks_daily_counts_update`;--> statement-breakpoint
DROP TRIGGER `tasks_daily_counts_delete`;--> statement-breakpoint
CREATE TRIGGER `tasks_daily_counts_insert` AFTER INSERT ON `tasks` BEGIN
  INSERT INTO `task_daily_counts` (`day`, `category_id`, `sentiment`, `emotion`, `tasks`)
  VALUES (CAST((NEW.`created_at` + 60000 * coalesce((SELECT `offset_minutes` FROM `org_day_offsets` WHERE `starts_at` <= NEW.`created_at` ORDER BY `starts_at` DESC LIMIT 1), 0)) / 86400000 AS INTEGER), NEW.`category_id`, coalesce(NEW.`sentiment`, ''), coalesce(NEW.`emotion`, ''), 1)
  ON CONFLICT (`day`, `category_id`, `sentiment`, `emotion`) DO UPDATE SET `tasks` = `tasks` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_daily_counts_update` AFTER UPDATE OF `created_at`, `category_id`, `sentiment`, `emotion` ON `tasks`
WHEN OLD.`created_at` != NEW.`created_at` OR OLD.`category_id` != NEW.`category_id`
  OR OLD.`sentiment` IS NOT NEW.`sentiment` OR OLD.`emotion` IS NOT NEW.`emotion`
BEGIN
  UPDATE `task_daily_counts` SET `tasks` = `tasks` - 1
  WHERE `day` = CAST((OLD.`created_at` + 60000 * coalesce((SELECT `offset_minutes` FROM `org_day_offsets` WHERE `starts_at` <= OLD.`created_at` ORDER BY `starts_at` DESC LIMIT 1), 0)) / 86400000 AS INTEGER) AND `category_id` = OLD.`category_id`
    AND `sentiment` = coalesce(OLD.`sentiment`, '') AND `emotion` = coalesce(OLD.`emotion`, '');
  INSERT INTO `task_daily_counts` (`day`, `category_id`, `sentiment`, `emotion`, `tasks`)
  VALUES (CAST((NEW.`created_at` + 60000 * coalesce((SELECT `offset_minutes` FROM `org_day_offsets` WHERE `starts_at` <= NEW.`created_at` ORDER BY `starts_at` DESC LIMIT 1), 0)) / 86400000 AS INTEGER), NEW.`category_id`, coalesce(NEW.`sentiment`, ''), coalesce(NEW.`emotion`, ''), 1)
  ON CONFLICT (`day`, `category_id`, `sentiment`, `emotion`) DO UPDATE SET `tasks` = `tasks` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_daily_counts_delete` AFTER DELETE ON `tasks` BEGIN
  UPDATE `task_daily_counts` SET `tasks` = `tasks` - 1
  WHERE `day` = CAST((OLD.`created_at` + 60000 * coalesce((SELECT `offset_minutes` FROM `org_day_offsets` WHERE `starts_at` <= OLD.`created_at` ORDER BY `starts_at` DESC LIMIT 1), 0)) / 86400000 AS INTEGER) AND `category_id` = OLD.`category_id`
    AND `sentiment` = coalesce(OLD.`sentiment`, '') AND `emotion` = coalesce(OLD.`emotion`, '');
END;
