import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Decrypter } from 'age-encryption';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToFile } from '../../src-main/core/export';
import { generateKeyFile, readIdentityFile } from '../../src-main/core/export/encrypt';
import type { Coarsening, ExportSource } from '../../src-main/core/export/model';
import { LEAK, META, TEST_KEY, makeSource } from '../unit/export/fixtures';

/**
 * The package must hold nothing that names a family, a leader or a child: the source is filled
 * with distinctive names, contact details, notes, internal ids, birth years and exact dates, and
 * every one of them is searched for in the decrypted ZIP and in every file inside it.
 */

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'komet-leak-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function forbiddenStrings(source: ExportSource): string[] {
  const out = new Set<string>([LEAK.venue, LEAK.groupNote, LEAK.cancelReason, LEAK.fidelityNote, LEAK.dropoutFreeText, 'Göteborg', 'c0ffee']);
  for (const p of source.participants) {
    for (const v of [p.displayName, p.contact, p.note, p.id, p.familyId, p.enrolledOn]) if (v) out.add(v);
    out.add(LEAK.email(Number(p.id.slice(-4))));
  }
  for (const s of source.groupStaff()) {
    out.add(s.name!);
    out.add(s.staffId);
  }
  for (const g of source.groups) [g.id, g.startDate].forEach((v) => out.add(v));
  for (const s of source.sessions()) [s.id, s.plannedDate, s.heldDate].forEach((v) => v && out.add(v));
  for (const u of source.units) out.add(u.id);
  for (const p of source.programmes) out.add(p.id);
  for (const name of ['Zlatanella', 'Qwertyson', 'Xylofonsson', 'LEAKNOTE', '@example.invalid', '+46 70 555', 'Kvarngatan']) out.add(name);
  return [...out];
}

async function decryptedZip(source: ExportSource, coarsening: Coarsening, name: string): Promise<Uint8Array> {
  const keyFile = path.join(dir, `${name}.key`);
  const { publicKey } = await generateKeyFile(keyFile);
  const out = path.join(dir, `${name}.age`);
  await exportToFile(source, { key: TEST_KEY, coarsening }, META, { recipients: [publicKey] }, out);
  const d = new Decrypter();
  d.addIdentity((await readIdentityFile(keyFile))[0]!);
  return d.decrypt(fs.readFileSync(out));
}

const settings: [string, Coarsening][] = [
  ['month', { period: 'month', ageBands: false, dropUnit: false }],
  ['week', { period: 'week', ageBands: false, dropUnit: false }],
  ['coarse', { period: 'quarter', ageBands: true, dropUnit: true }],
];

describe('nothing identifying leaves in the package', () => {
  const source = makeSource({ groups: 12 });
  const forbidden = forbiddenStrings(source);
  const birthYears = [...new Set([...source.participants].map((p) => p.childBirthYear!))];
  const metaDates = [META.created.slice(0, 10), source.scope.from!, source.scope.to!];

  it('the fixture really contains what is searched for', () => {
    expect(forbidden.length).toBeGreaterThan(200);
    expect([...source.participants].every((p) => p.displayName && p.contact && p.note)).toBe(true);
    expect(birthYears.length).toBeGreaterThan(5);
    // Years the package legitimately holds (group years, creation) must differ from birth years.
    expect(birthYears.some((y) => y >= 2024)).toBe(false);
    for (const d of metaDates) expect(forbidden).not.toContain(d);
  });

  for (const [name, coarsening] of settings) {
    it(`with ${name} settings`, async () => {
      const zip = await decryptedZip(source, coarsening, name);
      const rawZip = Buffer.from(zip).toString('latin1') + Buffer.from(zip).toString('utf8');
      const files = Object.entries(unzipSync(zip)).map(([n, d]) => [n, strFromU8(d)] as const);
      expect(files).toHaveLength(10);
      for (const needle of forbidden) {
        expect(rawZip.includes(needle), `raw zip holds ${needle}`).toBe(false);
        for (const [file, text] of files) expect(text.includes(needle), `${file} holds ${needle}`).toBe(false);
      }
      for (const [file, text] of files) {
        const dates = text.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
        for (const d of dates) expect(metaDates, `${file} holds the exact date ${d}`).toContain(d);
        if (file.endsWith('.csv')) expect(dates, file).toEqual([]);
        const withoutHashes = text.replace(/[0-9a-f]{64}/g, '');
        for (const year of birthYears) expect(new RegExp(`\\b${year}\\b`).test(withoutHashes), `${file} holds birth year ${year}`).toBe(false);
        const keyHex = Buffer.from(TEST_KEY).toString('hex');
        const keyB64 = Buffer.from(TEST_KEY).toString('base64');
        expect(text.includes(keyHex) || text.includes(keyB64), `${file} holds the export key`).toBe(false);
      }
    });
  }

  it('the check would catch a leak (a planted name is found)', async () => {
    const planted = makeSource({ groups: 3 });
    planted.units[0]!.name = LEAK.name(0);
    const zip = await decryptedZip(planted, settings[0]![1], 'planted');
    const texts = Object.values(unzipSync(zip)).map((d) => strFromU8(d));
    expect(texts.some((t) => t.includes(LEAK.name(0)))).toBe(true);
  });
});
