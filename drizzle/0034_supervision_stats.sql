-- The planner is told what the supervision sessions' indexes hold (as ANALYZE measured them on a
-- city-sized database): a session's id picks one row of its (id, date) index as it does of the
-- primary key, so the supervisor overview finds a session's date in that index without reading the
-- row, which it had to be told by name before.
ANALYZE sqlite_schema;--> statement-breakpoint
DELETE FROM sqlite_stat1 WHERE tbl = 'supervision_sessions';--> statement-breakpoint
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('supervision_sessions', 'supervision_date_id_idx', '50472 56 1'),
  ('supervision_sessions', 'supervision_id_date_idx', '50472 1 1'),
  ('supervision_sessions', 'supervision_supervisor_date_idx', '50472 43 1'),
  ('supervision_sessions', 'sqlite_autoindex_supervision_sessions_1', '50472 1');--> statement-breakpoint
ANALYZE sqlite_schema;
