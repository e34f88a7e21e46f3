import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupFileName, backupsToKeep, parseBackupFileName, pruneBackups } from '../../src-main/core/backup';

const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min);
const named = (date: Date, reason: 'daily' | 'before-restore' = 'daily', sequence = 1) => parseBackupFileName(backupFileName(date, reason, sequence))!;
const day = (name: string) => name.slice(6, 14);

function everyDay(from: Date, to: Date) {
  const out = [];
  for (let d = new Date(from); d <= to; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 12)) out.push(named(d));
  return out;
}

describe('backup names', () => {
  it('round-trips local time and rejects impossible or foreign names', () => {
    const parsed = parseBackupFileName('komet-20250304-050607-2-before-restore.db');
    expect(parsed).toMatchObject({ beforeRestore: true });
    expect(parsed?.date.getTime()).toBe(new Date(2025, 2, 4, 5, 6, 7).getTime());
    for (const bad of [
      'komet-20251304-050607.db',
      'komet-20250230-050607.db',
      'komet-20250304-250607.db',
      'komet-20250304.db',
      'other.db',
      'komet-20250304-050607.db.tmp',
    ]) {
      expect([bad, parseBackupFileName(bad)]).toEqual([bad, null]);
    }
  });
});

describe('retention ladder: 7 daily, 4 weekly, 12 monthly', () => {
  // 31 March 2025 is a Monday (ISO week 14).
  const now = local(2025, 3, 31, 13);
  const history = everyDay(local(2024, 1, 1), local(2025, 3, 31));

  it('keeps the last seven days, four week-ends and twelve month-ends of a daily history', () => {
    const kept = [...backupsToKeep(history, now)].map(day).sort();
    expect(kept).toEqual(
      [
        // monthly: newest of each of the last 12 months with backups (April 2024 … March 2025)
        '20240430',
        '20240531',
        '20240630',
        '20240731',
        '20240831',
        '20240930',
        '20241031',
        '20241130',
        '20241231',
        '20250131',
        '20250228',
        // weekly: newest of ISO weeks 11, 12 (and 13, 14 which the daily rung already holds)
        '20250316',
        '20250323',
        // daily
        '20250325',
        '20250326',
        '20250327',
        '20250328',
        '20250329',
        '20250330',
        '20250331',
      ].sort(),
    );
    // The boundaries: the eighth day back and the fifth week back go.
    expect(kept).not.toContain('20250324');
    expect(kept).not.toContain('20250309');
    expect(kept).not.toContain('20240331');
  });

  it('keeps only the newest backup of a day on the daily rung, once the day is over', () => {
    const sameDay = [named(local(2025, 3, 30, 8)), named(local(2025, 3, 30, 17)), named(local(2025, 3, 30, 17), 'daily', 2)];
    expect([...backupsToKeep(sameDay, now)]).toEqual([sameDay[2]!.name]);
  });

  it('counts days that have backups, so a month away from the laptop keeps a week of history', () => {
    const sparse = [
      local(2025, 1, 2),
      local(2025, 1, 3),
      local(2025, 1, 6),
      local(2025, 1, 9),
      local(2025, 1, 20),
      local(2025, 2, 1),
      local(2025, 2, 2),
      local(2025, 2, 3),
    ].map((d) => named(d));
    const kept = [...backupsToKeep(sparse, local(2025, 3, 31))].map(day).sort();
    expect(kept).toEqual(['20250103', '20250106', '20250109', '20250120', '20250201', '20250202', '20250203']);
  });

  it('protects before-restore copies for 30 days, then lets the ladder decide', () => {
    const daily = everyDay(local(2025, 2, 1), local(2025, 3, 31));
    const young = named(local(2025, 3, 2, 9), 'before-restore'); // 29 days before now
    const old = named(local(2025, 2, 27, 9), 'before-restore'); // 32 days before now
    const kept = backupsToKeep([...daily, young, old], now);
    expect(kept.has(young.name)).toBe(true);
    expect(kept.has(old.name)).toBe(false);
  });

  it('always keeps the newest, and keeps everything while there are few', () => {
    expect(backupsToKeep([], now).size).toBe(0);
    const three = [named(local(2025, 3, 1)), named(local(2025, 3, 2)), named(local(2025, 3, 3))];
    expect(backupsToKeep(three, now).size).toBe(3);
  });
});

describe('pruneBackups', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'komet-prune-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ours = 'b3Vycy1rZXktaWQtMTIzNA==';
  const theirs = 'dGhlaXJzLWtleS1pZC0xMjM=';
  const copy = (name: string, keyId: string) => fs.writeFileSync(path.join(dir, `${name}.keys.json`), JSON.stringify({ keyId }));

  it('deletes exactly the files the ladder drops and nothing that is not a backup', () => {
    const history = everyDay(local(2025, 1, 1), local(2025, 3, 31));
    for (const b of history) {
      fs.writeFileSync(path.join(dir, b.name), 'x');
      copy(b.name, ours);
    }
    fs.writeFileSync(path.join(dir, 'komet.keys.json'), '{}');
    fs.writeFileSync(path.join(dir, 'my-notes.db'), 'x');
    const removed = pruneBackups(dir, local(2025, 3, 31, 13), { keyIds: new Set([ours]) });
    const keep = backupsToKeep(history, local(2025, 3, 31, 13));
    expect(removed.length).toBe(history.length - keep.size);
    expect(fs.readdirSync(dir).sort()).toEqual([...keep, ...[...keep].map((n) => `${n}.keys.json`), 'komet.keys.json', 'my-notes.db'].sort());
  });

  it("never counts or removes another installation's backups, nor backups without a key copy", () => {
    const history = everyDay(local(2025, 1, 1), local(2025, 3, 31));
    const foreign = history.filter((_, i) => i % 2 === 0);
    const unknown = everyDay(local(2024, 1, 1), local(2024, 1, 20));
    for (const b of history) {
      fs.writeFileSync(path.join(dir, b.name), 'x');
      copy(b.name, foreign.includes(b) ? theirs : ours);
    }
    for (const b of unknown) fs.writeFileSync(path.join(dir, b.name), 'x');
    pruneBackups(dir, local(2025, 3, 31, 13), { keyIds: new Set([ours]) });
    const left = fs.readdirSync(dir);
    for (const b of [...foreign, ...unknown]) expect(left).toContain(b.name);
    const own = history.filter((b) => !foreign.includes(b));
    expect(
      own
        .filter((b) => left.includes(b.name))
        .map((b) => b.name)
        .sort(),
    ).toEqual([...backupsToKeep(own, local(2025, 3, 31, 13))].sort());
  });

  it('keeps every backup of today, whatever made it; the ladder thins the day once it is over', () => {
    const today = [local(2025, 3, 31, 8), local(2025, 3, 31, 12), local(2025, 3, 31, 17)].map((d) => named(d));
    for (const b of today) {
      fs.writeFileSync(path.join(dir, b.name), 'x');
      copy(b.name, ours);
    }
    expect(pruneBackups(dir, local(2025, 3, 31, 18), { keyIds: new Set([ours]) })).toEqual([]);
    expect(pruneBackups(dir, local(2025, 4, 1, 9), { keyIds: new Set([ours]) }).sort()).toEqual([today[0]!.name, today[1]!.name].sort());
  });
});
