// komet export, open-export and keygen, spawned for real on a real demo database: every flag the
// issue names, and each bad input as one line on stderr with nothing left behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecryptWithIdentity, ageMissingReason, ageRecipientOf, requireTool } from '../helpers/age-cli';
import { runKomet } from '../helpers/cli';

const passphrase = 'en lång och hemlig lösenfras';
const haveAge = requireTool(ageMissingReason(), 'komet export ↔ age CLI');

let dir: string;
let db: string;
let keys: { file: string; publicKey: string }[];
/** One group's programme, unit and start date, so a narrow scope has exactly one group. */
let one: { code: string; unit: string; start: string };

function komet(args: string[], env: Record<string, string> = {}) {
  return runKomet(args, { KOMET_DATA_DIR: path.join(dir, 'data'), ...env }, { cwd: dir, timeoutMs: 120_000 });
}

function expectOneLine(r: { code: number | null; stderr: string }, code: number, pattern: RegExp) {
  expect(r.code, r.stderr).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

/** The scratch folder's entries besides the fixtures: a refused command must add nothing. */
const leftovers = () => fs.readdirSync(dir).filter((n) => !['db.sqlite', 'db.sqlite-wal', 'db.sqlite-shm', 'data', 'key1.txt', 'key2.txt'].includes(n));

const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-cli-export-'));
  db = path.join(dir, 'db.sqlite');
  const demo = komet(['demo', '--db', db, '--unencrypted', '--scale', '0.05', '--today', '2026-11-16']);
  expect(demo.code, demo.stderr).toBe(0);
  const sqlite = new Database(db, { readonly: true });
  one = sqlite
    .prepare<[], { code: string; unit: string; start: string }>(
      // The demo lays its groups out around its day; whatever that day, the earliest group may be a one-family group
      // that no row can reach k = 3 in, so the narrow scope takes the group with the most participants instead.
      `select p.code, u.name as unit, g.start_date as start from groups g join programmes p on p.id = g.programme_id
       join units u on u.id = g.unit_id
       where not exists (select 1 from groups o where o.id <> g.id and o.programme_id = g.programme_id
                         and o.unit_id = g.unit_id and o.start_date = g.start_date)
       order by (select count(*) from participants x where x.group_id = g.id) desc, g.start_date limit 1`,
    )
    .get()!;
  sqlite.close();
  keys = ['key1.txt', 'key2.txt'].map((name) => {
    const r = komet(['keygen', '--out', name]);
    expect(r.code, r.stderr).toBe(0);
    return { file: path.join(dir, name), publicKey: r.stdout.trim() };
  });
}, 240_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('komet keygen', { timeout: 120_000 }, () => {
  it('prints only the public key and saves an age-keygen style secret key readable by the owner only', () => {
    const [key] = keys;
    expect(key!.publicKey).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);
    const text = fs.readFileSync(key!.file, 'utf8');
    expect(text).toMatch(/^# created: \d{4}-\d\d-\d\dT/m);
    expect(text).toContain(`# public key: ${key!.publicKey}\n`);
    expect(text).toMatch(/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/m);
    if (process.platform !== 'win32') expect(fs.statSync(key!.file).mode & 0o777).toBe(0o600);
    if (haveAge) expect(ageRecipientOf(key!.file)).toBe(key!.publicKey);
  });

  it('never overwrites a key file and needs --out', () => {
    const before = fs.readFileSync(keys[0]!.file, 'utf8');
    expectOneLine(komet(['keygen', '--out', 'key1.txt']), 1, /finns redan/);
    expect(fs.readFileSync(keys[0]!.file, 'utf8')).toBe(before);
    expectOneLine(komet(['keygen']), 2, /--out saknas/);
    expect(leftovers()).toEqual([]);
  });
});

// Each case spawns the CLI (Node + tsx start-up), so a busy machine needs generous limits.
describe('komet export and open-export', { timeout: 480_000 }, () => {
  it('exports a narrow scope to two recipients with coarser settings; each key opens it', () => {
    const r = komet([
      'export',
      '--db',
      db,
      '--recipient',
      keys[0]!.publicKey,
      '--recipient',
      keys[1]!.publicKey,
      '--out',
      'narrow.age',
      '--from',
      one.start,
      '--to',
      one.start,
      '--programme',
      one.code.toLowerCase(),
      '--unit',
      one.unit,
      '--period',
      'quarter',
      '--age-bands',
      '--drop-unit',
      '--k',
      '3',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(dir, 'narrow.age');
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ byte\\)$`));
    expect(r.stdout).toMatch(/Krypterad till \/ Encrypted to: [0-9a-f:]{19}, [0-9a-f:]{19}/);
    expect(r.stdout).toMatch(/groups\.csv\s+1\n/);
    expect(fs.readFileSync(file).subarray(0, 21).toString('latin1')).toBe('age-encryption.org/v1');

    for (const [i, key] of keys.entries()) {
      const out = komet(['open-export', 'narrow.age', '--identity', key.file, '--out', `opened-${i}`]);
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout.split('\n')[0]).toBe(path.join(dir, `opened-${i}`));
      const names = fs.readdirSync(path.join(dir, `opened-${i}`)).sort();
      // The demo enters questionnaires, so the package holds their three files as well.
      expect(names).toEqual([
        'aggregates.csv',
        'attendance.csv',
        'codebook.md',
        'datapackage.json',
        'fidelity.csv',
        'groups.csv',
        'instruments.json',
        'leaders.csv',
        'manifest.json',
        'participants.csv',
        'responses.csv',
        'scores.csv',
        'sessions.csv',
      ]);
    }
    const manifest = readJson<{
      scope: { from: string | null; to: string | null; programmeCodes: string[]; unitNames: string[] };
      pseudonymisation: { coarsening: { period: string; ageBands: boolean; dropUnit: boolean } };
      disclosure: { kAnonymity: { k: number } };
    }>(path.join(dir, 'opened-0', 'manifest.json'));
    expect(manifest.scope).toEqual({ from: one.start, to: one.start, programmeCodes: [one.code], unitNames: [one.unit] });
    expect(manifest.pseudonymisation.coarsening).toEqual({ period: 'quarter', ageBands: true, dropUnit: true });
    expect(manifest.disclosure.kAnonymity.k).toBe(3);

    if (haveAge) {
      ageDecryptWithIdentity(file, keys[1]!.file, path.join(dir, 'narrow.zip'));
      expect(fs.readFileSync(path.join(dir, 'narrow.zip')).subarray(0, 2).toString('latin1')).toBe('PK');
    }
  });

  it('exports with a passphrase from the environment; only that passphrase opens it', () => {
    const r = komet(['export', '--db', db, '--passphrase-env', 'FOU_PASS', '--out', 'pass.age'], { FOU_PASS: passphrase });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Krypterad till / Encrypted to: lösenfras / passphrase');

    expectOneLine(
      komet(['open-export', 'pass.age', '--passphrase-env', 'FOU_PASS', '--out', 'wrong'], { FOU_PASS: `${passphrase}!` }),
      1,
      /kan inte öppnas med den här nyckeln/,
    );
    expect(fs.existsSync(path.join(dir, 'wrong'))).toBe(false);
    expectOneLine(komet(['open-export', 'pass.age', '--identity', keys[0]!.file, '--out', 'wrong']), 1, /kan inte öppnas med den här nyckeln/);
    expect(fs.existsSync(path.join(dir, 'wrong'))).toBe(false);

    const ok = komet(['open-export', 'pass.age', '--passphrase-env', 'FOU_PASS', '--out', 'pass-opened'], { FOU_PASS: passphrase });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/participants\.csv\s+\d+/);
    expect(fs.readdirSync(path.join(dir, 'pass-opened'))).toContain('codebook.md');
  });

  const exportTo = (...args: string[]) => ['export', '--db', db, ...args];

  it('refuses an export no participant row can reach k with, and makes it below k only with --allow-below-k --reason', () => {
    const narrow = exportTo(
      '--recipient',
      keys[0]!.publicKey,
      '--from',
      one.start,
      '--to',
      one.start,
      '--programme',
      one.code,
      '--unit',
      one.unit,
      '--k',
      '50',
      '--out',
      'below.age',
    );
    const logged = () => {
      const sqlite = new Database(db, { readonly: true });
      try {
        return sqlite.prepare<[], { reason: string | null }>('select below_k_reason as reason from export_log order by created_at desc, rowid desc').all();
      } finally {
        sqlite.close();
      }
    };
    const before = leftovers();
    const logBefore = logged().length;
    expectOneLine(komet(narrow), 1, /för få deltagare.*under k med en skriven motivering/);
    expectOneLine(komet([...narrow, '--allow-below-k']), 2, /--allow-below-k kräver en skriven motivering med --reason/);
    expectOneLine(komet([...narrow, '--reason', 'Etikprövad studie behöver detta']), 2, /--reason gäller bara med --allow-below-k/);
    expectOneLine(komet([...narrow, '--allow-below-k', '--reason', 'kort']), 1, /minst 10 tecken/);
    expect(leftovers()).toEqual(before);
    expect(logged()).toHaveLength(logBefore);

    const reason = 'Etikprövad studie 2026-01234 behöver exakta uppgifter';
    const r = komet([...narrow, '--allow-below-k', '--reason', reason]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/UNDER k \/ BELOW k/);
    expect(logged()[0]!.reason).toBe(reason);
    const opened = komet(['open-export', 'below.age', '--identity', keys[0]!.file, '--out', 'below-opened']);
    expect(opened.code, opened.stderr).toBe(0);
    const manifest = readJson<{ disclosure: { belowKReason: string; kAnonymity: { k: number; enforced: boolean } } }>(
      path.join(dir, 'below-opened', 'manifest.json'),
    );
    expect(manifest.disclosure.belowKReason).toBe(reason);
    expect(manifest.disclosure.kAnonymity).toMatchObject({ k: 50, enforced: false });
  });

  it('refuses missing, conflicting and malformed export arguments before opening the database', () => {
    const before = leftovers();
    const recipient = keys[0]!.publicKey;
    expectOneLine(komet(exportTo('--out', 'x.age')), 2, /ange --recipient eller --passphrase-env/);
    expectOneLine(komet(exportTo('--recipient', recipient, '--passphrase-env', 'FOU_PASS', '--out', 'x.age'), { FOU_PASS: passphrase }), 2, /inte båda/);
    expectOneLine(komet(exportTo('--recipient', recipient)), 2, /--out saknas/);
    expectOneLine(komet(exportTo('--passphrase-env', 'FOU_UNSET', '--out', 'x.age')), 2, /FOU_UNSET är inte satt/);
    expectOneLine(komet(exportTo('--recipient', recipient, '--out', 'x.age', '--period', 'day')), 2, /--period/);
    expectOneLine(komet(exportTo('--recipient', recipient, '--out', 'x.age', '--k', '1')), 2, /--k/);
    // A passphrase is never an argument: it would land in the shell history.
    expectOneLine(komet(exportTo('--recipient', recipient, '--out', 'x.age', '--passphrase', passphrase)), 2, /Felaktiga argument/);
    expectOneLine(komet(exportTo('--recipient', recipient, '--out', 'x.age', '--programme', 'Finns Ej')), 2, /Programmet "Finns Ej" finns inte/);
    expectOneLine(komet(exportTo('--recipient', recipient, '--out', 'x.age', '--unit', 'Ingenstans')), 2, /Enheten "Ingenstans" finns inte/);
    expect(leftovers()).toEqual(before);
  });

  it('refuses bad keys, a short passphrase, an empty scope and an unwritable or taken output; writes nothing', () => {
    const before = leftovers();
    const recipient = keys[0]!.publicKey;
    expectOneLine(komet(exportTo('--recipient', recipient.slice(0, 40), '--out', 'x.age')), 1, /Mottagarnyckel 1 är inte en giltig age-nyckel/);
    const secret = fs
      .readFileSync(keys[0]!.file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-'))!;
    expectOneLine(komet(exportTo('--recipient', recipient, '--recipient', secret, '--out', 'x.age')), 1, /Mottagarnyckel 2 är inte en giltig age-nyckel/);
    expectOneLine(komet(exportTo('--passphrase-env', 'FOU_PASS', '--out', 'x.age'), { FOU_PASS: 'elva tecken' }), 1, /minst 12 tecken/);
    expectOneLine(komet(exportTo('--recipient', recipient, '--out', 'x.age', '--from', '2099-01-01')), 1, /inga grupper att exportera/);
    expectOneLine(komet(exportTo('--recipient', recipient, '--out', path.join('no-such-folder', 'x.age'))), 1, /går inte att skriva/);
    expect(leftovers()).toEqual(before);

    // An existing file is never overwritten, and no temporary file is left beside it.
    fs.writeFileSync(path.join(dir, 'taken.age'), 'not mine');
    expectOneLine(komet(exportTo('--recipient', recipient, '--out', 'taken.age')), 1, /finns redan en fil/);
    expect(fs.readFileSync(path.join(dir, 'taken.age'), 'utf8')).toBe('not mine');
    expect(leftovers().sort()).toEqual([...before, 'taken.age'].sort());
    fs.rmSync(path.join(dir, 'taken.age'));
  });

  it('refuses every bad open-export argument and damaged file, leaving no folder behind', () => {
    const key = keys[0]!.file;
    expectOneLine(komet(['open-export', '--identity', key, '--out', 'o']), 2, /precis en exportfil/);
    expectOneLine(komet(['open-export', 'narrow.age', '--out', 'o']), 2, /--identity eller --passphrase-env/);
    expectOneLine(
      komet(['open-export', 'narrow.age', '--identity', key, '--passphrase-env', 'FOU_PASS', '--out', 'o'], { FOU_PASS: passphrase }),
      2,
      /--identity eller --passphrase-env/,
    );
    expectOneLine(komet(['open-export', 'narrow.age', '--identity', key]), 2, /--out saknas/);
    expectOneLine(komet(['open-export', 'narrow.age', '--passphrase-env', 'FOU_UNSET', '--out', 'o']), 2, /FOU_UNSET är inte satt/);

    const other = path.join(dir, 'other-key.txt');
    expect(komet(['keygen', '--out', other]).code).toBe(0);
    expectOneLine(komet(['open-export', 'narrow.age', '--identity', other, '--out', 'o']), 1, /kan inte öppnas med den här nyckeln/);
    fs.writeFileSync(other, '# not a key\nhello\n');
    expectOneLine(komet(['open-export', 'narrow.age', '--identity', other, '--out', 'o']), 1, /ingen giltig age-nyckel/);
    fs.rmSync(other);

    const bytes = fs.readFileSync(path.join(dir, 'narrow.age'));
    fs.writeFileSync(path.join(dir, 'truncated.age'), bytes.subarray(0, bytes.length - 100));
    expectOneLine(komet(['open-export', 'truncated.age', '--identity', key, '--out', 'o']), 1, /skadad, ändrad eller ofullständig/);
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 50]! ^= 1;
    fs.writeFileSync(path.join(dir, 'tampered.age'), tampered);
    expectOneLine(komet(['open-export', 'tampered.age', '--identity', key, '--out', 'o']), 1, /skadad, ändrad eller ofullständig/);
    fs.writeFileSync(path.join(dir, 'plain.age'), 'just text\n');
    expectOneLine(komet(['open-export', 'plain.age', '--identity', key, '--out', 'o']), 1, /ingen krypterad Komet-export/);
    expectOneLine(komet(['open-export', 'missing.age', '--identity', key, '--out', 'o']), 1, /finns inte eller kan inte läsas/);
    expect(fs.existsSync(path.join(dir, 'o'))).toBe(false);

    // An existing folder with files in it is never written into.
    expectOneLine(komet(['open-export', 'narrow.age', '--identity', key, '--out', 'opened-0']), 1, /.+/);
    expect(fs.readdirSync(path.join(dir, 'opened-0'))).toHaveLength(13);
  });
});
