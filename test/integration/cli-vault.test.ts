// The CLI on encrypted databases: spawned for real, on real files, passphrase from the environment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/open';
import { unlockWithPassphrase } from '../../src-main/core/vault';
import { runKomet } from '../helpers/cli';

const passphrase = 'ett två tre fyra fem sex';
const userName = 'Greta Kommandorad';

let dir: string;
let db: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-cli-vault-'));
  db = path.join(dir, 'data', 'komet.db');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function komet(args: string[], env: Record<string, string> = { KOMET_PASSPHRASE: passphrase }) {
  return runKomet(args, env);
}

function expectOneLine(r: { code: number | null; stderr: string }, code: number, pattern: RegExp) {
  expect(r.code).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

const raw = (file: string) => Buffer.concat(['', '-wal'].filter((s) => fs.existsSync(file + s)).map((s) => fs.readFileSync(file + s)));
const groups = () => {
  const r = komet(['stats', '--db', db, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { groups: number }).groups;
};

describe('komet on an encrypted database', { timeout: 120_000 }, () => {
  it('init refuses without KOMET_PASSPHRASE, never takes it as an argument, and refuses a short one', () => {
    expectOneLine(komet(['init', '--db', db], {}), 2, /KOMET_PASSPHRASE/);
    expectOneLine(komet(['init', '--db', db, '--passphrase', passphrase], {}), 2, /Felaktiga argument/);
    expectOneLine(komet(['init', '--db', db], { KOMET_PASSPHRASE: 'kort' }), 1, /minst 12 tecken/);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('init creates an encrypted database and prints the recovery key once; nothing readable on disk', async () => {
    const r = komet(['init', '--db', db, '--user', userName]);
    expect(r.code, r.stderr).toBe(0);
    const [first, keyLine] = r.stdout.trim().split('\n');
    expect(first).toBe(db);
    expect(keyLine).toMatch(/^Återställningsnyckel: [0-9A-Z]{4}(-[0-9A-Z]{4}){8} \/ Recovery key: /);

    const demo = komet(['demo', '--db', db, '--scale', '0.1', '--seed', '3', '--today', '2026-03-15']);
    expect(demo.code, demo.stderr).toBe(0);
    // A name the demo recorded, read through the key, must not appear in the file's bytes.
    const key = await unlockWithPassphrase(path.dirname(db), passphrase);
    const open = openDatabase(db, { key, readOnly: true });
    const staffName = (open.sqlite.prepare('select name from staff order by name limit 1').get() as { name: string }).name;
    open.close();
    const bytes = raw(db);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(bytes.includes(Buffer.from(staffName))).toBe(false);
    expect(bytes.includes(Buffer.from(userName))).toBe(false);
  });

  it('every command needs the passphrase; a wrong one is refused in one line', () => {
    for (const cmd of ['stats', 'check', 'backup', 'audit', 'demo']) {
      expectOneLine(komet([cmd, '--db', db], {}), 2, /KOMET_PASSPHRASE/);
      expectOneLine(komet([cmd, '--db', db], { KOMET_PASSPHRASE: 'inte den rätta frasen' }), 1, /^komet: Fel lösenfras.* \/ Wrong passphrase/);
    }
  });

  it('check reports encryption and integrity', () => {
    const r = komet(['check', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['kryptering: krypterad (ChaCha20), nyckelfil ok / encryption: encrypted (ChaCha20), key file ok', 'ok']);
  });

  it('backup and restore round trip, keeping the replaced database as a before-restore copy', () => {
    const before = groups();
    const out = path.join(dir, 'elsewhere', 'copy.db');
    const b = komet(['backup', '--db', db, '--out', out]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/verifierad/);
    expect(raw(out).includes(Buffer.from('SQLite format 3'))).toBe(false);
    expectOneLine(komet(['backup', '--db', db, '--out', out]), 1, /finns redan/);
    const dated = komet(['backup', '--db', db]);
    expect(dated.code, dated.stderr).toBe(0);
    expect(dated.stdout.split('\n')[0]).toMatch(/backups[\\/]komet-\d{8}-\d{6}(-\d+)?\.db$/);

    expect(komet(['demo', '--db', db, '--scale', '0.1', '--seed', '4', '--today', '2026-03-15', '--force']).code).toBe(0);
    expect(groups()).toBeGreaterThan(before);

    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'inte en databas');
    expectOneLine(komet(['restore', '--db', db, '--from', junk]), 1, /ingen Komet-säkerhetskopia/);
    expectOneLine(komet(['restore', '--db', db]), 2, /--from/);

    const r = komet(['restore', '--db', db, '--from', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/before-restore/);
    expect(groups()).toBe(before);
    expect(fs.readdirSync(path.join(dir, 'data', 'backups')).some((n) => n.includes('before-restore'))).toBe(true);
  });

  it('audit lists who changed what, as JSON, filtered by date', () => {
    const r = komet(['audit', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { actor: string; fields: string[]; at: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.actor === userName && Array.isArray(row.fields))).toBe(true);
    const none = komet(['audit', '--db', db, '--json', '--since', '2999-01-01']);
    expect(JSON.parse(none.stdout)).toEqual([]);
    const text = komet(['audit', '--db', db]);
    expect(text.stdout.trim().split('\n')).toHaveLength(rows.length);
    expectOneLine(komet(['audit', '--db', db, '--since', 'igår']), 2, /--since/);
  });
});
