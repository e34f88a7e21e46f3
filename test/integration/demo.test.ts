import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKomet, type KometApp } from '../../src-main/app/komet-app';
import { fixedClock } from '../../src-main/core/clock';
import { addDemoData } from '../../src-main/core/demo/add-demo';
import { generateDemo, type DemoRows } from '../../src-main/core/demo/generate';
import { createRandom } from '../../src-main/core/demo/random';
import { listDemoProgrammes, listDemoUnits } from '../../src-main/core/repos/demo-repo';
import { id as uuidSchema } from '../../src-main/contract/schemas/common';
import type { GroupDetail, Stats } from '../../src-main/contract';

const today = '2026-03-15';
let dir: string;
let app: KometApp;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-demo-'));
  app = startKomet({ dataDir: dir, shell: 'test', clock: fixedClock(`${today}T10:00:00.000Z`) });
});
afterEach(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const generate = (seed: string | number, scale = 1) => generateDemo(listDemoProgrammes(app.db), listDemoUnits(app.db), { seed, scale, today });

async function value<T>(name: string, input: unknown): Promise<T> {
  const r = await app.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('random', () => {
  it('repeats for a seed, differs between seeds, and makes valid v4 UUIDs', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom('42x');
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    const r = createRandom(7);
    for (let i = 0; i < 200; i++) {
      const u = r.uuid();
      expect(uuidSchema.safeParse(u).success, u).toBe(true);
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
  });
});

describe('generateDemo', () => {
  it('is deterministic: the same seed gives the same rows, ids included', () => {
    const first = generate(1);
    expect(generate(1)).toEqual(first);
    expect(generate(2).groups[0]!.id).not.toBe(first.groups[0]!.id);
  });

  it('lays out about three years of Stockholm at scale 1', () => {
    const rows = generate(1);
    const programmes = listDemoProgrammes(app.db);
    const byId = new Map(programmes.map((p) => [p.id, p]));
    expect(rows.groups.length).toBe(170);
    expect(rows.staff.filter((s) => s.isLeader).length).toBe(60);
    expect(rows.staff.filter((s) => s.isSupervisor).length).toBe(12);
    expect(new Set(rows.groups.map((g) => g.unitId)).size).toBe(13);

    // fKomet dominates, every seeded programme appears.
    const fKomet = programmes.find((p) => p.code.toLowerCase() === 'fkomet')!;
    const fShare = rows.groups.filter((g) => g.programmeId === fKomet.id).length / rows.groups.length;
    expect(fShare).toBeGreaterThan(0.4);
    expect(new Set(rows.groups.map((g) => g.programmeId)).size).toBe(programmes.length);

    const starts = rows.groups.map((g) => g.startDate).sort();
    expect(starts[0]! < addDays(today, -900)).toBe(true);
    expect(starts.at(-1)! > today).toBe(true);
    const statuses = new Set(rows.groups.map((g) => g.status));
    for (const s of ['planned', 'running', 'completed']) expect(statuses.has(s as never), s).toBe(true);

    const recorded = rows.sessions.filter((s) => s.status !== 'planned');
    const heldShare = recorded.filter((s) => s.status === 'held').length / recorded.length;
    expect(heldShare).toBeGreaterThan(0.85);
    expect(heldShare).toBeLessThan(0.97);
    for (const g of rows.groups) expect(byId.has(g.programmeId)).toBe(true);
  });

  it('keeps every group consistent: leaders, supervisor, weekly sessions, status by date', () => {
    const rows: DemoRows = generate(3);
    const programmes = new Map(listDemoProgrammes(app.db).map((p) => [p.id, p]));
    const leaders = new Map<string, string[]>();
    for (const l of rows.groupLeaders) leaders.set(l.groupId, [...(leaders.get(l.groupId) ?? []), l.staffId]);
    const sessions = new Map<string, DemoRows['sessions']>();
    for (const s of rows.sessions) sessions.set(s.groupId, [...(sessions.get(s.groupId) ?? []), s]);
    const staff = new Map(rows.staff.map((s) => [s.id, s]));

    for (const g of rows.groups) {
      const p = programmes.get(g.programmeId)!;
      const ls = leaders.get(g.id)!;
      expect(ls.length).toBe(p.audience === 'individual_family' ? 1 : 2);
      expect(new Set(ls).size).toBe(ls.length);
      for (const l of ls) expect(staff.get(l)!.isLeader).toBe(1);
      expect(staff.get(g.supervisorId!)!.isSupervisor).toBe(1);

      const ss = sessions.get(g.id)!;
      expect(ss.filter((s) => !s.isExtra).length).toBe(p.sessionCount);
      ss.forEach((s, i) => {
        expect(s.number).toBe(i + 1);
        expect(s.plannedDate).toBe(addDays(g.startDate, 7 * i));
        if (s.plannedDate >= today && g.status !== 'cancelled') expect(s.status).toBe('planned');
        if (s.status === 'held') {
          expect(s.heldDate).toBe(s.plannedDate);
          expect(s.participantCount).toBeGreaterThanOrEqual(1);
          expect(s.participantCount).toBeLessThanOrEqual(14);
        } else {
          expect(s.participantCount).toBeNull();
        }
        if (s.status === 'cancelled') expect(s.cancelReason).toBeTruthy();
        else expect(s.cancelReason).toBeNull();
      });
      const last = ss.at(-1)!.plannedDate;
      if (g.status === 'planned') expect(g.startDate > today).toBe(true);
      if (g.status === 'completed') expect(last < today).toBe(true);
      if (g.status === 'running') expect(g.startDate <= today && last >= today).toBe(true);
      // Unrecorded past sessions exist only in running groups (the dashboard's overdue list).
      if (g.status !== 'running') expect(ss.some((s) => s.status === 'planned' && s.plannedDate < today)).toBe(false);
    }
  });

  it('scales groups and staff with --scale', () => {
    const rows = generate(1, 3);
    expect(rows.groups.length).toBe(510);
    expect(rows.staff.length).toBe(216);
  });
});

describe('addDemoData', () => {
  it('writes rows the services read back and that match the stats', async () => {
    const cacheBefore = app.db.sqlite.pragma('cache_size', { simple: true });
    const summary = addDemoData(app.db, { scale: 1, seed: 5, today });
    // The large cache the insert uses is the demo's alone: the connection gets its own back.
    expect(app.db.sqlite.pragma('cache_size', { simple: true })).toBe(cacheBefore);
    const stats = await value<Stats>('stats.get', {});
    expect(stats.groups).toBe(summary.groups);
    expect(stats.sessions.planned + stats.sessions.held + stats.sessions.cancelled).toBe(summary.sessions);
    expect(stats.leaders + stats.supervisors).toBe(summary.staff);
    expect(stats.participantCount).toBeGreaterThan(stats.sessions.held * 3);

    // A demo group passes the contract's output schema through the ordinary service path.
    const list = await value<{ items: { id: string }[]; total: number }>('groups.list', { status: 'running' });
    expect(list.total).toBeGreaterThan(0);
    const detail = await value<GroupDetail>('groups.get', { id: list.items[0]!.id });
    expect(detail.leaders.length).toBeGreaterThanOrEqual(1);
    expect(detail.supervisor).not.toBeNull();
    expect(detail.sessions.length).toBeGreaterThanOrEqual(detail.sessionCount);

    const dashboard = await value<{ activeGroups: number; overdueTotal: number }>('dashboard.get', { today });
    expect(dashboard.activeGroups).toBe(list.total);
    expect(dashboard.overdueTotal).toBeGreaterThan(0);

    // Follow-ups: some are late, as in real life, but none has been forgotten for months.
    const openFollowUps = (before: string) =>
      (app.db.sqlite.prepare('select count(*) as n from follow_ups where done = 0 and due_date < ?').get(before) as { n: number }).n;
    expect(openFollowUps(today)).toBeGreaterThan(0);
    expect(openFollowUps(addDays(today, -60))).toBe(0);
  });

  it('refuses a database that already has groups unless forced, and writes nothing', async () => {
    addDemoData(app.db, { scale: 0.1, seed: 1, today });
    const before = await value<Stats>('stats.get', {});
    expect(() => addDemoData(app.db, { scale: 0.1, seed: 2, today })).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(await value<Stats>('stats.get', {})).toEqual(before);
    addDemoData(app.db, { scale: 0.1, seed: 2, today, force: true });
    expect((await value<Stats>('stats.get', {})).groups).toBe(before.groups * 2);
  });

  it('rejects a scale out of range', () => {
    for (const scale of [0, -1, Number.NaN, 5000]) {
      expect(() => addDemoData(app.db, { scale, seed: 1, today })).toThrow(expect.objectContaining({ code: 'validation' }));
    }
  });
});
