-- Results read an instrument's responses through this covering index, in id order, so each response's
-- scores are found along the scores' index rather than by random seeks.
CREATE INDEX `outcome_responses_instrument_cover_idx` ON `outcome_responses` (`instrument_code`,`id`,`participant_id`,`timepoint`);--> statement-breakpoint
-- The planner is told what the responses' indexes hold (as ANALYZE measured them on a city-sized
-- database): an instrument code matches half the responses, a participant has a few. Without this it
-- reads every response of an instrument per participant when a result is asked for one programme.
ANALYZE sqlite_schema;--> statement-breakpoint
DELETE FROM sqlite_stat1 WHERE tbl = 'outcome_responses';--> statement-breakpoint
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('outcome_responses', 'outcome_responses_instrument_cover_idx', '248030 124015 1 1 1'),
  ('outcome_responses', 'outcome_responses_instrument_idx', '248030 124015 124015'),
  ('outcome_responses', 'outcome_responses_point_unique', '248030 4 2 1'),
  ('outcome_responses', 'sqlite_autoindex_outcome_responses_1', '248030 1');--> statement-breakpoint
ANALYZE sqlite_schema;
