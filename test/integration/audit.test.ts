import path from 'node:path';
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/core/clock';
import { openDatabase, type KometDb } from '../../src-main/core/db/open';
import { createAuditSink, listAudit, type AuditContext } from '../../src-main/core/repos/audit-repo';
import { createServices } from '../../src-main/core/services';
import { backupNow, backupsDirOf } from '../../src-main/core/backup';
import { rawDatabaseBytes, tempDataDir } from '../helpers/crash-files';

let dir: string;
let cleanup: () => void;
let db: KometDb;
let context: AuditContext;
let key: Buffer;
beforeEach(() => {
  ({ dir, cleanup } = tempDataDir('komet-audit-'));
  key = crypto.randomBytes(32);
  db = openDatabase(path.join(dir, 'komet.db'), { key });
  context = { actor: 'Ada Lovelace', procedure: 'units.create' };
});
afterEach(() => {
  db.close();
  cleanup();
});

const rowCount = () => (db.sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;

describe('audit sink', () => {
  it('records inside the caller’s transaction: committed with the write, rolled back with it', () => {
    const sink = createAuditSink(db, () => context, fixedClock('2025-03-04T10:00:00.000Z'));
    db.sqlite.transaction(() => sink.record({ action: 'create', entity: 'unit', entityId: 'u1', fields: ['name', 'kind'] }))();
    expect(() =>
      db.sqlite.transaction(() => {
        sink.record({ action: 'update', entity: 'unit', entityId: 'u1', fields: ['name'] });
        throw new Error('the write failed');
      })(),
    ).toThrow('the write failed');
    expect(listAudit(db, { limit: 10 })).toEqual({
      total: 1,
      rows: [
        {
          id: 1,
          at: '2025-03-04T10:00:00.000Z',
          actor: 'Ada Lovelace',
          procedure: 'units.create',
          action: 'create',
          entity: 'unit',
          entityId: 'u1',
          fields: ['name', 'kind'],
        },
      ],
    });
  });

  it('reads who and which procedure at each write, and stores field names only', () => {
    const sink = createAuditSink(db, () => context, fixedClock('2025-03-04T10:00:00.000Z'));
    sink.record({ action: 'create', entity: 'staff', entityId: 's1', fields: ['name', 'name', 'email'] });
    context = { actor: 'Grace Hopper', procedure: 'staff.update' };
    // Something that is not a field name (here, a value) is dropped rather than stored.
    sink.record({ action: 'update', entity: 'staff', entityId: 's1', fields: ['phone', 'Ingrid Svensson 070-123 45 67'] });
    const rows = listAudit(db, { limit: 10 }).rows;
    expect(rows.map((r) => [r.actor, r.procedure, r.fields])).toEqual([
      ['Grace Hopper', 'staff.update', ['phone']],
      ['Ada Lovelace', 'units.create', ['name', 'email']],
    ]);
  });

  it('is recorded by the real services on every write', () => {
    const services = createServices(db, {
      clock: fixedClock('2025-03-04T10:00:00.000Z'),
      audit: createAuditSink(db, () => context, fixedClock('2025-03-04T10:00:00.000Z')),
    });
    const unit = services.units.create({ name: 'Testdistriktet', kind: 'district' } as never);
    const entry = listAudit(db, { entity: 'unit', limit: 10 }).rows[0];
    expect(entry).toMatchObject({ actor: 'Ada Lovelace', procedure: 'units.create', action: 'create', entityId: unit.id });
    expect(entry?.fields).toContain('name');
    expect(JSON.stringify(listAudit(db, { limit: 100 }))).not.toContain('Testdistriktet');
  });
});

describe('append-only', () => {
  it('refuses UPDATE and DELETE with a trigger, leaving the rows as they were', () => {
    const sink = createAuditSink(db, () => context, fixedClock('2025-03-04T10:00:00.000Z'));
    sink.record({ action: 'create', entity: 'unit', entityId: 'u1', fields: ['name'] });
    const before = listAudit(db, { limit: 10 });
    for (const sql of ["update audit_log set actor = 'Mallory'", 'delete from audit_log', "update audit_log set fields = '[]' where id = 1"]) {
      expect(() => db.sqlite.prepare(sql).run()).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'audit_log is append-only' }));
    }
    expect(listAudit(db, { limit: 10 })).toEqual(before);
    expect(rowCount()).toBe(1);
  });

  it('goes into backups, encrypted like the rest', () => {
    createAuditSink(db, () => ({ actor: 'Ada Lovelace-Unik', procedure: 'units.create' }), fixedClock('2025-03-04T10:00:00.000Z')).record({
      action: 'create',
      entity: 'unit',
      entityId: 'u1',
      fields: ['name'],
    });
    const info = backupNow(db, { dir: backupsDirOf(dir), reason: 'manual', key });
    expect(info.counts.audit_log).toBe(1);
    expect(rawDatabaseBytes(info.file).includes(Buffer.from('Ada Lovelace-Unik'))).toBe(false);
  });
});

describe('listAudit', () => {
  it('filters by time, entity, id and actor, newest first, with paging', () => {
    const times = ['2025-01-01T09:00:00.000Z', '2025-02-01T09:00:00.000Z', '2025-03-01T09:00:00.000Z', '2025-03-02T09:00:00.000Z'];
    times.forEach((at, i) => {
      context = { actor: i % 2 ? 'Grace' : 'Ada', procedure: i < 2 ? 'units.update' : 'staff.update' };
      createAuditSink(db, () => context, fixedClock(at)).record({ action: 'update', entity: i < 2 ? 'unit' : 'staff', entityId: `e${i}`, fields: ['name'] });
    });
    const ids = (q: Parameters<typeof listAudit>[1]) => listAudit(db, q).rows.map((r) => r.entityId);
    expect(ids({ limit: 10 })).toEqual(['e3', 'e2', 'e1', 'e0']);
    expect(ids({ since: '2025-02-01', limit: 10 })).toEqual(['e3', 'e2', 'e1']);
    expect(ids({ entity: 'unit', limit: 10 })).toEqual(['e1', 'e0']);
    expect(ids({ entity: 'staff', entityId: 'e2', limit: 10 })).toEqual(['e2']);
    expect(ids({ actor: 'Grace', limit: 10 })).toEqual(['e3', 'e1']);
    expect(listAudit(db, { limit: 2, offset: 1 })).toMatchObject({ total: 4, rows: [{ entityId: 'e2' }, { entityId: 'e1' }] });
    expect(listAudit(db, { actor: 'Nobody', limit: 10 })).toEqual({ rows: [], total: 0 });
  });
});
