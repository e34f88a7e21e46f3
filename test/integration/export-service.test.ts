import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TestApp } from '../helpers/db';
import { csvRows, demoApp, expectedCounts, keyPair, listAll } from './export-service-fixtures';

let t: TestApp;
let dir: string;
beforeEach(() => {
  t = demoApp();
  dir = makeTempDir('komet-export-svc-');
});
afterEach(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const everything = { scope: {} } as const;

describe('export service on a demo database', { timeout: 120_000 }, () => {
  it('export → open round trip: every CSV holds exactly what the database has for consenting participants', async () => {
    const key = await keyPair(t, dir);
    // One group with consenting participants records head counts only.
    const countsOnly = t.app.db.sqlite.prepare("select group_id from participants where consent = 'yes' order by group_id limit 1").pluck().get() as string;
    await t.ok('groups.setTracksAttendance', { id: countsOnly, tracksAttendance: false });
    // Below k nothing is left out, so every consenting participant and mark must arrive.
    const belowK = { belowKReason: 'Jämförelse rad för rad med databasen' };
    const preview = await t.ok('export.preview', { ...everything, belowK: true });
    const run = await t.ok('export.run', { ...everything, ...belowK, recipientKeys: [key.publicKey], outPath: path.join(dir, 'out.age') });
    expect(run.file).toBe(path.join(dir, 'out.age'));
    expect(fs.statSync(run.file).size).toBe(run.bytes);
    expect(run.passphrase).toBe(false);
    expect(run.fingerprints).toHaveLength(1);

    const opened = await t.ok('export.open', { file: run.file, identityFile: key.file, outDir: path.join(dir, 'opened') });
    expect(opened.exportId).toBe(run.exportId);
    expect(opened.keyId).toBe(run.keyId);
    expect(opened.codebook).toMatch(/participant_id/);
    expect(opened.codebook).toMatch(/`attendance_recording`.*`counts_only` = bara antal närvarande per träff/);

    const expected = expectedCounts(t);
    // A demo that exercises nothing would make the comparison vacuous.
    for (const [file, rows] of Object.entries(expected)) expect(rows, file).toBeGreaterThan(0);
    for (const [file, rows] of Object.entries(expected)) {
      expect(csvRows(path.join(opened.outDir, file)), file).toHaveLength(rows);
      expect(run.rowCounts.find((r) => r.file === file)?.rows, file).toBe(rows);
      expect(preview.tables.find((r) => r.file === file)?.rows, file).toBe(rows);
    }
    const consenting =
      t.rowCount('participants') - (t.app.db.sqlite.prepare("select count(*) as n from participants where consent <> 'yes'").get() as { n: number }).n;
    expect(preview.participants.total).toBe(t.rowCount('participants'));
    expect(preview.participants.rowLevel).toBe(consenting);

    // Each row says how its group recorded attendance, as the database has it.
    const recorded = t.app.db.sqlite
      .prepare(
        `select count(*) as n from (select distinct p.person_id, p.group_id from participants p join groups g on g.id = p.group_id
         where p.consent = 'yes' and g.tracks_attendance = ?)`,
      )
      .pluck();
    const rows = csvRows(path.join(opened.outDir, 'participants.csv'));
    expect(rows.filter((r) => r.attendance_recording === 'counts_only')).toHaveLength(recorded.get(0) as number);
    expect(rows.filter((r) => r.attendance_recording === 'per_person')).toHaveLength(recorded.get(1) as number);

    // With k enforced, every consenting participant is a row or counted as left out.
    const enforced = await t.ok('export.run', { ...everything, recipientKeys: [key.publicKey], outPath: path.join(dir, 'k.age') });
    const kOpened = await t.ok('export.open', { file: enforced.file, identityFile: key.file, outDir: path.join(dir, 'k-opened') });
    expect(enforced.disclosure.enforced).toBe(true);
    expect(csvRows(path.join(kOpened.outDir, 'participants.csv')).length + enforced.disclosure.rowsWithheld).toBe(expected['participants.csv']);
    expect(csvRows(path.join(kOpened.outDir, 'attendance.csv')).length).toBeLessThanOrEqual(expected['attendance.csv']!);
    expect(preview.participants.aggregatesOnly).toBeGreaterThan(0);
    expect(preview.groups).toBe(t.rowCount('groups'));
  });

  it('scope by group start date, programme and unit: only those groups, with all their sessions', async () => {
    const db = t.app.db.sqlite;
    const pick = db.prepare("select programme_id as p, unit_id as u from groups where start_date like '2024-%' order by start_date limit 1").get() as {
      p: string;
      u: string;
    };
    const scope = { from: '2024-01-01', to: '2024-12-31', programmeIds: [pick.p], unitIds: [pick.u] };
    const count = (sql: string) => (db.prepare(sql).get(scope.from, scope.to, pick.p, pick.u) as { n: number }).n;
    const inScope = 'from groups g where g.start_date between ? and ? and g.programme_id = ? and g.unit_id = ?';
    const groups = count(`select count(*) as n ${inScope}`);
    const sessions = count(`select count(*) as n from sessions where group_id in (select g.id ${inScope})`);
    expect(groups).toBeGreaterThan(0);
    expect(groups).toBeLessThan(t.rowCount('groups'));
    const preview = await t.ok('export.preview', { scope });
    expect(preview.groups).toBe(groups);
    expect(preview.tables.find((r) => r.file === 'sessions.csv')?.rows).toBe(sessions);
  });

  it('the log records who, when, scope, fingerprints and row counts — and none of the data', async () => {
    const key = await keyPair(t, dir);
    const before = t.snapshot();
    await t.ok('export.preview', everything);
    expect(t.snapshot()).toBe(before); // preview writes nothing, not even the key
    const run = await t.ok('export.run', { scope: { from: '2024-01-01' }, recipientKeys: [key.publicKey], outPath: path.join(dir, 'a.age') });
    const [entry] = await t.ok('export.log', {});
    expect(entry).toMatchObject({
      exportId: run.exportId,
      status: 'completed',
      actor: 'local',
      shell: 'test',
      fingerprints: run.fingerprints,
      passphrase: false,
      keyId: run.keyId,
      fileName: 'a.age',
      bytes: run.bytes,
      rowCounts: run.rowCounts,
    });
    expect(entry!.scope.from).toBe('2024-01-01');
    expect(t.audit.some((a) => a.action === 'export' && a.entityId === run.exportId)).toBe(true);

    // The row holds labels, counts and fingerprints only: no participant, staff or group data.
    const row = JSON.stringify(t.app.db.sqlite.prepare('select * from export_log').all());
    const names = t.app.db.sqlite
      .prepare("select display_name as v from participants union select name from staff union select venue from groups where venue <> ''")
      .all() as { v: string }[];
    expect(names.length).toBeGreaterThan(10);
    for (const { v } of names) expect(row.includes(v), v).toBe(false);
    expect(row).not.toMatch(/AGE-SECRET-KEY/);
  });

  it('passphrase export opens with the passphrase only; the log says passphrase', async () => {
    const passphrase = 'korrekt häst batteri häftklammer';
    const run = await t.ok('export.run', { scope: { from: '2025-01-01' }, passphrase, outPath: path.join(dir, 'p.age') });
    expect(run.passphrase).toBe(true);
    expect(run.fingerprints).toEqual([]);
    const wrong = await t.fail('export.open', { file: run.file, passphrase: 'fel lösenfras här', outDir: path.join(dir, 'no') });
    expect(wrong.code).toBe('wrong_passphrase');
    expect(fs.existsSync(path.join(dir, 'no'))).toBe(false);
    const opened = await t.ok('export.open', { file: run.file, passphrase, outDir: path.join(dir, 'yes') });
    expect(opened.files.map((f) => f.name)).toContain('participants.csv');
    const [entry] = await t.ok('export.log', {});
    expect(entry).toMatchObject({ passphrase: true, fingerprints: [] });
    expect(JSON.parse((t.app.db.sqlite.prepare('select recipients from export_log').get() as { recipients: string }).recipients)).toBe('passphrase');
  });

  it('pseudonyms link up across exports with one key; a rotated key breaks the linkage on purpose', async () => {
    const key = await keyPair(t, dir);
    const ids = async (name: string) => {
      const run = await t.ok('export.run', { ...everything, recipientKeys: [key.publicKey], outPath: path.join(dir, `${name}.age`) });
      const opened = await t.ok('export.open', { file: run.file, identityFile: key.file, outDir: path.join(dir, name) });
      return { keyId: run.keyId, ids: new Set(csvRows(path.join(opened.outDir, 'participants.csv')).map((r) => r.participant_id)) };
    };
    expect((await t.ok('export.keyInfo')).keyId).toBeNull();
    const first = await ids('one');
    const info = await t.ok('export.keyInfo');
    expect(info).toMatchObject({ keyId: first.keyId, retiredKeys: 0 });
    const second = await ids('two');
    expect(second.keyId).toBe(first.keyId);
    expect([...second.ids].sort()).toEqual([...first.ids].sort());

    const rotated = await t.ok('export.rotateKey');
    expect(rotated.keyId).not.toBe(first.keyId);
    expect(rotated.retiredKeys).toBe(1);
    const third = await ids('three');
    expect(third.keyId).toBe(rotated.keyId);
    expect([...third.ids].filter((id) => first.ids.has(id))).toEqual([]);
    expect(t.rowCount('export_keys')).toBe(2);
  });

  it('saved recipients: create, export to them by id, delete; fingerprints match the log', async () => {
    const a = await keyPair(t, dir, 'a.txt');
    const b = await keyPair(t, dir, 'b.txt');
    const ra = await t.ok('recipients.create', { name: 'FoU Stockholm', publicKey: a.publicKey });
    const rb = await t.ok('recipients.create', { name: 'Utvärderare B', publicKey: `  ${b.publicKey}\n` });
    expect(rb.publicKey).toBe(b.publicKey);
    expect((await t.ok('recipients.list')).map((r) => r.name)).toEqual(['FoU Stockholm', 'Utvärderare B']);
    const run = await t.ok('export.run', { scope: { from: '2025-01-01' }, recipientIds: [ra.id, rb.id], outPath: path.join(dir, 'two.age') });
    expect(run.fingerprints.sort()).toEqual([ra.fingerprint, rb.fingerprint].sort());
    // Either recipient can open it.
    await t.ok('export.open', { file: run.file, identityFile: b.file, outDir: path.join(dir, 'by-b') });
    await t.ok('export.open', { file: run.file, identity: fs.readFileSync(a.file, 'utf8'), outDir: path.join(dir, 'by-a') });
    await t.ok('recipients.delete', { id: ra.id });
    expect((await t.ok('recipients.list')).map((r) => r.id)).toEqual([rb.id]);
    expect((await t.ok('export.log', {}))[0]!.fingerprints.sort()).toEqual([ra.fingerprint, rb.fingerprint].sort());
  });

  it('the browser shell writes only inside <dataDir>/exports, with a dated default name', async () => {
    const key = await keyPair(t, dir);
    const browser = { shell: 'browser' as const };
    const r = await t.app.call('export.run', { scope: { from: '2025-01-01' }, recipientKeys: [key.publicKey] }, browser);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const file = (r.value as { file: string }).file;
    expect(path.dirname(file)).toBe(path.join(t.dir, 'exports'));
    expect(path.basename(file)).toMatch(/^komet-export-\d{8}-\d{6}\.age$/);

    const named = await t.app.call('export.run', { scope: { from: '2025-01-01' }, recipientKeys: [key.publicKey], outPath: 'fou.age' }, browser);
    expect(named.ok && (named.value as { file: string }).file).toBe(path.join(t.dir, 'exports', 'fou.age'));
    for (const outPath of [path.join(dir, 'x.age'), '../x.age', 'sub/x.age']) {
      const refused = await t.app.call('export.run', { scope: {}, recipientKeys: [key.publicKey], outPath }, browser);
      expect(refused.ok, outPath).toBe(false);
      if (!refused.ok) expect(refused.error.issues?.[0]?.path).toBe('outPath');
    }
    expect(listAll(dir).filter((f) => f.endsWith('.age'))).toEqual([]);
    expect(
      listAll(path.join(t.dir, 'exports'))
        .filter((f) => !f.startsWith('.'))
        .sort(),
    ).toEqual([path.basename(file), 'fou.age'].sort());
  });
});
