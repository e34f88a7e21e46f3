import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { isExportError } from '../../../src-main/core/export/export-errors';
import { manifestSchema } from '../../../src-main/core/export/manifest';
import { defaultCoarsening, type SourceAttendance } from '../../../src-main/core/export/model';
import { buildPackage, compareUtf8, previewExport } from '../../../src-main/core/export/package';
import { PACKAGE_FILES } from '../../../src-main/core/export/open';
import { participantColumns } from '../../../src-main/core/export/participant-columns';
import { META, TEST_KEY, makeSource, streamToBytes, unzipText } from './fixtures';

const csv = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

async function build(source = makeSource(), coarsening = defaultCoarsening, belowKReason?: string) {
  const built = buildPackage(source, { key: TEST_KEY, coarsening, ...(belowKReason === undefined ? {} : { belowKReason }) }, META);
  const zip = await streamToBytes(built.stream);
  return { built, zip, files: unzipText(zip), manifest: await built.manifest };
}

describe('export package', () => {
  it('holds exactly the package files, manifest last', async () => {
    const { zip, files } = await build();
    expect(Object.keys(files).sort()).toEqual([...PACKAGE_FILES].sort());
    // Local file headers (PK\3\4) in archive order; the name starts 30 bytes in.
    const names: string[] = [];
    const buf = Buffer.from(zip);
    for (let at = buf.indexOf('PK\u0003\u0004'); at >= 0; at = buf.indexOf('PK\u0003\u0004', at + 4)) {
      const length = buf.readUInt16LE(at + 26);
      names.push(buf.toString('utf8', at + 30, at + 30 + length));
    }
    expect([...names].sort()).toEqual([...PACKAGE_FILES].sort());
    expect(names.at(-1)).toBe('manifest.json');
  });

  it('records each file’s SHA-256, size and row count in the manifest', async () => {
    const { files, manifest } = await build();
    expect(manifestSchema.parse(JSON.parse(files['manifest.json']!))).toEqual(manifest);
    expect(manifest.files.map((f) => f.name).sort()).toEqual(PACKAGE_FILES.filter((f) => f !== 'manifest.json').sort());
    for (const f of manifest.files) {
      const bytes = Buffer.from(files[f.name]!, 'utf8');
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(f.bytes).toBe(bytes.length);
      if (f.name.endsWith('.csv')) expect(f.rows).toBe(csv(files[f.name]!).length);
    }
    expect(manifest.pseudonymisation.keyId).toMatch(/^[A-Z2-7]{16}$/);
    expect(manifest.disclosure.kAnonymity.k).toBe(5);
  });

  it('has consenting participants only as rows, and everyone in the aggregates', async () => {
    const source = makeSource({ groups: 8 });
    const { files } = await build(source);
    const consenting = [...source.participants].filter((p) => p.consent === 'yes');
    expect(consenting.length).toBeLessThan(source.participants.length);
    expect(csv(files['participants.csv']!)).toHaveLength(consenting.length);
    const rowIds = new Set(csv(files['participants.csv']!).map((r) => r.participant_id));
    for (const a of csv(files['attendance.csv']!)) expect(rowIds.has(a.participant_id)).toBe(true);
    const reached = [...source.participants].filter((p) => p.status !== 'never_started');
    const totals = csv(files['aggregates.csv']!).filter((r) => r.programme === '*' && r.unit === '*' && r.measure === 'participants');
    const published = totals.filter((r) => r.suppressed === '0').reduce((a, r) => a + Number(r.value), 0);
    expect(published).toBe(reached.length);
  });

  it('blanks suppressed aggregate values and flags them', async () => {
    const { files, manifest } = await build();
    const rows = csv(files['aggregates.csv']!);
    const suppressed = rows.filter((r) => r.suppressed === '1');
    expect(suppressed.length).toBe(manifest.disclosure.suppression.primarySuppressed + manifest.disclosure.suppression.secondarySuppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const r of suppressed) expect(r.value).toBe('');
    // A small count is published only where groups.csv and sessions.csv list every group and
    // session: hiding it there would hide nothing. People are never counted in 1–4.
    const groups = csv(files['groups.csv']!);
    const groupsIn = (r: Record<string, string>) =>
      groups.filter((g) => g.start_period!.startsWith(r.year!) && (r.programme === '*' || g.programme === r.programme) && (r.unit === '*' || g.unit === r.unit))
        .length;
    const small = rows.filter((x) => x.suppressed === '0' && Number(x.value) >= 1 && Number(x.value) <= 4);
    expect(small.some((r) => r.measure === 'groups')).toBe(true);
    for (const r of small) expect(['groups', 'sessions_held']).toContain(r.measure);
    for (const r of small.filter((x) => x.measure === 'groups')) expect(Number(r.value)).toBe(groupsIn(r));
    expect(manifest.disclosure.suppression.publishedAsInRows).toBe(small.length);
  });

  it('follows the coarsening settings in columns and values', async () => {
    // Below k with a reason the files hold exactly the requested detail; enforced exports may go
    // further (see the k-anonymity tests).
    const coarse = await build(makeSource(), { period: 'quarter', ageBands: true, dropUnit: true }, 'Kolumnernas form prövas');
    const header = (name: string) => coarse.files[name]!.split('\r\n')[0]!.split(',');
    expect(header('participants.csv')).not.toContain('unit');
    expect(header('groups.csv')).not.toContain('unit');
    expect(header('participants.csv')).toContain('child_age_band');
    expect(header('participants.csv')).not.toContain('child_age');
    for (const r of csv(coarse.files['participants.csv']!)) expect(r.start_period).toMatch(/^\d{4}-Q[1-4]$/);
    for (const r of csv(coarse.files['sessions.csv']!)) expect(r.period).toMatch(/^\d{4}-Q[1-4]$/);
    const weekly = await build(makeSource(), { ...defaultCoarsening, period: 'week' }, 'Kolumnernas form prövas');
    for (const r of csv(weekly.files['groups.csv']!)) expect(r.start_period).toMatch(/^\d{4}-W\d{2}$/);
  });

  it('enforces k in the files it writes and says how in the manifest', async () => {
    const { files, manifest } = await build(makeSource({ groups: 12 }));
    const k = manifest.disclosure.kAnonymity;
    expect(k.enforced).toBe(true);
    expect(k.before.reachesK).toBe(false);
    expect(manifest.disclosure.belowKReason).toBeNull();
    const qi = manifest.disclosure.quasiIdentifiers;
    expect(qi).toContain('relation');
    const rows = csv(files['participants.csv']!);
    const sizes = new Map<string, number>();
    for (const r of rows) {
      const key = qi.map((c) => r[c]).join('|');
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
    }
    for (const size of sizes.values()) expect(size).toBeGreaterThanOrEqual(k.k);
    expect(k.reached).toBe(Math.min(...sizes.values()));
    const stars = rows.reduce((n, r) => n + Object.values(r).filter((v) => v === '*').length, 0);
    expect(stars).toBe(k.hidden.relation + k.hidden.childAge + k.hidden.childGender);
    expect(files['codebook.md']).toContain('`*`');
  });

  it('exports below k only with a written reason, and refuses when no row can reach k', async () => {
    const source = makeSource({ groups: 1, participantsPerGroup: 4 });
    const below = await build(source, defaultCoarsening, 'Studien har etikgodkännande för exakta åldrar');
    expect(below.manifest.disclosure.belowKReason).toBe('Studien har etikgodkännande för exakta åldrar');
    expect(below.manifest.disclosure.kAnonymity.enforced).toBe(false);
    expect(below.files['codebook.md']).toContain('Studien har etikgodkännande för exakta åldrar');
    const refusal = (run: () => unknown, reason: string) => {
      try {
        run();
        expect.unreachable();
      } catch (e) {
        expect(isExportError(e, reason as never)).toBe(true);
      }
    };
    // One group of a handful of consenting parents: every row would have to be left out.
    refusal(() => buildPackage(source, { key: TEST_KEY, coarsening: defaultCoarsening }, META), 'below_k');
    refusal(() => buildPackage(source, { key: TEST_KEY, coarsening: defaultCoarsening, belowKReason: '   ' }, META), 'below_k_reason');
  });

  it('is byte-for-byte reproducible for the same data, key and timestamp', async () => {
    const a = await build();
    const b = await build();
    expect(createHash('sha256').update(a.zip).digest('hex')).toBe(createHash('sha256').update(b.zip).digest('hex'));
  });

  it('refuses an empty scope with a typed error', () => {
    const source = { ...makeSource(), groups: [], sessions: () => [], participants: participantColumns([]), groupStaff: () => [] };
    try {
      buildPackage(source, { key: TEST_KEY, coarsening: defaultCoarsening }, META);
      expect.unreachable();
    } catch (e) {
      expect(isExportError(e, 'empty_scope')).toBe(true);
      expect((e as { messages: { sv: string } }).messages.sv).toMatch(/Urvalet/);
    }
  });

  it('reads the sessions twice, for the disclosure check and for sessions.csv, and counts held sessions per group', async () => {
    const source = makeSource({ groups: 12, participantsPerGroup: 6, sessionsPerGroup: 10 });
    const inner = source.sessions;
    let reads = 0;
    source.sessions = () => {
      reads++;
      return inner();
    };
    const { files } = await build(source);
    expect(reads).toBe(2);
    const held = [...inner()].filter((s) => s.status === 'held').length;
    expect(held).toBeGreaterThan(0);
    expect(csv(files['groups.csv']!).reduce((sum, g) => sum + Number(g.sessions_held), 0)).toBe(held);
  });

  it('streams: ZIP bytes come out while attendance rows are still being read', async () => {
    const source = makeSource({ groups: 40, participantsPerGroup: 8, sessionsPerGroup: 60 });
    let pulled = 0;
    const inner = source.attendance;
    source.attendance = function* (): Generator<SourceAttendance> {
      for (const row of inner() as Iterable<SourceAttendance>) {
        pulled++;
        yield row;
      }
    };
    const total = [...(inner() as Iterable<SourceAttendance>)].length;
    const reader = buildPackage(source, { key: TEST_KEY, coarsening: defaultCoarsening }, META).stream.getReader();
    const seenWhileReading: number[] = [];
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
      if (pulled > 0 && pulled < total) seenWhileReading.push(pulled);
    }
    expect(pulled).toBe(total);
    expect(seenWhileReading.length).toBeGreaterThan(3);
  });
});

describe("the scores thread's order of groups", () => {
  it('orders ids as their UTF-8 bytes, as SQLite does, astral characters after the rest of the BMP', () => {
    const ids = ['b', 'a', 'ab', '', 'Ä', 'z', 'å', '\uE000', '\uFF1D', '\u{1F600}', '\u{10000}', 'a\u{1F600}', 'a\uFFFF', '0', '~', '\u07FF', '\u0800'];
    const byBytes = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    expect([...ids].sort(compareUtf8)).toEqual(byBytes);
    // Not the code-unit order of a plain sort, which puts U+FF1D after U+1F600's surrogates.
    expect([...ids].sort()).not.toEqual(byBytes);
  });
});

describe('export preview and labels', () => {
  it('previews the same row counts the package then holds', async () => {
    const source = makeSource({ groups: 5 });
    const preview = await previewExport(source, { key: TEST_KEY, coarsening: defaultCoarsening });
    const { manifest } = await build(source);
    for (const f of manifest.files.filter((x) => x.rows !== undefined)) expect(preview.rows[f.name]).toBe(f.rows);
    expect(preview.disclosure.kAnonymity).toEqual(manifest.disclosure.kAnonymity);
  });

  it('keeps user-typed labels from running as spreadsheet formulas, and reserves "*"', async () => {
    const source = makeSource();
    source.units[0]!.name = '=HYPERLINK("http://x","klicka")';
    source.programmes[0]!.code = '+fKomet';
    const { files } = await build(source);
    for (const name of ['groups.csv', 'participants.csv', 'aggregates.csv']) {
      for (const row of csv(files[name]!)) {
        for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@]/);
      }
    }
    expect(files['groups.csv']).toContain(`'+fKomet`);
    const reserved = makeSource();
    reserved.units[1]!.name = '*';
    expect(() => buildPackage(reserved, { key: TEST_KEY, coarsening: defaultCoarsening }, META)).toThrow(/reserved/);
  });
});

describe('CSV record counting on open', () => {
  it('counts records, not lines, and agrees with csv-parse', async () => {
    const { countCsvRecords } = await import('../../../src-main/core/export/open');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-count-'));
    const cases = ['a,b\r\n1,2\r\n', 'a,b\r\n"x\r\ny",2\r\n"he said ""hi""",3\r\n', 'a\r\n1', 'a,b\r\n', '"open\r\n'];
    try {
      for (const [n, text] of cases.entries()) {
        const file = path.join(dir, `${n}.csv`);
        fs.writeFileSync(file, text);
        if (text.startsWith('"open')) {
          await expect(countCsvRecords(file)).rejects.toThrow();
          continue;
        }
        expect(await countCsvRecords(file)).toBe(parse(text).length);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
