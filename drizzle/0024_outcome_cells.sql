-- Per group sums of the questionnaire scores (levels, and pairs with `pre`) and counts of returned
-- responses, kept by triggers in the same statement as every write to scores, responses and
-- participants, by hand, by import or by sync's remote apply alike: results add up a few rows per
-- group instead of reading every score of the city. Local to each machine, never synced.
CREATE TABLE `outcome_change_cells` (
	`group_id` text NOT NULL,
	`instrument_code` text NOT NULL,
	`scale` text NOT NULL,
	`timepoint` text NOT NULL,
	`n` integer NOT NULL,
	`before_total` real NOT NULL,
	`before_squares` real NOT NULL,
	`after_total` real NOT NULL,
	`after_squares` real NOT NULL,
	`change_total` real NOT NULL,
	`change_squares` real NOT NULL,
	PRIMARY KEY(`group_id`, `instrument_code`, `scale`, `timepoint`)
);
--> statement-breakpoint
CREATE INDEX `outcome_change_cells_instrument_idx` ON `outcome_change_cells` (`instrument_code`,`scale`,`timepoint`,`n`,`before_total`,`before_squares`,`after_total`,`after_squares`,`change_total`,`change_squares`);--> statement-breakpoint
CREATE TABLE `outcome_level_cells` (
	`group_id` text NOT NULL,
	`instrument_code` text NOT NULL,
	`scale` text NOT NULL,
	`timepoint` text NOT NULL,
	`n` integer NOT NULL,
	`total` real NOT NULL,
	`squares` real NOT NULL,
	PRIMARY KEY(`group_id`, `instrument_code`, `scale`, `timepoint`)
);
--> statement-breakpoint
CREATE INDEX `outcome_level_cells_instrument_idx` ON `outcome_level_cells` (`instrument_code`,`scale`,`timepoint`,`n`,`total`,`squares`);--> statement-breakpoint
CREATE TABLE `outcome_return_cells` (
	`group_id` text NOT NULL,
	`instrument_code` text NOT NULL,
	`timepoint` text NOT NULL,
	`returned` integer NOT NULL,
	PRIMARY KEY(`group_id`, `instrument_code`, `timepoint`)
);--> statement-breakpoint
-- The cells start from the scores and responses already stored (also a database restored from a
-- backup made before this migration).
INSERT INTO outcome_level_cells (group_id, instrument_code, scale, timepoint, n, total, squares)
SELECT p.group_id, r.instrument_code, x.scale, r.timepoint, count(*), sum(x.score), sum(x.score * x.score)
FROM outcome_responses r JOIN participants p ON p.id = r.participant_id JOIN outcome_scores x ON x.response_id = r.id
WHERE x.score IS NOT NULL
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, count(*),
  sum(xb.score), sum(xb.score * xb.score), sum(xa.score), sum(xa.score * xa.score),
  sum(xa.score - xb.score), sum((xa.score - xb.score) * (xa.score - xb.score))
FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
JOIN outcome_scores xa ON xa.response_id = a.id
JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
WHERE a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO outcome_return_cells (group_id, instrument_code, timepoint, returned)
SELECT p.group_id, r.instrument_code, r.timepoint, count(*)
FROM outcome_responses r JOIN participants p ON p.id = r.participant_id
WHERE p.status <> 'moved'
GROUP BY 1, 2, 3;
--> statement-breakpoint
-- A new score joins its group's level cell, and its pairs: with the `pre` score of the same scale
-- when it is a later answer, with every later score of the scale when it is the `pre` one.
CREATE TRIGGER `outcome_cells_score_insert` AFTER INSERT ON `outcome_scores` WHEN NEW.score IS NOT NULL BEGIN
  INSERT INTO outcome_level_cells (group_id, instrument_code, scale, timepoint, n, total, squares)
  SELECT p.group_id, r.instrument_code, x.scale, r.timepoint, count(*), sum(x.score), sum(x.score * x.score)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id JOIN outcome_scores x ON x.response_id = r.id
  WHERE r.id = NEW.response_id AND x.scale = NEW.scale AND x.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, count(*),
    sum(xb.score), sum(xb.score * xb.score), sum(xa.score), sum(xa.score * xa.score),
    sum(xa.score - xb.score), sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE a.id = NEW.response_id AND xa.scale = NEW.scale AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, count(*),
    sum(xb.score), sum(xb.score * xb.score), sum(xa.score), sum(xa.score * xa.score),
    sum(xa.score - xb.score), sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE b.id = NEW.response_id AND xb.scale = NEW.scale AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
END;
--> statement-breakpoint
-- A score leaves the same cells while its response still says whose it was; a cell back at no
-- scores is removed, so no rounding is left behind in it.
CREATE TRIGGER `outcome_cells_score_delete` BEFORE DELETE ON `outcome_scores` WHEN OLD.score IS NOT NULL BEGIN
  INSERT INTO outcome_level_cells (group_id, instrument_code, scale, timepoint, n, total, squares)
  SELECT p.group_id, r.instrument_code, x.scale, r.timepoint, -count(*), -sum(x.score), -sum(x.score * x.score)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id JOIN outcome_scores x ON x.response_id = r.id
  WHERE r.id = OLD.response_id AND x.scale = OLD.scale AND x.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, -count(*),
    -sum(xb.score), -sum(xb.score * xb.score), -sum(xa.score), -sum(xa.score * xa.score),
    -sum(xa.score - xb.score), -sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE a.id = OLD.response_id AND xa.scale = OLD.scale AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, -count(*),
    -sum(xb.score), -sum(xb.score * xb.score), -sum(xa.score), -sum(xa.score * xa.score),
    -sum(xa.score - xb.score), -sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE b.id = OLD.response_id AND xb.scale = OLD.scale AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  DELETE FROM outcome_level_cells WHERE group_id = (SELECT p.group_id FROM outcome_responses r JOIN participants p ON p.id = r.participant_id WHERE r.id = OLD.response_id) AND n = 0;
  DELETE FROM outcome_change_cells WHERE group_id = (SELECT p.group_id FROM outcome_responses r JOIN participants p ON p.id = r.participant_id WHERE r.id = OLD.response_id) AND n = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_cells_score_update_before` BEFORE UPDATE OF `score`, `scale`, `response_id` ON `outcome_scores` WHEN OLD.score IS NOT NEW.score OR OLD.scale IS NOT NEW.scale OR OLD.response_id IS NOT NEW.response_id BEGIN
  INSERT INTO outcome_level_cells (group_id, instrument_code, scale, timepoint, n, total, squares)
  SELECT p.group_id, r.instrument_code, x.scale, r.timepoint, -count(*), -sum(x.score), -sum(x.score * x.score)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id JOIN outcome_scores x ON x.response_id = r.id
  WHERE r.id = OLD.response_id AND x.scale = OLD.scale AND x.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, -count(*),
    -sum(xb.score), -sum(xb.score * xb.score), -sum(xa.score), -sum(xa.score * xa.score),
    -sum(xa.score - xb.score), -sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE a.id = OLD.response_id AND xa.scale = OLD.scale AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, -count(*),
    -sum(xb.score), -sum(xb.score * xb.score), -sum(xa.score), -sum(xa.score * xa.score),
    -sum(xa.score - xb.score), -sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE b.id = OLD.response_id AND xb.scale = OLD.scale AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  DELETE FROM outcome_level_cells WHERE group_id = (SELECT p.group_id FROM outcome_responses r JOIN participants p ON p.id = r.participant_id WHERE r.id = OLD.response_id) AND n = 0;
  DELETE FROM outcome_change_cells WHERE group_id = (SELECT p.group_id FROM outcome_responses r JOIN participants p ON p.id = r.participant_id WHERE r.id = OLD.response_id) AND n = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_cells_score_update_after` AFTER UPDATE OF `score`, `scale`, `response_id` ON `outcome_scores` WHEN OLD.score IS NOT NEW.score OR OLD.scale IS NOT NEW.scale OR OLD.response_id IS NOT NEW.response_id BEGIN
  INSERT INTO outcome_level_cells (group_id, instrument_code, scale, timepoint, n, total, squares)
  SELECT p.group_id, r.instrument_code, x.scale, r.timepoint, count(*), sum(x.score), sum(x.score * x.score)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id JOIN outcome_scores x ON x.response_id = r.id
  WHERE r.id = NEW.response_id AND x.scale = NEW.scale AND x.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, count(*),
    sum(xb.score), sum(xb.score * xb.score), sum(xa.score), sum(xa.score * xa.score),
    sum(xa.score - xb.score), sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE a.id = NEW.response_id AND xa.scale = NEW.scale AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, count(*),
    sum(xb.score), sum(xb.score * xb.score), sum(xa.score), sum(xa.score * xa.score),
    sum(xa.score - xb.score), sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE b.id = NEW.response_id AND xb.scale = NEW.scale AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
END;
--> statement-breakpoint
-- A deleted response takes its scores with it first (a cascade would come after the response is
-- gone), and no longer counts as returned.
CREATE TRIGGER `outcome_cells_response_delete` BEFORE DELETE ON `outcome_responses` BEGIN
  DELETE FROM outcome_scores WHERE response_id = OLD.id;
  INSERT INTO outcome_return_cells (group_id, instrument_code, timepoint, returned)
  SELECT p.group_id, r.instrument_code, r.timepoint, -count(*)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id
  WHERE r.id = OLD.id AND p.status <> 'moved'
  GROUP BY 1, 2, 3
  ON CONFLICT (group_id, instrument_code, timepoint) DO UPDATE SET returned = returned + excluded.returned;
  DELETE FROM outcome_return_cells WHERE group_id = (SELECT group_id FROM participants WHERE id = OLD.participant_id) AND returned = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_cells_response_insert` AFTER INSERT ON `outcome_responses` BEGIN
  INSERT INTO outcome_return_cells (group_id, instrument_code, timepoint, returned)
  SELECT p.group_id, r.instrument_code, r.timepoint, count(*)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id
  WHERE r.id = NEW.id AND p.status <> 'moved'
  GROUP BY 1, 2, 3
  ON CONFLICT (group_id, instrument_code, timepoint) DO UPDATE SET returned = returned + excluded.returned;
END;
--> statement-breakpoint
-- A response moved to another time point, instrument or participant leaves its old cells and joins its new ones.
CREATE TRIGGER `outcome_cells_response_update_before` BEFORE UPDATE OF `participant_id`, `instrument_code`, `timepoint` ON `outcome_responses` WHEN OLD.participant_id IS NOT NEW.participant_id OR OLD.instrument_code IS NOT NEW.instrument_code OR OLD.timepoint IS NOT NEW.timepoint BEGIN
  INSERT INTO outcome_level_cells (group_id, instrument_code, scale, timepoint, n, total, squares)
  SELECT p.group_id, r.instrument_code, x.scale, r.timepoint, -count(*), -sum(x.score), -sum(x.score * x.score)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id JOIN outcome_scores x ON x.response_id = r.id
  WHERE r.id = OLD.id AND x.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, -count(*),
    -sum(xb.score), -sum(xb.score * xb.score), -sum(xa.score), -sum(xa.score * xa.score),
    -sum(xa.score - xb.score), -sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE a.id = OLD.id AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, -count(*),
    -sum(xb.score), -sum(xb.score * xb.score), -sum(xa.score), -sum(xa.score * xa.score),
    -sum(xa.score - xb.score), -sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE b.id = OLD.id AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  INSERT INTO outcome_return_cells (group_id, instrument_code, timepoint, returned)
  SELECT p.group_id, r.instrument_code, r.timepoint, -count(*)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id
  WHERE r.id = OLD.id AND p.status <> 'moved'
  GROUP BY 1, 2, 3
  ON CONFLICT (group_id, instrument_code, timepoint) DO UPDATE SET returned = returned + excluded.returned;
  DELETE FROM outcome_level_cells WHERE group_id = (SELECT group_id FROM participants WHERE id = OLD.participant_id) AND n = 0;
  DELETE FROM outcome_change_cells WHERE group_id = (SELECT group_id FROM participants WHERE id = OLD.participant_id) AND n = 0;
  DELETE FROM outcome_return_cells WHERE group_id = (SELECT group_id FROM participants WHERE id = OLD.participant_id) AND returned = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_cells_response_update_after` AFTER UPDATE OF `participant_id`, `instrument_code`, `timepoint` ON `outcome_responses` WHEN OLD.participant_id IS NOT NEW.participant_id OR OLD.instrument_code IS NOT NEW.instrument_code OR OLD.timepoint IS NOT NEW.timepoint BEGIN
  INSERT INTO outcome_level_cells (group_id, instrument_code, scale, timepoint, n, total, squares)
  SELECT p.group_id, r.instrument_code, x.scale, r.timepoint, count(*), sum(x.score), sum(x.score * x.score)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id JOIN outcome_scores x ON x.response_id = r.id
  WHERE r.id = NEW.id AND x.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, count(*),
    sum(xb.score), sum(xb.score * xb.score), sum(xa.score), sum(xa.score * xa.score),
    sum(xa.score - xb.score), sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE a.id = NEW.id AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, count(*),
    sum(xb.score), sum(xb.score * xb.score), sum(xa.score), sum(xa.score * xa.score),
    sum(xa.score - xb.score), sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE b.id = NEW.id AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  INSERT INTO outcome_return_cells (group_id, instrument_code, timepoint, returned)
  SELECT p.group_id, r.instrument_code, r.timepoint, count(*)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id
  WHERE r.id = NEW.id AND p.status <> 'moved'
  GROUP BY 1, 2, 3
  ON CONFLICT (group_id, instrument_code, timepoint) DO UPDATE SET returned = returned + excluded.returned;
END;
--> statement-breakpoint
-- A participant whose group changes takes their scores and pairs along.
CREATE TRIGGER `outcome_cells_participant_update_before` BEFORE UPDATE OF `group_id` ON `participants` WHEN OLD.group_id IS NOT NEW.group_id BEGIN
  INSERT INTO outcome_level_cells (group_id, instrument_code, scale, timepoint, n, total, squares)
  SELECT p.group_id, r.instrument_code, x.scale, r.timepoint, -count(*), -sum(x.score), -sum(x.score * x.score)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id JOIN outcome_scores x ON x.response_id = r.id
  WHERE r.participant_id = OLD.id AND x.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, -count(*),
    -sum(xb.score), -sum(xb.score * xb.score), -sum(xa.score), -sum(xa.score * xa.score),
    -sum(xa.score - xb.score), -sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE a.participant_id = OLD.id AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
  DELETE FROM outcome_level_cells WHERE group_id = OLD.group_id AND n = 0;
  DELETE FROM outcome_change_cells WHERE group_id = OLD.group_id AND n = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_cells_participant_update_after` AFTER UPDATE OF `group_id` ON `participants` WHEN OLD.group_id IS NOT NEW.group_id BEGIN
  INSERT INTO outcome_level_cells (group_id, instrument_code, scale, timepoint, n, total, squares)
  SELECT p.group_id, r.instrument_code, x.scale, r.timepoint, count(*), sum(x.score), sum(x.score * x.score)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id JOIN outcome_scores x ON x.response_id = r.id
  WHERE r.participant_id = NEW.id AND x.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares;
  INSERT INTO outcome_change_cells (group_id, instrument_code, scale, timepoint, n, before_total, before_squares, after_total, after_squares, change_total, change_squares)
  SELECT p.group_id, a.instrument_code, xa.scale, a.timepoint, count(*),
    sum(xb.score), sum(xb.score * xb.score), sum(xa.score), sum(xa.score * xa.score),
    sum(xa.score - xb.score), sum((xa.score - xb.score) * (xa.score - xb.score))
  FROM outcome_responses a JOIN participants p ON p.id = a.participant_id
  JOIN outcome_responses b ON b.participant_id = a.participant_id AND b.instrument_code = a.instrument_code AND b.timepoint = 'pre'
  JOIN outcome_scores xa ON xa.response_id = a.id
  JOIN outcome_scores xb ON xb.response_id = b.id AND xb.scale = xa.scale
  WHERE a.participant_id = NEW.id AND a.timepoint <> 'pre' AND xa.score IS NOT NULL AND xb.score IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (group_id, instrument_code, scale, timepoint) DO UPDATE SET n = n + excluded.n, before_total = before_total + excluded.before_total, before_squares = before_squares + excluded.before_squares, after_total = after_total + excluded.after_total, after_squares = after_squares + excluded.after_squares, change_total = change_total + excluded.change_total, change_squares = change_squares + excluded.change_squares;
END;
--> statement-breakpoint
-- A response counts as returned while its participant has not moved on: a move (or its undoing)
-- takes the participant's responses out of (or back into) the counts.
CREATE TRIGGER `outcome_cells_participant_returns_before` BEFORE UPDATE OF `group_id`, `status` ON `participants` WHEN OLD.group_id IS NOT NEW.group_id OR (OLD.status = 'moved') IS NOT (NEW.status = 'moved') BEGIN
  INSERT INTO outcome_return_cells (group_id, instrument_code, timepoint, returned)
  SELECT p.group_id, r.instrument_code, r.timepoint, -count(*)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id
  WHERE r.participant_id = OLD.id AND p.status <> 'moved'
  GROUP BY 1, 2, 3
  ON CONFLICT (group_id, instrument_code, timepoint) DO UPDATE SET returned = returned + excluded.returned;
  DELETE FROM outcome_return_cells WHERE group_id = OLD.group_id AND returned = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_cells_participant_returns_after` AFTER UPDATE OF `group_id`, `status` ON `participants` WHEN OLD.group_id IS NOT NEW.group_id OR (OLD.status = 'moved') IS NOT (NEW.status = 'moved') BEGIN
  INSERT INTO outcome_return_cells (group_id, instrument_code, timepoint, returned)
  SELECT p.group_id, r.instrument_code, r.timepoint, count(*)
  FROM outcome_responses r JOIN participants p ON p.id = r.participant_id
  WHERE r.participant_id = NEW.id AND p.status <> 'moved'
  GROUP BY 1, 2, 3
  ON CONFLICT (group_id, instrument_code, timepoint) DO UPDATE SET returned = returned + excluded.returned;
END;
--> statement-breakpoint
-- An erased or deleted participant (a deleted group's too) takes their responses first, which
-- leave the cells as any deleted response does.
CREATE TRIGGER `outcome_cells_participant_delete` BEFORE DELETE ON `participants` BEGIN
  DELETE FROM outcome_responses WHERE participant_id = OLD.id;
END;
