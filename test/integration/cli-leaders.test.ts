import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliLeader } from '../../src-main/cli/leaders';
import { runKomet } from '../helpers/cli';

function komet(args: string[]) {
  return runKomet(args, { KOMET_PASSPHRASE: '' }, { timeoutMs: 120_000 });
}

const statuses = ['not_started', 'in_training', 'requirements_met', 'certified', 'inactive'];
const ruleTitles: Record<string, string> = {
  no_supervision: 'Handledning saknas',
  low_attendance: 'Låg närvaro',
  low_fidelity: 'Låg programtrohet',
  ready_for_certification: 'Redo för certifiering',
  follow_up_overdue: 'Försenad uppföljning',
};
const statusWords: Record<string, string> = {
  not_started: 'ej påbörjad',
  in_training: 'under utbildning',
  requirements_met: 'krav uppfyllda',
  certified: 'certifierad',
  inactive: 'inaktiv',
};

let dir: string;
let db: string;
let leaders: CliLeader[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-cli-leaders-'));
  db = path.join(dir, 'komet.db');
  for (const args of [
    ['init', '--db', db, '--unencrypted'],
    ['demo', '--db', db, '--seed', '1'],
  ]) {
    const r = komet(args);
    expect(r.code, r.stderr).toBe(0);
  }
  const r = komet(['leaders', '--db', db, '--json']);
  expect(r.code, r.stderr).toBe(0);
  leaders = JSON.parse(r.stdout) as CliLeader[];
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Each case spawns the real CLI (tsx + the whole app), which takes seconds on a busy machine.
describe('komet leaders', { timeout: 180_000 }, () => {
  it('--json lists every leader with pathway status, groups led, attendance, fidelity and flags', () => {
    const raw = new Database(db, { readonly: true });
    try {
      const leaderIds = raw
        .prepare<[], { id: string }>('select id from staff where is_leader = 1 and active = 1 order by id')
        .all()
        .map((s) => s.id);
      expect(leaders.map((l) => l.id).sort()).toEqual(leaderIds);

      // Groups led: the leader's groups that were not cancelled, counted from the tables themselves.
      const led = new Map(
        raw
          .prepare<[], { staffId: string; n: number }>(
            "select gl.staff_id as staffId, count(*) as n from group_leaders gl join groups g on g.id = gl.group_id where g.status <> 'cancelled' group by gl.staff_id",
          )
          .all()
          .map((r) => [r.staffId, r.n]),
      );
      for (const l of leaders) expect(l.groupsLed, l.name).toBe(led.get(l.id) ?? 0);

      // A certification on record shows as certified (or inactive once the leader stopped leading).
      const certified = new Set(
        raw
          .prepare<[], { leaderId: string }>('select distinct leader_id as leaderId from certifications')
          .all()
          .map((r) => r.leaderId),
      );
      expect(certified.size).toBeGreaterThan(0);
      for (const l of leaders.filter((x) => certified.has(x.id))) {
        expect(
          l.pathways.some((p) => p.status === 'certified' || p.status === 'inactive'),
          l.name,
        ).toBe(true);
      }
      for (const l of leaders.filter((x) => !certified.has(x.id))) {
        expect(
          l.pathways.map((p) => p.status),
          l.name,
        ).not.toContain('certified');
      }
    } finally {
      raw.close();
    }

    for (const l of leaders) {
      expect(statuses).toContain(l.status);
      for (const p of l.pathways) expect(statuses).toContain(p.status);
      expect(l.runningGroups).toBeLessThanOrEqual(l.groupsLed);
      // Both are shares from 0 to 1, so scripts need no per-field scale.
      for (const v of [l.meanAttendance, l.meanFidelity]) {
        if (v !== null) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }
      for (const a of l.attention) {
        expect(Object.keys(ruleTitles)).toContain(a.rule);
        expect(a.title).toBe(ruleTitles[a.rule]);
        expect(a.message.length).toBeGreaterThan(10);
      }
    }
    // The demo is realistic: a spread of statuses, measured groups and some leaders to contact.
    // The spread is over the pathways too: the demo is laid out around the day it is made, and on
    // some days its sixty leaders' own statuses are only two (8 of 70 days from 2026-11-20, seed 1:
    // certified and in training), while their pathways held three to five every one of those days.
    expect(new Set(leaders.flatMap((l) => [l.status, ...l.pathways.map((p) => p.status)])).size).toBeGreaterThanOrEqual(3);
    expect(leaders.filter((l) => l.meanAttendance !== null).length).toBeGreaterThan(leaders.length / 2);
    expect(leaders.filter((l) => l.meanFidelity !== null).length).toBeGreaterThan(leaders.length / 2);
    expect(leaders.some((l) => l.meanFidelity !== null && l.meanFidelity < 1)).toBe(true);
    expect(leaders.filter((l) => l.attention.length > 0).length).toBeGreaterThan(0);
  });

  it('--attention keeps exactly the leaders with open flags', () => {
    const r = komet(['leaders', '--db', db, '--json', '--attention']);
    expect(r.code, r.stderr).toBe(0);
    const flagged = JSON.parse(r.stdout) as CliLeader[];
    expect(flagged.map((l) => l.id).sort()).toEqual(
      leaders
        .filter((l) => l.attention.length > 0)
        .map((l) => l.id)
        .sort(),
    );
  });

  it('without --json prints a table in Swedish words: statuses, percentages and flags', () => {
    const r = komet(['leaders', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Namn\s+Status\s+Grupper\s+Närvaro\s+Trohet\s+Flaggor$/);
    expect(lines).toHaveLength(leaders.length + 2);
    expect(r.stdout).not.toMatch(/no_supervision|low_attendance|low_fidelity|ready_for_certification|follow_up_overdue|in_training|requirements_met/);

    const lineOf = (l: CliLeader) => lines.find((line) => line.startsWith(`${l.name}  `))!;
    const flagged = leaders.find((l) => l.attention.length > 0)!;
    for (const a of flagged.attention) expect(lineOf(flagged)).toContain(a.title);
    const measured = leaders.find((l) => l.meanAttendance !== null && l.meanFidelity !== null)!;
    const pct = (v: number) => `${Math.round(v * 100)} %`;
    expect(lineOf(measured)).toMatch(new RegExp(`\\s${pct(measured.meanAttendance!)}\\s+${pct(measured.meanFidelity!)}\\s`));
    expect(lineOf(measured)).toContain(statusWords[measured.status]);
  });

  it('refuses a missing database and unknown options with one line', () => {
    const missing = komet(['leaders', '--db', path.join(dir, 'none.db'), '--json']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/Databasen finns inte/);
    expect(fs.existsSync(path.join(dir, 'none.db'))).toBe(false);
    const bogus = komet(['leaders', '--bogus']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr.trim().split('\n')).toHaveLength(1);
  });
});
