CREATE TRIGGER "sync_school_breaks_insert" AFTER INSERT ON "school_breaks" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('school_breaks', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_school_breaks_delete" AFTER DELETE ON "school_breaks" WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('school_breaks', OLD."id", 'd', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_school_breaks_rekey" AFTER UPDATE OF "id" ON "school_breaks"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."id" IS NOT NEW."id") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('school_breaks', OLD."id", 'd', NULL);
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('school_breaks', NEW."id", 'u', NULL);
END;
--> statement-breakpoint
CREATE TRIGGER "sync_school_breaks_update" AFTER UPDATE OF "unit_id", "name", "start_date", "end_date", "created_at" ON "school_breaks"
WHEN (SELECT capturing = 1 AND applying = 0 FROM sync_state WHERE id = 1) AND (OLD."unit_id" IS NOT NEW."unit_id" OR OLD."name" IS NOT NEW."name" OR OLD."start_date" IS NOT NEW."start_date" OR OLD."end_date" IS NOT NEW."end_date" OR OLD."created_at" IS NOT NEW."created_at") BEGIN
  INSERT INTO sync_outbox (tbl, row_key, op, cols) VALUES ('school_breaks', NEW."id", 'u',
    json_array(CASE WHEN OLD."unit_id" IS NOT NEW."unit_id" THEN 'unit_id' END, CASE WHEN OLD."name" IS NOT NEW."name" THEN 'name' END, CASE WHEN OLD."start_date" IS NOT NEW."start_date" THEN 'start_date' END, CASE WHEN OLD."end_date" IS NOT NEW."end_date" THEN 'end_date' END, CASE WHEN OLD."created_at" IS NOT NEW."created_at" THEN 'created_at' END));
END;
