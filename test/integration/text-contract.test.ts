// Control characters at the contract: one-line fields (names, labels, titles, contacts) refuse all
// of them; multi-line notes take line feeds, carriage returns and tabs and nothing else. Each
// refusal is a typed validation error in both languages with nothing written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vaultSetup } from '../../src-main/contract/schemas/vault';
import { createTestApp, type TestApp } from '../helpers/db';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

const controls = ['\n', '\r', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028'];

async function expectRefused(name: string, input: unknown, field: string) {
  const before = t.snapshot();
  const error = await t.fail(name, input);
  expect(error.code).toBe('validation');
  const issue = error.issues?.find((i) => i.path === field);
  expect(issue, JSON.stringify(error.issues)).toBeDefined();
  expect(issue!.message.sv).toMatch(/kontrolltecken/);
  expect(issue!.message.en).toMatch(/control characters/);
  expect(t.snapshot()).toBe(before);
}

describe('text fields at the contract', () => {
  it('refuses every control character in names, inside the text (leading and trailing ones are trimmed away)', async () => {
    for (const c of controls) {
      await expectRefused('units.create', { name: `Farsta${c}Enskede`, kind: 'district' }, 'name');
      await expectRefused('staff.create', { name: `Anna${c}Berg`, isLeader: true, isSupervisor: false }, 'name');
    }
    await expectRefused('programmes.create', { name: 'Komet\nny', code: 'ny', audience: 'parents', sessionCount: 10, sessionLengthMinutes: 120 }, 'name');
    expect(vaultSetup.safeParse({ userName: 'Greta\nG', passphrase: 'en lång nog fras', passphraseRepeat: 'en lång nog fras' }).success).toBe(false);
    // A formula after a semicolon has no control character: accepted here, neutralised when exported (see the CSV tests).
    const unit = await t.ok('units.create', { name: "Farsta;=cmd|' /C calc'!A0;", kind: 'district' });
    expect(unit.name).toBe("Farsta;=cmd|' /C calc'!A0;");
  });

  it('takes line breaks and tabs in a multi-line note, and refuses other control characters there', async () => {
    const programme = (await t.ok('programmes.list', {}))[0]!;
    const unit = (await t.ok('units.list', {}))[0]!;
    const leader = await t.ok('staff.create', { name: 'Lea Ledare', isLeader: true, isSupervisor: false });
    const base = { programmeId: programme.id, unitId: unit.id, startDate: '2025-04-01', startTime: '17:30', leaderIds: [leader.id] };
    const group = await t.ok('groups.create', { ...base, note: 'rad ett\r\nrad två\n\tindrag' });
    expect(group.note).toBe('rad ett\r\nrad två\n\tindrag');
    for (const c of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028']) {
      await expectRefused('groups.create', { ...base, note: `rad ett${c}rad två` }, 'note');
    }
    // The venue is one line even though the note beside it is not.
    await expectRefused('groups.create', { ...base, venue: 'Lokal\nB' }, 'venue');
  });
});
