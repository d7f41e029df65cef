-- tasks_text_search: an FTS5 index of every request's text by trigrams (every three-character
-- sequence, case-folded; row ids only, no positions), so the task list's text search finds the few requests containing a
-- word without reading every row (db/queries/task-list.ts). It holds only the index: the text
-- itself stays in tasks (an external-content table), and the triggers below keep the two in
-- step. Written by hand: drizzle-kit does not model virtual tables.
CREATE VIRTUAL TABLE `tasks_text_search` USING fts5(`text`, content='tasks', content_rowid='id', tokenize='trigram', detail=none);
--> statement-breakpoint
INSERT INTO `tasks_text_search` (`tasks_text_search`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `tasks_text_search_insert` AFTER INSERT ON `tasks` BEGIN
  INSERT INTO `tasks_text_search` (`rowid`, `text`) VALUES (NEW.`id`, NEW.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_text_search_delete` AFTER DELETE ON `tasks` BEGIN
  INSERT INTO `tasks_text_search` (`tasks_text_search`, `rowid`, `text`) VALUES ('delete', OLD.`id`, OLD.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_text_search_update` AFTER UPDATE OF `text` ON `tasks` BEGIN
  INSERT INTO `tasks_text_search` (`tasks_text_search`, `rowid`, `text`) VALUES ('delete', OLD.`id`, OLD.`text`);
  INSERT INTO `tasks_text_search` (`rowid`, `text`) VALUES (NEW.`id`, NEW.`text`);
END;
