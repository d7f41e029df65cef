ALTER TABLE `predictions` ADD `message_id` integer;--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model data moves).
-- Follow-ups scored before this migration: a task's predictions and its customer messages were
-- written in pairs, in the same order (the opening request, then each follow-up), so the n-th
-- prediction scored the n-th customer message. Only tasks with a follow-up (opening_sentiment
-- set, read from tasks_conversation_trend_idx) need it; the first prediction stays null, the
-- opening text.
UPDATE `predictions` SET `message_id` = (
  SELECT m.`id` FROM `task_messages` m
  WHERE m.`task_id` = `predictions`.`task_id` AND m.`author` = 'customer'
    AND (SELECT count(*) FROM `task_messages` m2 WHERE m2.`task_id` = m.`task_id` AND m2.`author` = 'customer' AND m2.`id` <= m.`id`)
      = (SELECT count(*) FROM `predictions` p2 WHERE p2.`task_id` = `predictions`.`task_id` AND p2.`id` <= `predictions`.`id`)
)
WHERE `task_id` IN (SELECT `id` FROM `tasks` WHERE `opening_sentiment` IS NOT NULL)
  AND `id` > (SELECT min(p3.`id`) FROM `predictions` p3 WHERE p3.`task_id` = `predictions`.`task_id`);
--> statement-breakpoint
-- Corrections of a follow-up were stored with the opening text (tasks.text): give such training
-- examples the text of the message their review corrected. Before this migration a task had
-- one example, labelled by its newest review in effect; only tasks with follow-ups can be wrong.
UPDATE `examples` SET
  `text` = (SELECT m.`text` FROM `reviews` r JOIN `predictions` p ON p.`id` = r.`prediction_id` JOIN `task_messages` m ON m.`id` = p.`message_id`
            WHERE r.`task_id` = `examples`.`source_task_id` AND r.`undone_at` IS NULL ORDER BY r.`id` DESC LIMIT 1),
  `occurred_at` = (SELECT m.`created_at` FROM `reviews` r JOIN `predictions` p ON p.`id` = r.`prediction_id` JOIN `task_messages` m ON m.`id` = p.`message_id`
            WHERE r.`task_id` = `examples`.`source_task_id` AND r.`undone_at` IS NULL ORDER BY r.`id` DESC LIMIT 1)
WHERE `dataset_id` IN (SELECT `id` FROM `datasets` WHERE `kind` = 'corrections')
  AND `source_task_id` IN (SELECT `id` FROM `tasks` WHERE `opening_sentiment` IS NOT NULL)
  AND (SELECT p.`message_id` FROM `reviews` r JOIN `predictions` p ON p.`id` = r.`prediction_id`
       WHERE r.`task_id` = `examples`.`source_task_id` AND r.`undone_at` IS NULL ORDER BY r.`id` DESC LIMIT 1) IS NOT NULL;
