CREATE TABLE `outcome_unanswered` (
	`group_id` text NOT NULL,
	`instrument_code` text NOT NULL,
	`timepoint` text NOT NULL,
	`participant_id` text NOT NULL,
	PRIMARY KEY(`group_id`, `instrument_code`, `timepoint`, `participant_id`)
);
--> statement-breakpoint
CREATE INDEX `outcome_unanswered_participant_idx` ON `outcome_unanswered` (`participant_id`,`timepoint`,`instrument_code`);--> statement-breakpoint
-- The worklist's first read after any write asked, for each open point of the city, every
-- enrolment of its group whether it had answered or been marked (about 150 ms at scale 100). These
-- rows are that answer, kept by triggers in the same statement as every write to participants,
-- groups, schedules, responses and marks, by hand, by import or by sync's remote apply alike.
-- Local to each machine, never synced. The rows start from what is already stored (also a
-- database restored from a backup made before this migration).
INSERT INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
SELECT p.group_id, s.instrument_code, s.timepoint, p.id
FROM participants p JOIN groups g ON g.id = p.group_id JOIN outcome_schedules s ON s.programme_id = g.programme_id
WHERE p.status <> 'moved'
  AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = p.id AND r.instrument_code = s.instrument_code AND r.timepoint = s.timepoint)
  AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = p.id AND x.timepoint = s.timepoint);
--> statement-breakpoint
-- A participant joins with every point of the group's programme still to answer.
CREATE TRIGGER `outcome_unanswered_participant_insert` AFTER INSERT ON `participants` WHEN NEW.status <> 'moved' BEGIN
  INSERT OR IGNORE INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
  SELECT NEW.group_id, s.instrument_code, s.timepoint, NEW.id
  FROM groups g JOIN outcome_schedules s ON s.programme_id = g.programme_id
  WHERE g.id = NEW.group_id
    AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = NEW.id AND r.instrument_code = s.instrument_code AND r.timepoint = s.timepoint)
    AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = NEW.id AND x.timepoint = s.timepoint);
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_unanswered_participant_delete` AFTER DELETE ON `participants` BEGIN
  DELETE FROM outcome_unanswered WHERE participant_id = OLD.id;
END;
--> statement-breakpoint
-- A participant who changes group, moves on, or whose move is undone is asked afresh where they now are.
CREATE TRIGGER `outcome_unanswered_participant_update` AFTER UPDATE OF `id`, `group_id`, `status` ON `participants`
WHEN OLD.id IS NOT NEW.id OR OLD.group_id IS NOT NEW.group_id OR (OLD.status <> 'moved') IS NOT (NEW.status <> 'moved') BEGIN
  DELETE FROM outcome_unanswered WHERE participant_id = OLD.id;
  INSERT OR IGNORE INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
  SELECT NEW.group_id, s.instrument_code, s.timepoint, NEW.id
  FROM groups g JOIN outcome_schedules s ON s.programme_id = g.programme_id
  WHERE g.id = NEW.group_id AND NEW.status <> 'moved'
    AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = NEW.id AND r.instrument_code = s.instrument_code AND r.timepoint = s.timepoint)
    AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = NEW.id AND x.timepoint = s.timepoint);
END;
--> statement-breakpoint
-- A group arriving after its participants (sync may apply them in any order) brings their rows.
CREATE TRIGGER `outcome_unanswered_group_insert` AFTER INSERT ON `groups` BEGIN
  INSERT OR IGNORE INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
  SELECT p.group_id, s.instrument_code, s.timepoint, p.id
  FROM participants p JOIN outcome_schedules s ON s.programme_id = NEW.programme_id
  WHERE p.group_id = NEW.id AND p.status <> 'moved'
    AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = p.id AND r.instrument_code = s.instrument_code AND r.timepoint = s.timepoint)
    AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = p.id AND x.timepoint = s.timepoint);
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_unanswered_group_delete` AFTER DELETE ON `groups` BEGIN
  DELETE FROM outcome_unanswered WHERE group_id = OLD.id;
END;
--> statement-breakpoint
-- A group moved to another programme is asked that programme's schedule instead.
CREATE TRIGGER `outcome_unanswered_group_update` AFTER UPDATE OF `id`, `programme_id` ON `groups`
WHEN OLD.id IS NOT NEW.id OR OLD.programme_id IS NOT NEW.programme_id BEGIN
  DELETE FROM outcome_unanswered WHERE group_id = OLD.id;
  INSERT OR IGNORE INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
  SELECT p.group_id, s.instrument_code, s.timepoint, p.id
  FROM participants p JOIN outcome_schedules s ON s.programme_id = NEW.programme_id
  WHERE p.group_id = NEW.id AND p.status <> 'moved'
    AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = p.id AND r.instrument_code = s.instrument_code AND r.timepoint = s.timepoint)
    AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = p.id AND x.timepoint = s.timepoint);
END;
--> statement-breakpoint
-- A schedule point added asks every enrolment of the programme's groups; one removed asks none.
CREATE TRIGGER `outcome_unanswered_schedule_insert` AFTER INSERT ON `outcome_schedules` BEGIN
  INSERT OR IGNORE INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
  SELECT p.group_id, NEW.instrument_code, NEW.timepoint, p.id
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.programme_id = NEW.programme_id AND p.status <> 'moved'
    AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = p.id AND r.instrument_code = NEW.instrument_code AND r.timepoint = NEW.timepoint)
    AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = p.id AND x.timepoint = NEW.timepoint);
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_unanswered_schedule_delete` AFTER DELETE ON `outcome_schedules` BEGIN
  DELETE FROM outcome_unanswered
  WHERE group_id IN (SELECT id FROM groups WHERE programme_id = OLD.programme_id) AND instrument_code = OLD.instrument_code AND timepoint = OLD.timepoint;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_unanswered_schedule_update` AFTER UPDATE OF `programme_id`, `instrument_code`, `timepoint` ON `outcome_schedules`
WHEN OLD.programme_id IS NOT NEW.programme_id OR OLD.instrument_code IS NOT NEW.instrument_code OR OLD.timepoint IS NOT NEW.timepoint BEGIN
  DELETE FROM outcome_unanswered
  WHERE group_id IN (SELECT id FROM groups WHERE programme_id = OLD.programme_id) AND instrument_code = OLD.instrument_code AND timepoint = OLD.timepoint;
  INSERT OR IGNORE INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
  SELECT p.group_id, NEW.instrument_code, NEW.timepoint, p.id
  FROM groups g JOIN participants p ON p.group_id = g.id
  WHERE g.programme_id = NEW.programme_id AND p.status <> 'moved'
    AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = p.id AND r.instrument_code = NEW.instrument_code AND r.timepoint = NEW.timepoint)
    AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = p.id AND x.timepoint = NEW.timepoint);
END;
--> statement-breakpoint
-- A response answers its point; deleted, the point is open again unless the participant is marked there.
CREATE TRIGGER `outcome_unanswered_response_insert` AFTER INSERT ON `outcome_responses` BEGIN
  DELETE FROM outcome_unanswered
  WHERE participant_id = NEW.participant_id AND timepoint = NEW.timepoint AND instrument_code = NEW.instrument_code;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_unanswered_response_delete` AFTER DELETE ON `outcome_responses` BEGIN
  INSERT OR IGNORE INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
  SELECT p.group_id, s.instrument_code, s.timepoint, p.id
  FROM participants p JOIN groups g ON g.id = p.group_id
  JOIN outcome_schedules s ON s.programme_id = g.programme_id AND s.instrument_code = OLD.instrument_code AND s.timepoint = OLD.timepoint
  WHERE p.id = OLD.participant_id AND p.status <> 'moved'
    AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = p.id AND r.instrument_code = s.instrument_code AND r.timepoint = s.timepoint)
    AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = p.id AND x.timepoint = s.timepoint);
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_unanswered_response_update` AFTER UPDATE OF `participant_id`, `instrument_code`, `timepoint` ON `outcome_responses`
WHEN OLD.participant_id IS NOT NEW.participant_id OR OLD.instrument_code IS NOT NEW.instrument_code OR OLD.timepoint IS NOT NEW.timepoint BEGIN
  INSERT OR IGNORE INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
  SELECT p.group_id, s.instrument_code, s.timepoint, p.id
  FROM participants p JOIN groups g ON g.id = p.group_id
  JOIN outcome_schedules s ON s.programme_id = g.programme_id AND s.instrument_code = OLD.instrument_code AND s.timepoint = OLD.timepoint
  WHERE p.id = OLD.participant_id AND p.status <> 'moved'
    AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = p.id AND r.instrument_code = s.instrument_code AND r.timepoint = s.timepoint)
    AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = p.id AND x.timepoint = s.timepoint);
  DELETE FROM outcome_unanswered
  WHERE participant_id = NEW.participant_id AND timepoint = NEW.timepoint AND instrument_code = NEW.instrument_code;
END;
--> statement-breakpoint
-- A declined or unreachable mark closes every instrument at its time point; cleared, they are open again unless answered.
CREATE TRIGGER `outcome_unanswered_status_insert` AFTER INSERT ON `outcome_statuses` BEGIN
  DELETE FROM outcome_unanswered WHERE participant_id = NEW.participant_id AND timepoint = NEW.timepoint;
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_unanswered_status_delete` AFTER DELETE ON `outcome_statuses` BEGIN
  INSERT OR IGNORE INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
  SELECT p.group_id, s.instrument_code, s.timepoint, p.id
  FROM participants p JOIN groups g ON g.id = p.group_id
  JOIN outcome_schedules s ON s.programme_id = g.programme_id AND s.timepoint = OLD.timepoint
  WHERE p.id = OLD.participant_id AND p.status <> 'moved'
    AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = p.id AND r.instrument_code = s.instrument_code AND r.timepoint = s.timepoint)
    AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = p.id AND x.timepoint = s.timepoint);
END;
--> statement-breakpoint
CREATE TRIGGER `outcome_unanswered_status_update` AFTER UPDATE OF `participant_id`, `timepoint` ON `outcome_statuses`
WHEN OLD.participant_id IS NOT NEW.participant_id OR OLD.timepoint IS NOT NEW.timepoint BEGIN
  INSERT OR IGNORE INTO outcome_unanswered (group_id, instrument_code, timepoint, participant_id)
  SELECT p.group_id, s.instrument_code, s.timepoint, p.id
  FROM participants p JOIN groups g ON g.id = p.group_id
  JOIN outcome_schedules s ON s.programme_id = g.programme_id AND s.timepoint = OLD.timepoint
  WHERE p.id = OLD.participant_id AND p.status <> 'moved'
    AND NOT EXISTS (SELECT 1 FROM outcome_responses r WHERE r.participant_id = p.id AND r.instrument_code = s.instrument_code AND r.timepoint = s.timepoint)
    AND NOT EXISTS (SELECT 1 FROM outcome_statuses x WHERE x.participant_id = p.id AND x.timepoint = s.timepoint);
  DELETE FROM outcome_unanswered WHERE participant_id = NEW.participant_id AND timepoint = NEW.timepoint;
END;
