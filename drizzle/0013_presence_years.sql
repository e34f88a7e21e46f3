CREATE TABLE `presence_years` (
	`year` text NOT NULL,
	`person_id` text NOT NULL,
	`marks` integer NOT NULL,
	PRIMARY KEY(`person_id`, `year`)
);
--> statement-breakpoint
CREATE INDEX `presence_years_year_idx` ON `presence_years` (`year`,`marks`);--> statement-breakpoint
CREATE INDEX `groups_counts_only_idx` ON `groups` (`id`) WHERE "groups"."tracks_attendance" = 0;--> statement-breakpoint
-- A mark counts when it is 'present', at a held session, of a group that keeps attendance per person;
-- it counts for the person of the participant and the calendar year of the session's planned date.
-- Deletes subtract in BEFORE triggers of the parent while the rows below it still exist; the
-- cascaded child deletes then find no parent and change nothing.
INSERT INTO `presence_years` (`person_id`, `year`, `marks`)
SELECT p.person_id, substr(s.planned_date, 1, 4), count(*) FROM attendance a
  JOIN sessions s ON s.id = a.session_id JOIN groups g ON g.id = s.group_id JOIN participants p ON p.id = a.participant_id
WHERE a.state = 'present' AND s.status = 'held' AND g.tracks_attendance = 1
GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER `presence_years_attendance_insert` AFTER INSERT ON `attendance` WHEN NEW.state = 'present' BEGIN
  INSERT INTO presence_years (person_id, year, marks)
  SELECT p.person_id, substr(s.planned_date, 1, 4), 1 FROM sessions s, groups g, participants p
  WHERE s.id = NEW.session_id AND g.id = s.group_id AND p.id = NEW.participant_id AND s.status = 'held' AND g.tracks_attendance = 1
  ON CONFLICT (person_id, year) DO UPDATE SET marks = marks + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `presence_years_attendance_delete` AFTER DELETE ON `attendance` WHEN OLD.state = 'present' BEGIN
  UPDATE presence_years SET marks = marks - 1
  WHERE (person_id, year) IN (SELECT p.person_id, substr(s.planned_date, 1, 4) FROM sessions s, groups g, participants p
    WHERE s.id = OLD.session_id AND g.id = s.group_id AND p.id = OLD.participant_id AND s.status = 'held' AND g.tracks_attendance = 1);
END;
--> statement-breakpoint
CREATE TRIGGER `presence_years_attendance_update` AFTER UPDATE OF `state`, `session_id`, `participant_id` ON `attendance`
WHEN OLD.state = 'present' OR NEW.state = 'present' BEGIN
  UPDATE presence_years SET marks = marks - 1
  WHERE OLD.state = 'present' AND (person_id, year) IN (SELECT p.person_id, substr(s.planned_date, 1, 4) FROM sessions s, groups g, participants p
    WHERE s.id = OLD.session_id AND g.id = s.group_id AND p.id = OLD.participant_id AND s.status = 'held' AND g.tracks_attendance = 1);
  INSERT INTO presence_years (person_id, year, marks)
  SELECT p.person_id, substr(s.planned_date, 1, 4), 1 FROM sessions s, groups g, participants p
  WHERE NEW.state = 'present' AND s.id = NEW.session_id AND g.id = s.group_id AND p.id = NEW.participant_id
    AND s.status = 'held' AND g.tracks_attendance = 1
  ON CONFLICT (person_id, year) DO UPDATE SET marks = marks + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `presence_years_session_delete` BEFORE DELETE ON `sessions` WHEN OLD.status = 'held' BEGIN
  UPDATE presence_years SET marks = marks - (SELECT count(*) FROM attendance a JOIN participants p ON p.id = a.participant_id
    WHERE a.session_id = OLD.id AND a.state = 'present' AND p.person_id = presence_years.person_id)
  WHERE year = substr(OLD.planned_date, 1, 4)
    AND EXISTS (SELECT 1 FROM groups g WHERE g.id = OLD.group_id AND g.tracks_attendance = 1)
    AND person_id IN (SELECT p.person_id FROM attendance a JOIN participants p ON p.id = a.participant_id
      WHERE a.session_id = OLD.id AND a.state = 'present');
END;
--> statement-breakpoint
CREATE TRIGGER `presence_years_session_update` AFTER UPDATE OF `status`, `planned_date`, `group_id` ON `sessions`
WHEN (OLD.status = 'held') IS NOT (NEW.status = 'held') OR substr(OLD.planned_date, 1, 4) IS NOT substr(NEW.planned_date, 1, 4)
  OR OLD.group_id IS NOT NEW.group_id BEGIN
  UPDATE presence_years SET marks = marks - (SELECT count(*) FROM attendance a JOIN participants p ON p.id = a.participant_id
    WHERE a.session_id = OLD.id AND a.state = 'present' AND p.person_id = presence_years.person_id)
  WHERE OLD.status = 'held' AND year = substr(OLD.planned_date, 1, 4)
    AND EXISTS (SELECT 1 FROM groups g WHERE g.id = OLD.group_id AND g.tracks_attendance = 1)
    AND person_id IN (SELECT p.person_id FROM attendance a JOIN participants p ON p.id = a.participant_id
      WHERE a.session_id = OLD.id AND a.state = 'present');
  INSERT INTO presence_years (person_id, year, marks)
  SELECT p.person_id, substr(NEW.planned_date, 1, 4), count(*) FROM attendance a JOIN participants p ON p.id = a.participant_id
  WHERE a.session_id = NEW.id AND a.state = 'present' AND NEW.status = 'held'
    AND EXISTS (SELECT 1 FROM groups g WHERE g.id = NEW.group_id AND g.tracks_attendance = 1)
  GROUP BY p.person_id
  ON CONFLICT (person_id, year) DO UPDATE SET marks = marks + excluded.marks;
END;
--> statement-breakpoint
CREATE TRIGGER `presence_years_group_delete` BEFORE DELETE ON `groups` WHEN OLD.tracks_attendance = 1 BEGIN
  UPDATE presence_years SET marks = marks - (SELECT count(*) FROM sessions s JOIN attendance a ON a.session_id = s.id
      JOIN participants p ON p.id = a.participant_id
    WHERE s.group_id = OLD.id AND s.status = 'held' AND a.state = 'present'
      AND substr(s.planned_date, 1, 4) = presence_years.year AND p.person_id = presence_years.person_id)
  WHERE (person_id, year) IN (SELECT p.person_id, substr(s.planned_date, 1, 4) FROM sessions s JOIN attendance a ON a.session_id = s.id
      JOIN participants p ON p.id = a.participant_id
    WHERE s.group_id = OLD.id AND s.status = 'held' AND a.state = 'present');
END;
--> statement-breakpoint
CREATE TRIGGER `presence_years_group_tracking` AFTER UPDATE OF `tracks_attendance` ON `groups`
WHEN OLD.tracks_attendance IS NOT NEW.tracks_attendance BEGIN
  UPDATE presence_years SET marks = marks - (SELECT count(*) FROM sessions s JOIN attendance a ON a.session_id = s.id
      JOIN participants p ON p.id = a.participant_id
    WHERE s.group_id = OLD.id AND s.status = 'held' AND a.state = 'present'
      AND substr(s.planned_date, 1, 4) = presence_years.year AND p.person_id = presence_years.person_id)
  WHERE OLD.tracks_attendance = 1 AND (person_id, year) IN (SELECT p.person_id, substr(s.planned_date, 1, 4) FROM sessions s
      JOIN attendance a ON a.session_id = s.id JOIN participants p ON p.id = a.participant_id
    WHERE s.group_id = OLD.id AND s.status = 'held' AND a.state = 'present');
  INSERT INTO presence_years (person_id, year, marks)
  SELECT p.person_id, substr(s.planned_date, 1, 4), count(*) FROM sessions s JOIN attendance a ON a.session_id = s.id
    JOIN participants p ON p.id = a.participant_id
  WHERE NEW.tracks_attendance = 1 AND s.group_id = NEW.id AND s.status = 'held' AND a.state = 'present'
  GROUP BY 1, 2
  ON CONFLICT (person_id, year) DO UPDATE SET marks = marks + excluded.marks;
END;
--> statement-breakpoint
CREATE TRIGGER `presence_years_participant_delete` BEFORE DELETE ON `participants` BEGIN
  UPDATE presence_years SET marks = marks - (SELECT count(*) FROM attendance a JOIN sessions s ON s.id = a.session_id
      JOIN groups g ON g.id = s.group_id
    WHERE a.participant_id = OLD.id AND a.state = 'present' AND s.status = 'held' AND g.tracks_attendance = 1
      AND substr(s.planned_date, 1, 4) = presence_years.year)
  WHERE person_id = OLD.person_id;
END;
--> statement-breakpoint
CREATE TRIGGER `presence_years_participant_person` AFTER UPDATE OF `person_id` ON `participants`
WHEN OLD.person_id IS NOT NEW.person_id BEGIN
  UPDATE presence_years SET marks = marks - (SELECT count(*) FROM attendance a JOIN sessions s ON s.id = a.session_id
      JOIN groups g ON g.id = s.group_id
    WHERE a.participant_id = OLD.id AND a.state = 'present' AND s.status = 'held' AND g.tracks_attendance = 1
      AND substr(s.planned_date, 1, 4) = presence_years.year)
  WHERE person_id = OLD.person_id;
  INSERT INTO presence_years (person_id, year, marks)
  SELECT NEW.person_id, substr(s.planned_date, 1, 4), count(*) FROM attendance a JOIN sessions s ON s.id = a.session_id
    JOIN groups g ON g.id = s.group_id
  WHERE a.participant_id = NEW.id AND a.state = 'present' AND s.status = 'held' AND g.tracks_attendance = 1
  GROUP BY 2
  ON CONFLICT (person_id, year) DO UPDATE SET marks = marks + excluded.marks;
END;
