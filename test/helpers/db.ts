import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKomet, type KometApp } from '../../src-main/app/komet-app';
import type { AuditEntry } from '../../src-main/core/audit';
import { fixedClock, type Clock } from '../../src-main/core/clock';
import type { ErrorShape, ProcedureInput, ProcedureName, ProcedureOutput } from '../../src-main/contract';

/** A Wednesday, so "this week" in tests runs from here through Sunday 2025-03-16. */
export const testNow = '2025-03-12T10:00:00.000Z';

export interface TestApp {
  app: KometApp;
  dir: string;
  /** Audit entries the services recorded, in order. */
  audit: AuditEntry[];
  /** Calls through the router and returns the value, failing the test on an error result. */
  ok<P extends ProcedureName>(name: P, input?: ProcedureInput<P>): Promise<ProcedureOutput<P>>;
  /** Calls through the router and returns the error, failing the test on success. */
  fail(name: string, input?: unknown): Promise<ErrorShape>;
  /** A fingerprint of every row in every table: equal before and after means nothing was written. */
  snapshot(): string;
  rowCount(table: string): number;
  close(): void;
}

/**
 * The order a table's rows are compared in: by rowid, or for a table stored by its key (WITHOUT
 * ROWID, which has no rowid) by that key, the order a plain scan of it already gives.
 */
export function storedOrder(sqlite: KometApp['db']['sqlite'], table: string): string {
  const byKey = sqlite.prepare('select wr from pragma_table_list where name = ?').pluck().get(table) === 1;
  return byKey ? '' : ' order by rowid';
}

export function makeTempDir(prefix = 'komet-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh database in its own temporary folder, opened exactly as the shells open it. */
export function createTestApp(options: { now?: string; dir?: string; clock?: Clock } = {}): TestApp {
  const dir = options.dir ?? makeTempDir();
  const audit: AuditEntry[] = [];
  const clock = options.clock ?? fixedClock(options.now ?? testNow);
  const app = startKomet({ dataDir: dir, shell: 'test', clock, audit: { record: (e) => audit.push(e) } });
  const sqlite = app.db.sqlite;
  return {
    app,
    dir,
    audit,
    async ok(name, input) {
      const result = await app.call(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
      return result.value as never;
    },
    async fail(name, input) {
      const result = await app.call(name, input);
      if (result.ok) throw new Error(`${name} succeeded but should have failed: ${JSON.stringify(result.value)}`);
      return result.error;
    },
    snapshot() {
      const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
      const hash = crypto.createHash('sha256');
      for (const t of tables) hash.update(`${t}:${JSON.stringify(sqlite.prepare(`select * from "${t}"${storedOrder(sqlite, t)}`).all())}`);
      return hash.digest('hex');
    },
    rowCount: (table) => (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n,
    close() {
      if (app.db.sqlite.open) app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Test apps opened by `open`, each as `createTestApp(options)` makes it, and closed together by
 * `closeAll`, the last opened first: for a test file's afterEach.
 */
export function testApps(options: { now?: string } = {}): { open(): TestApp; closeAll(): void } {
  const apps: TestApp[] = [];
  return {
    open() {
      const t = createTestApp(options);
      apps.push(t);
      return t;
    },
    closeAll() {
      for (const t of apps.splice(0).reverse()) t.close();
    },
  };
}
