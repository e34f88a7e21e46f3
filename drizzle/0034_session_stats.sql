-- The dashboard's lists of held sessions lacking marks or fidelity read their partial indexes, which
-- now hold all a list shows and the columns of the condition: the planner prefers an index that
-- matches more of the conditions (the status-and-date index) unless the other answers alone.
DROP INDEX `sessions_held_no_attendance_idx`;--> statement-breakpoint
DROP INDEX `sessions_held_no_fidelity_idx`;--> statement-breakpoint
CREATE INDEX `sessions_held_no_attendance_idx` ON `sessions` (`planned_date`,`group_id`,`number`,`held_date`,`id`,`status`,`family_count`) WHERE "sessions"."status" = 'held' and "sessions"."family_count" is null;--> statement-breakpoint
CREATE INDEX `sessions_held_no_fidelity_idx` ON `sessions` (`planned_date`,`group_id`,`number`,`held_date`,`id`,`status`,`fidelity_percent`) WHERE "sessions"."status" = 'held' and "sessions"."fidelity_percent" is null;--> statement-breakpoint
-- The planner is told what the sessions' and supervision sessions' indexes hold (as ANALYZE measured
-- them on a city-sized database), so it picks these indexes itself where statements named them: the
-- partial indexes hold a tenth of the sessions, fewer than one status has in a period; and a
-- supervision session's id picks one row of its (id, date) index as of its primary key, which then
-- answers the date without reading the row. The tables joined to the supervision sessions are told
-- their sizes too: knowing only the sessions' size, the planner took the follow-ups for the larger
-- table and read every supervision session for the dashboard's few open follow-ups (0.6 → 54 ms).
ANALYZE sqlite_schema;--> statement-breakpoint
DELETE FROM sqlite_stat1 WHERE tbl IN ('sessions', 'supervision_sessions', 'follow_ups', 'supervision_leaders', 'supervision_groups');--> statement-breakpoint
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('sessions', 'sessions_held_no_fidelity_idx', '21791 35 1 1 1 1 1 1'),
  ('sessions', 'sessions_held_no_attendance_idx', '14470 24 1 1 1 1 1 1'),
  ('sessions', 'sessions_group_stats_idx', '181882 11 7 6 2 1 1'),
  ('sessions', 'sessions_fidelity_idx', '124390 9 4'),
  ('sessions', 'sessions_status_date_cover_idx', '181882 60628 126 1 1'),
  ('sessions', 'sessions_date_idx', '181882 230'),
  ('sessions', 'sessions_group_number_unique', '181882 11 1'),
  ('sessions', 'sqlite_autoindex_sessions_1', '181882 1'),
  ('supervision_sessions', 'supervision_date_id_idx', '50472 56 1'),
  ('supervision_sessions', 'supervision_id_date_idx', '50472 1 1'),
  ('supervision_sessions', 'supervision_supervisor_date_idx', '50472 43 1'),
  ('supervision_sessions', 'sqlite_autoindex_supervision_sessions_1', '50472 1'),
  ('follow_ups', 'follow_ups_open_idx', '507 7'),
  ('follow_ups', 'follow_ups_supervision_idx', '15261 1'),
  ('follow_ups', 'sqlite_autoindex_follow_ups_1', '15261 1'),
  ('supervision_leaders', 'supervision_leaders_leader_idx', '92298 16 1 1'),
  ('supervision_leaders', 'sqlite_autoindex_supervision_leaders_1', '92298 2 1'),
  ('supervision_groups', 'supervision_groups_group_idx', '50472 4 1'),
  ('supervision_groups', 'sqlite_autoindex_supervision_groups_1', '50472 1 1');--> statement-breakpoint
ANALYZE sqlite_schema;
