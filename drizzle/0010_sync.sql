CREATE TABLE `sync_cells` (
	`scope` text NOT NULL,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`cell` text NOT NULL,
	`value` text,
	`hlc` text NOT NULL,
	PRIMARY KEY(`scope`, `tbl`, `row_id`, `cell`)
);
--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`cell` text NOT NULL,
	`value_a` text,
	`hlc_a` text NOT NULL,
	`at_a` text NOT NULL,
	`who_a` text NOT NULL,
	`value_b` text,
	`hlc_b` text NOT NULL,
	`at_b` text NOT NULL,
	`who_b` text NOT NULL,
	`detected_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_conflicts_open_idx` ON `sync_conflicts` (`resolved_at`,`detected_at`);--> statement-breakpoint
CREATE INDEX `sync_conflicts_row_idx` ON `sync_conflicts` (`tbl`,`row_id`);--> statement-breakpoint
CREATE TABLE `sync_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tbl` text NOT NULL,
	`row_key` text NOT NULL,
	`op` text NOT NULL,
	`cols` text
);
--> statement-breakpoint
CREATE TABLE `sync_pending` (
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`waits_tbl` text NOT NULL,
	`waits_id` text NOT NULL,
	PRIMARY KEY(`tbl`, `row_id`, `waits_tbl`, `waits_id`)
);
--> statement-breakpoint
CREATE INDEX `sync_pending_waits_idx` ON `sync_pending` (`waits_tbl`,`waits_id`);--> statement-breakpoint
CREATE TABLE `sync_refusals` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`scope` text NOT NULL,
	`tables` text NOT NULL,
	`message_sv` text NOT NULL,
	`message_en` text NOT NULL,
	`dismissed_at` text
);
--> statement-breakpoint
CREATE INDEX `sync_refusals_at_idx` ON `sync_refusals` (`at`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`capturing` integer DEFAULT 0 NOT NULL,
	`applying` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sync_state_one_row" CHECK("sync_state"."id" = 1)
);
--> statement-breakpoint
INSERT INTO `sync_state` (`id`, `capturing`, `applying`) VALUES (1, 0, 0);
--> statement-breakpoint
CREATE TRIGGER "sync_units_insert" AFTER INSERT ON "units" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('units', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_units_delete" AFTER DELETE ON "units" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('units', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_units_rekey" AFTER UPDATE OF "id" ON "units"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('units', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('units', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_units_update" AFTER UPDATE OF "name", "kind", "active", "created_at" ON "units"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."name" IS NOT NEW."name" OR OLD."kind" IS NOT NEW."kind" OR OLD."active" IS NOT NEW."active" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('units', NEW."id", 'u',
    json_array(CASE WHEN OLD."name" IS NOT NEW."name" THEN 'name' END, CASE WHEN OLD."kind" IS NOT NEW."kind" THEN 'kind' END, CASE WHEN OLD."active" IS NOT NEW."active" THEN 'active' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_programmes_insert" AFTER INSERT ON "programmes" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('programmes', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_programmes_delete" AFTER DELETE ON "programmes" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('programmes', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_programmes_rekey" AFTER UPDATE OF "id" ON "programmes"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('programmes', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('programmes', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_programmes_update" AFTER UPDATE OF "name", "code", "audience", "session_count", "session_length_minutes", "child_age_min", "child_age_max", "active", "created_at" ON "programmes"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."name" IS NOT NEW."name" OR OLD."code" IS NOT NEW."code" OR OLD."audience" IS NOT NEW."audience" OR OLD."session_count" IS NOT NEW."session_count" OR OLD."session_length_minutes" IS NOT NEW."session_length_minutes" OR OLD."child_age_min" IS NOT NEW."child_age_min" OR OLD."child_age_max" IS NOT NEW."child_age_max" OR OLD."active" IS NOT NEW."active" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('programmes', NEW."id", 'u',
    json_array(CASE WHEN OLD."name" IS NOT NEW."name" THEN 'name' END, CASE WHEN OLD."code" IS NOT NEW."code" THEN 'code' END, CASE WHEN OLD."audience" IS NOT NEW."audience" THEN 'audience' END, CASE WHEN OLD."session_count" IS NOT NEW."session_count" THEN 'session_count' END, CASE WHEN OLD."session_length_minutes" IS NOT NEW."session_length_minutes" THEN 'session_length_minutes' END, CASE WHEN OLD."child_age_min" IS NOT NEW."child_age_min" THEN 'child_age_min' END, CASE WHEN OLD."child_age_max" IS NOT NEW."child_age_max" THEN 'child_age_max' END, CASE WHEN OLD."active" IS NOT NEW."active" THEN 'active' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_staff_insert" AFTER INSERT ON "staff" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('staff', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_staff_delete" AFTER DELETE ON "staff" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('staff', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_staff_rekey" AFTER UPDATE OF "id" ON "staff"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('staff', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('staff', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_staff_update" AFTER UPDATE OF "name", "unit_id", "email", "phone", "is_leader", "is_supervisor", "active", "created_at" ON "staff"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."name" IS NOT NEW."name" OR OLD."unit_id" IS NOT NEW."unit_id" OR OLD."email" IS NOT NEW."email" OR OLD."phone" IS NOT NEW."phone" OR OLD."is_leader" IS NOT NEW."is_leader" OR OLD."is_supervisor" IS NOT NEW."is_supervisor" OR OLD."active" IS NOT NEW."active" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('staff', NEW."id", 'u',
    json_array(CASE WHEN OLD."name" IS NOT NEW."name" THEN 'name' END, CASE WHEN OLD."unit_id" IS NOT NEW."unit_id" THEN 'unit_id' END, CASE WHEN OLD."email" IS NOT NEW."email" THEN 'email' END, CASE WHEN OLD."phone" IS NOT NEW."phone" THEN 'phone' END, CASE WHEN OLD."is_leader" IS NOT NEW."is_leader" THEN 'is_leader' END, CASE WHEN OLD."is_supervisor" IS NOT NEW."is_supervisor" THEN 'is_supervisor' END, CASE WHEN OLD."active" IS NOT NEW."active" THEN 'active' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_dropout_reasons_insert" AFTER INSERT ON "dropout_reasons" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('dropout_reasons', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_dropout_reasons_delete" AFTER DELETE ON "dropout_reasons" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('dropout_reasons', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_dropout_reasons_rekey" AFTER UPDATE OF "id" ON "dropout_reasons"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('dropout_reasons', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('dropout_reasons', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_dropout_reasons_update" AFTER UPDATE OF "code", "label_sv", "label_en", "sort_order", "active", "created_at" ON "dropout_reasons"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."code" IS NOT NEW."code" OR OLD."label_sv" IS NOT NEW."label_sv" OR OLD."label_en" IS NOT NEW."label_en" OR OLD."sort_order" IS NOT NEW."sort_order" OR OLD."active" IS NOT NEW."active" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('dropout_reasons', NEW."id", 'u',
    json_array(CASE WHEN OLD."code" IS NOT NEW."code" THEN 'code' END, CASE WHEN OLD."label_sv" IS NOT NEW."label_sv" THEN 'label_sv' END, CASE WHEN OLD."label_en" IS NOT NEW."label_en" THEN 'label_en' END, CASE WHEN OLD."sort_order" IS NOT NEW."sort_order" THEN 'sort_order' END, CASE WHEN OLD."active" IS NOT NEW."active" THEN 'active' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_programme_rules_insert" AFTER INSERT ON "programme_rules" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('programme_rules', NEW."programme_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_programme_rules_delete" AFTER DELETE ON "programme_rules" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('programme_rules', OLD."programme_id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_programme_rules_rekey" AFTER UPDATE OF "programme_id" ON "programme_rules"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."programme_id" IS NOT NEW."programme_id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('programme_rules', OLD."programme_id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('programme_rules', NEW."programme_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_programme_rules_update" AFTER UPDATE OF "completion_percent", "dropout_after", "at_risk_after" ON "programme_rules"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."completion_percent" IS NOT NEW."completion_percent" OR OLD."dropout_after" IS NOT NEW."dropout_after" OR OLD."at_risk_after" IS NOT NEW."at_risk_after") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('programme_rules', NEW."programme_id", 'u',
    json_array(CASE WHEN OLD."completion_percent" IS NOT NEW."completion_percent" THEN 'completion_percent' END, CASE WHEN OLD."dropout_after" IS NOT NEW."dropout_after" THEN 'dropout_after' END, CASE WHEN OLD."at_risk_after" IS NOT NEW."at_risk_after" THEN 'at_risk_after' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_pathway_requirements_insert" AFTER INSERT ON "pathway_requirements" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('pathway_requirements', NEW."programme_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_pathway_requirements_delete" AFTER DELETE ON "pathway_requirements" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('pathway_requirements', OLD."programme_id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_pathway_requirements_rekey" AFTER UPDATE OF "programme_id" ON "pathway_requirements"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."programme_id" IS NOT NEW."programme_id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('pathway_requirements', OLD."programme_id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('pathway_requirements', NEW."programme_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_pathway_requirements_update" AFTER UPDATE OF "min_course_days", "require_supervised_group", "supervised_group_min_held_percent", "min_supervision_sessions" ON "pathway_requirements"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."min_course_days" IS NOT NEW."min_course_days" OR OLD."require_supervised_group" IS NOT NEW."require_supervised_group" OR OLD."supervised_group_min_held_percent" IS NOT NEW."supervised_group_min_held_percent" OR OLD."min_supervision_sessions" IS NOT NEW."min_supervision_sessions") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('pathway_requirements', NEW."programme_id", 'u',
    json_array(CASE WHEN OLD."min_course_days" IS NOT NEW."min_course_days" THEN 'min_course_days' END, CASE WHEN OLD."require_supervised_group" IS NOT NEW."require_supervised_group" THEN 'require_supervised_group' END, CASE WHEN OLD."supervised_group_min_held_percent" IS NOT NEW."supervised_group_min_held_percent" THEN 'supervised_group_min_held_percent' END, CASE WHEN OLD."min_supervision_sessions" IS NOT NEW."min_supervision_sessions" THEN 'min_supervision_sessions' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_session_plans_insert" AFTER INSERT ON "session_plans" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('session_plans', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_session_plans_delete" AFTER DELETE ON "session_plans" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('session_plans', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_session_plans_rekey" AFTER UPDATE OF "id" ON "session_plans"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('session_plans', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('session_plans', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_session_plans_update" AFTER UPDATE OF "programme_id", "number", "title", "components", "created_at" ON "session_plans"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."programme_id" IS NOT NEW."programme_id" OR OLD."number" IS NOT NEW."number" OR OLD."title" IS NOT NEW."title" OR OLD."components" IS NOT NEW."components" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('session_plans', NEW."id", 'u',
    json_array(CASE WHEN OLD."programme_id" IS NOT NEW."programme_id" THEN 'programme_id' END, CASE WHEN OLD."number" IS NOT NEW."number" THEN 'number' END, CASE WHEN OLD."title" IS NOT NEW."title" THEN 'title' END, CASE WHEN OLD."components" IS NOT NEW."components" THEN 'components' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_courses_insert" AFTER INSERT ON "courses" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('courses', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_courses_delete" AFTER DELETE ON "courses" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('courses', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_courses_rekey" AFTER UPDATE OF "id" ON "courses"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('courses', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('courses', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_courses_update" AFTER UPDATE OF "programme_id", "title", "trainer_staff_id", "trainer_name", "note", "first_date", "last_date", "created_at" ON "courses"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."programme_id" IS NOT NEW."programme_id" OR OLD."title" IS NOT NEW."title" OR OLD."trainer_staff_id" IS NOT NEW."trainer_staff_id" OR OLD."trainer_name" IS NOT NEW."trainer_name" OR OLD."note" IS NOT NEW."note" OR OLD."first_date" IS NOT NEW."first_date" OR OLD."last_date" IS NOT NEW."last_date" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('courses', NEW."id", 'u',
    json_array(CASE WHEN OLD."programme_id" IS NOT NEW."programme_id" THEN 'programme_id' END, CASE WHEN OLD."title" IS NOT NEW."title" THEN 'title' END, CASE WHEN OLD."trainer_staff_id" IS NOT NEW."trainer_staff_id" THEN 'trainer_staff_id' END, CASE WHEN OLD."trainer_name" IS NOT NEW."trainer_name" THEN 'trainer_name' END, CASE WHEN OLD."note" IS NOT NEW."note" THEN 'note' END, CASE WHEN OLD."first_date" IS NOT NEW."first_date" THEN 'first_date' END, CASE WHEN OLD."last_date" IS NOT NEW."last_date" THEN 'last_date' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_course_days_insert" AFTER INSERT ON "course_days" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('course_days', NEW."course_id" || '|' || NEW."date", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_course_days_delete" AFTER DELETE ON "course_days" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('course_days', OLD."course_id" || '|' || OLD."date", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_course_days_rekey" AFTER UPDATE OF "course_id", "date" ON "course_days"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."course_id" IS NOT NEW."course_id" OR OLD."date" IS NOT NEW."date") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('course_days', OLD."course_id" || '|' || OLD."date", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('course_days', NEW."course_id" || '|' || NEW."date", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_groups_insert" AFTER INSERT ON "groups" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('groups', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_groups_delete" AFTER DELETE ON "groups" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('groups', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_groups_rekey" AFTER UPDATE OF "id" ON "groups"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('groups', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('groups', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_groups_update" AFTER UPDATE OF "programme_id", "unit_id", "supervisor_id", "venue", "start_date", "weekday", "start_time", "note", "status", "tracks_attendance", "created_at" ON "groups"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."programme_id" IS NOT NEW."programme_id" OR OLD."unit_id" IS NOT NEW."unit_id" OR OLD."supervisor_id" IS NOT NEW."supervisor_id" OR OLD."venue" IS NOT NEW."venue" OR OLD."start_date" IS NOT NEW."start_date" OR OLD."weekday" IS NOT NEW."weekday" OR OLD."start_time" IS NOT NEW."start_time" OR OLD."note" IS NOT NEW."note" OR OLD."status" IS NOT NEW."status" OR OLD."tracks_attendance" IS NOT NEW."tracks_attendance" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('groups', NEW."id", 'u',
    json_array(CASE WHEN OLD."programme_id" IS NOT NEW."programme_id" THEN 'programme_id' END, CASE WHEN OLD."unit_id" IS NOT NEW."unit_id" THEN 'unit_id' END, CASE WHEN OLD."supervisor_id" IS NOT NEW."supervisor_id" THEN 'supervisor_id' END, CASE WHEN OLD."venue" IS NOT NEW."venue" THEN 'venue' END, CASE WHEN OLD."start_date" IS NOT NEW."start_date" THEN 'start_date' END, CASE WHEN OLD."weekday" IS NOT NEW."weekday" THEN 'weekday' END, CASE WHEN OLD."start_time" IS NOT NEW."start_time" THEN 'start_time' END, CASE WHEN OLD."note" IS NOT NEW."note" THEN 'note' END, CASE WHEN OLD."status" IS NOT NEW."status" THEN 'status' END, CASE WHEN OLD."tracks_attendance" IS NOT NEW."tracks_attendance" THEN 'tracks_attendance' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_group_leaders_insert" AFTER INSERT ON "group_leaders" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('group_leaders', NEW."group_id" || '|' || NEW."staff_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_group_leaders_delete" AFTER DELETE ON "group_leaders" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('group_leaders', OLD."group_id" || '|' || OLD."staff_id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_group_leaders_rekey" AFTER UPDATE OF "group_id", "staff_id" ON "group_leaders"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."group_id" IS NOT NEW."group_id" OR OLD."staff_id" IS NOT NEW."staff_id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('group_leaders', OLD."group_id" || '|' || OLD."staff_id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('group_leaders', NEW."group_id" || '|' || NEW."staff_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_group_leaders_update" AFTER UPDATE OF "created_at" ON "group_leaders"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('group_leaders', NEW."group_id" || '|' || NEW."staff_id", 'u',
    json_array(CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_sessions_insert" AFTER INSERT ON "sessions" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('sessions', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_sessions_delete" AFTER DELETE ON "sessions" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('sessions', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_sessions_rekey" AFTER UPDATE OF "id" ON "sessions"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('sessions', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('sessions', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_sessions_update" AFTER UPDATE OF "group_id", "number", "planned_date", "status", "held_date", "cancel_reason", "participant_count", "is_extra", "created_at" ON "sessions"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."group_id" IS NOT NEW."group_id" OR OLD."number" IS NOT NEW."number" OR OLD."planned_date" IS NOT NEW."planned_date" OR OLD."status" IS NOT NEW."status" OR OLD."held_date" IS NOT NEW."held_date" OR OLD."cancel_reason" IS NOT NEW."cancel_reason" OR OLD."participant_count" IS NOT NEW."participant_count" OR OLD."is_extra" IS NOT NEW."is_extra" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('sessions', NEW."id", 'u',
    json_array(CASE WHEN OLD."group_id" IS NOT NEW."group_id" THEN 'group_id' END, CASE WHEN OLD."number" IS NOT NEW."number" THEN 'number' END, CASE WHEN OLD."planned_date" IS NOT NEW."planned_date" THEN 'planned_date' END, CASE WHEN OLD."status" IS NOT NEW."status" THEN 'status' END, CASE WHEN OLD."held_date" IS NOT NEW."held_date" THEN 'held_date' END, CASE WHEN OLD."cancel_reason" IS NOT NEW."cancel_reason" THEN 'cancel_reason' END, CASE WHEN OLD."participant_count" IS NOT NEW."participant_count" THEN 'participant_count' END, CASE WHEN OLD."is_extra" IS NOT NEW."is_extra" THEN 'is_extra' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_fidelity_records_insert" AFTER INSERT ON "fidelity_records" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('fidelity_records', NEW."session_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_fidelity_records_delete" AFTER DELETE ON "fidelity_records" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('fidelity_records', OLD."session_id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_fidelity_records_rekey" AFTER UPDATE OF "session_id" ON "fidelity_records"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."session_id" IS NOT NEW."session_id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('fidelity_records', OLD."session_id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('fidelity_records', NEW."session_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_fidelity_records_update" AFTER UPDATE OF "title", "components", "note", "created_at" ON "fidelity_records"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."title" IS NOT NEW."title" OR OLD."components" IS NOT NEW."components" OR OLD."note" IS NOT NEW."note" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('fidelity_records', NEW."session_id", 'u',
    json_array(CASE WHEN OLD."title" IS NOT NEW."title" THEN 'title' END, CASE WHEN OLD."components" IS NOT NEW."components" THEN 'components' END, CASE WHEN OLD."note" IS NOT NEW."note" THEN 'note' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_families_insert" AFTER INSERT ON "families" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('families', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_families_delete" AFTER DELETE ON "families" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('families', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_families_rekey" AFTER UPDATE OF "id" ON "families"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('families', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('families', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_families_update" AFTER UPDATE OF "child_birth_year", "child_gender", "created_at" ON "families"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."child_birth_year" IS NOT NEW."child_birth_year" OR OLD."child_gender" IS NOT NEW."child_gender" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('families', NEW."id", 'u',
    json_array(CASE WHEN OLD."child_birth_year" IS NOT NEW."child_birth_year" THEN 'child_birth_year' END, CASE WHEN OLD."child_gender" IS NOT NEW."child_gender" THEN 'child_gender' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_participants_insert" AFTER INSERT ON "participants" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('participants', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_participants_delete" AFTER DELETE ON "participants" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('participants', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_participants_rekey" AFTER UPDATE OF "id" ON "participants"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('participants', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('participants', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_participants_update" AFTER UPDATE OF "person_id", "group_id", "family_id", "relation", "enrolment_date", "consent", "consent_date", "manual_status", "dropout_reason_id", "manual_last_session", "moved_to_group_id", "keep_active", "moved_from_group_id", "created_at", "display_name", "contact" ON "participants"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."person_id" IS NOT NEW."person_id" OR OLD."group_id" IS NOT NEW."group_id" OR OLD."family_id" IS NOT NEW."family_id" OR OLD."relation" IS NOT NEW."relation" OR OLD."enrolment_date" IS NOT NEW."enrolment_date" OR OLD."consent" IS NOT NEW."consent" OR OLD."consent_date" IS NOT NEW."consent_date" OR OLD."manual_status" IS NOT NEW."manual_status" OR OLD."dropout_reason_id" IS NOT NEW."dropout_reason_id" OR OLD."manual_last_session" IS NOT NEW."manual_last_session" OR OLD."moved_to_group_id" IS NOT NEW."moved_to_group_id" OR OLD."keep_active" IS NOT NEW."keep_active" OR OLD."moved_from_group_id" IS NOT NEW."moved_from_group_id" OR OLD."created_at" IS NOT NEW."created_at" OR OLD."display_name" IS NOT NEW."display_name" OR OLD."contact" IS NOT NEW."contact") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('participants', NEW."id", 'u',
    json_array(CASE WHEN OLD."person_id" IS NOT NEW."person_id" THEN 'person_id' END, CASE WHEN OLD."group_id" IS NOT NEW."group_id" THEN 'group_id' END, CASE WHEN OLD."family_id" IS NOT NEW."family_id" THEN 'family_id' END, CASE WHEN OLD."relation" IS NOT NEW."relation" THEN 'relation' END, CASE WHEN OLD."enrolment_date" IS NOT NEW."enrolment_date" THEN 'enrolment_date' END, CASE WHEN OLD."consent" IS NOT NEW."consent" THEN 'consent' END, CASE WHEN OLD."consent_date" IS NOT NEW."consent_date" THEN 'consent_date' END, CASE WHEN OLD."manual_status" IS NOT NEW."manual_status" THEN 'manual_status' END, CASE WHEN OLD."dropout_reason_id" IS NOT NEW."dropout_reason_id" THEN 'dropout_reason_id' END, CASE WHEN OLD."manual_last_session" IS NOT NEW."manual_last_session" THEN 'manual_last_session' END, CASE WHEN OLD."moved_to_group_id" IS NOT NEW."moved_to_group_id" THEN 'moved_to_group_id' END, CASE WHEN OLD."keep_active" IS NOT NEW."keep_active" THEN 'keep_active' END, CASE WHEN OLD."moved_from_group_id" IS NOT NEW."moved_from_group_id" THEN 'moved_from_group_id' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END, CASE WHEN OLD."display_name" IS NOT NEW."display_name" THEN 'display_name' END, CASE WHEN OLD."contact" IS NOT NEW."contact" THEN 'contact' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_attendance_insert" AFTER INSERT ON "attendance" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('attendance', NEW."participant_id" || '|' || NEW."session_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_attendance_delete" AFTER DELETE ON "attendance" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('attendance', OLD."participant_id" || '|' || OLD."session_id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_attendance_rekey" AFTER UPDATE OF "participant_id", "session_id" ON "attendance"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."participant_id" IS NOT NEW."participant_id" OR OLD."session_id" IS NOT NEW."session_id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('attendance', OLD."participant_id" || '|' || OLD."session_id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('attendance', NEW."participant_id" || '|' || NEW."session_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_attendance_update" AFTER UPDATE OF "state" ON "attendance"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."state" IS NOT NEW."state") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('attendance', NEW."participant_id" || '|' || NEW."session_id", 'u',
    json_array(CASE WHEN OLD."state" IS NOT NEW."state" THEN 'state' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_supervision_sessions_insert" AFTER INSERT ON "supervision_sessions" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_sessions', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_supervision_sessions_delete" AFTER DELETE ON "supervision_sessions" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_sessions', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_supervision_sessions_rekey" AFTER UPDATE OF "id" ON "supervision_sessions"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_sessions', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_sessions', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_supervision_sessions_update" AFTER UPDATE OF "date", "supervisor_id", "format", "mode", "notes", "created_at" ON "supervision_sessions"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."date" IS NOT NEW."date" OR OLD."supervisor_id" IS NOT NEW."supervisor_id" OR OLD."format" IS NOT NEW."format" OR OLD."mode" IS NOT NEW."mode" OR OLD."notes" IS NOT NEW."notes" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_sessions', NEW."id", 'u',
    json_array(CASE WHEN OLD."date" IS NOT NEW."date" THEN 'date' END, CASE WHEN OLD."supervisor_id" IS NOT NEW."supervisor_id" THEN 'supervisor_id' END, CASE WHEN OLD."format" IS NOT NEW."format" THEN 'format' END, CASE WHEN OLD."mode" IS NOT NEW."mode" THEN 'mode' END, CASE WHEN OLD."notes" IS NOT NEW."notes" THEN 'notes' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_supervision_leaders_insert" AFTER INSERT ON "supervision_leaders" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_leaders', NEW."supervision_id" || '|' || NEW."leader_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_supervision_leaders_delete" AFTER DELETE ON "supervision_leaders" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_leaders', OLD."supervision_id" || '|' || OLD."leader_id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_supervision_leaders_rekey" AFTER UPDATE OF "supervision_id", "leader_id" ON "supervision_leaders"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."supervision_id" IS NOT NEW."supervision_id" OR OLD."leader_id" IS NOT NEW."leader_id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_leaders', OLD."supervision_id" || '|' || OLD."leader_id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_leaders', NEW."supervision_id" || '|' || NEW."leader_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_supervision_leaders_update" AFTER UPDATE OF "rating", "note" ON "supervision_leaders"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."rating" IS NOT NEW."rating" OR OLD."note" IS NOT NEW."note") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_leaders', NEW."supervision_id" || '|' || NEW."leader_id", 'u',
    json_array(CASE WHEN OLD."rating" IS NOT NEW."rating" THEN 'rating' END, CASE WHEN OLD."note" IS NOT NEW."note" THEN 'note' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_supervision_groups_insert" AFTER INSERT ON "supervision_groups" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_groups', NEW."supervision_id" || '|' || NEW."group_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_supervision_groups_delete" AFTER DELETE ON "supervision_groups" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_groups', OLD."supervision_id" || '|' || OLD."group_id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_supervision_groups_rekey" AFTER UPDATE OF "supervision_id", "group_id" ON "supervision_groups"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."supervision_id" IS NOT NEW."supervision_id" OR OLD."group_id" IS NOT NEW."group_id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_groups', OLD."supervision_id" || '|' || OLD."group_id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('supervision_groups', NEW."supervision_id" || '|' || NEW."group_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_follow_ups_insert" AFTER INSERT ON "follow_ups" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('follow_ups', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_follow_ups_delete" AFTER DELETE ON "follow_ups" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('follow_ups', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_follow_ups_rekey" AFTER UPDATE OF "id" ON "follow_ups"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('follow_ups', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('follow_ups', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_follow_ups_update" AFTER UPDATE OF "supervision_id", "leader_id", "text", "due_date", "done", "done_at", "created_at" ON "follow_ups"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."supervision_id" IS NOT NEW."supervision_id" OR OLD."leader_id" IS NOT NEW."leader_id" OR OLD."text" IS NOT NEW."text" OR OLD."due_date" IS NOT NEW."due_date" OR OLD."done" IS NOT NEW."done" OR OLD."done_at" IS NOT NEW."done_at" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('follow_ups', NEW."id", 'u',
    json_array(CASE WHEN OLD."supervision_id" IS NOT NEW."supervision_id" THEN 'supervision_id' END, CASE WHEN OLD."leader_id" IS NOT NEW."leader_id" THEN 'leader_id' END, CASE WHEN OLD."text" IS NOT NEW."text" THEN 'text' END, CASE WHEN OLD."due_date" IS NOT NEW."due_date" THEN 'due_date' END, CASE WHEN OLD."done" IS NOT NEW."done" THEN 'done' END, CASE WHEN OLD."done_at" IS NOT NEW."done_at" THEN 'done_at' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_certifications_insert" AFTER INSERT ON "certifications" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('certifications', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_certifications_delete" AFTER DELETE ON "certifications" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('certifications', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_certifications_rekey" AFTER UPDATE OF "id" ON "certifications"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('certifications', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('certifications', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_certifications_update" AFTER UPDATE OF "leader_id", "programme_id", "date", "supervisor_id", "requirements_met", "override_reason", "note", "created_at" ON "certifications"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."leader_id" IS NOT NEW."leader_id" OR OLD."programme_id" IS NOT NEW."programme_id" OR OLD."date" IS NOT NEW."date" OR OLD."supervisor_id" IS NOT NEW."supervisor_id" OR OLD."requirements_met" IS NOT NEW."requirements_met" OR OLD."override_reason" IS NOT NEW."override_reason" OR OLD."note" IS NOT NEW."note" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('certifications', NEW."id", 'u',
    json_array(CASE WHEN OLD."leader_id" IS NOT NEW."leader_id" THEN 'leader_id' END, CASE WHEN OLD."programme_id" IS NOT NEW."programme_id" THEN 'programme_id' END, CASE WHEN OLD."date" IS NOT NEW."date" THEN 'date' END, CASE WHEN OLD."supervisor_id" IS NOT NEW."supervisor_id" THEN 'supervisor_id' END, CASE WHEN OLD."requirements_met" IS NOT NEW."requirements_met" THEN 'requirements_met' END, CASE WHEN OLD."override_reason" IS NOT NEW."override_reason" THEN 'override_reason' END, CASE WHEN OLD."note" IS NOT NEW."note" THEN 'note' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
--> statement-breakpoint
CREATE TRIGGER "sync_course_attendance_insert" AFTER INSERT ON "course_attendance" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('course_attendance', NEW."course_id" || '|' || NEW."date" || '|' || NEW."staff_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_course_attendance_delete" AFTER DELETE ON "course_attendance" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('course_attendance', OLD."course_id" || '|' || OLD."date" || '|' || OLD."staff_id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_course_attendance_rekey" AFTER UPDATE OF "course_id", "date", "staff_id" ON "course_attendance"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."course_id" IS NOT NEW."course_id" OR OLD."date" IS NOT NEW."date" OR OLD."staff_id" IS NOT NEW."staff_id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('course_attendance', OLD."course_id" || '|' || OLD."date" || '|' || OLD."staff_id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('course_attendance', NEW."course_id" || '|' || NEW."date" || '|' || NEW."staff_id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_sync_conflicts_insert" AFTER INSERT ON "sync_conflicts" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('sync_conflicts', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_sync_conflicts_delete" AFTER DELETE ON "sync_conflicts" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('sync_conflicts', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_sync_conflicts_rekey" AFTER UPDATE OF "id" ON "sync_conflicts"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('sync_conflicts', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('sync_conflicts', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_sync_conflicts_update" AFTER UPDATE OF "tbl", "row_id", "cell", "value_a", "hlc_a", "at_a", "who_a", "value_b", "hlc_b", "at_b", "who_b", "detected_at", "resolved_at", "resolved_by", "created_at" ON "sync_conflicts"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."tbl" IS NOT NEW."tbl" OR OLD."row_id" IS NOT NEW."row_id" OR OLD."cell" IS NOT NEW."cell" OR OLD."value_a" IS NOT NEW."value_a" OR OLD."hlc_a" IS NOT NEW."hlc_a" OR OLD."at_a" IS NOT NEW."at_a" OR OLD."who_a" IS NOT NEW."who_a" OR OLD."value_b" IS NOT NEW."value_b" OR OLD."hlc_b" IS NOT NEW."hlc_b" OR OLD."at_b" IS NOT NEW."at_b" OR OLD."who_b" IS NOT NEW."who_b" OR OLD."detected_at" IS NOT NEW."detected_at" OR OLD."resolved_at" IS NOT NEW."resolved_at" OR OLD."resolved_by" IS NOT NEW."resolved_by" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('sync_conflicts', NEW."id", 'u',
    json_array(CASE WHEN OLD."tbl" IS NOT NEW."tbl" THEN 'tbl' END, CASE WHEN OLD."row_id" IS NOT NEW."row_id" THEN 'row_id' END, CASE WHEN OLD."cell" IS NOT NEW."cell" THEN 'cell' END, CASE WHEN OLD."value_a" IS NOT NEW."value_a" THEN 'value_a' END, CASE WHEN OLD."hlc_a" IS NOT NEW."hlc_a" THEN 'hlc_a' END, CASE WHEN OLD."at_a" IS NOT NEW."at_a" THEN 'at_a' END, CASE WHEN OLD."who_a" IS NOT NEW."who_a" THEN 'who_a' END, CASE WHEN OLD."value_b" IS NOT NEW."value_b" THEN 'value_b' END, CASE WHEN OLD."hlc_b" IS NOT NEW."hlc_b" THEN 'hlc_b' END, CASE WHEN OLD."at_b" IS NOT NEW."at_b" THEN 'at_b' END, CASE WHEN OLD."who_b" IS NOT NEW."who_b" THEN 'who_b' END, CASE WHEN OLD."detected_at" IS NOT NEW."detected_at" THEN 'detected_at' END, CASE WHEN OLD."resolved_at" IS NOT NEW."resolved_at" THEN 'resolved_at' END, CASE WHEN OLD."resolved_by" IS NOT NEW."resolved_by" THEN 'resolved_by' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
