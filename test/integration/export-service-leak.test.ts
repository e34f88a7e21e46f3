import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeTempDir, type TestApp } from '../helpers/db';
import { groupSetup, makeGroup, makeStaff } from './fixtures';
import { csvRows, keyPair } from './export-service-fixtures';
import { laterNow, markRow } from './participants-fixtures';

/**
 * Distinctive identifying values go into the database through the contract, exactly as a user
 * would type them; none of them, nor a birth year or an exact date, may appear anywhere in the
 * decrypted package or in the export log.
 */

const LEAK = {
  names: ['Zebulon Quixwright', 'Hildegard Mörkvatten', 'Åsa-Britt Trumslagare', 'Pelle Ingenmansland'],
  contacts: ['zebulon.quixwright@example.org', '070-555 12 34', 'hildegard@mörkvatten.example'],
  staff: ['Gunnhild Vasaorm', 'Torbjörn Ekorrsson', 'Ylva Kattfot'],
  venue: 'Lokal Pelikangränd 7',
  groupNote: 'Anteckning Mandragora om familjen',
  cancelReason: 'Snöstorm Ragnarök över Tensta',
  fidelityNote: 'Trohetsnotis Basilisk: pappan grät',
  reasonLabel: 'Flyttade till Kiruna Ovanlig',
  birthYears: ['2016', '2013'],
  dates: ['2025-03-03', '2025-03-11', '2025-03-17', '2025-02-20', '2025-02-21', '2025-02-24'],
};

let t: TestApp;
let dir: string;
beforeEach(() => {
  t = createTestApp({ now: laterNow });
  dir = makeTempDir('komet-export-leak-');
});
afterEach(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function fillWithSecrets() {
  const setup = await groupSetup(t, 4);
  setup.leaders = [await makeStaff(t, { name: LEAK.staff[0] }), await makeStaff(t, { name: LEAK.staff[1] })];
  setup.supervisor = await makeStaff(t, { name: LEAK.staff[2], isLeader: false, isSupervisor: true });
  const group = await makeGroup(t, setup, { venue: LEAK.venue, note: LEAK.groupNote, startDate: '2025-03-03' });
  const first = await t.ok('participants.create', {
    groupId: group.id,
    displayName: LEAK.names[0]!,
    relation: 'mother',
    contact: LEAK.contacts[0],
    enrolmentDate: '2025-02-20',
    consent: 'yes',
    consentDate: '2025-02-21',
    childBirthYear: 2016,
    childGender: 'girl',
  });
  await t.ok('participants.create', {
    groupId: group.id,
    displayName: LEAK.names[1]!,
    relation: 'father',
    contact: LEAK.contacts[1],
    familyId: first.family.id,
    enrolmentDate: '2025-02-20',
    consent: 'yes',
    consentDate: '2025-02-24',
    childBirthYear: 2016,
    childGender: 'girl',
  });
  const third = await t.ok('participants.create', {
    groupId: group.id,
    displayName: LEAK.names[2]!,
    relation: 'other_caregiver',
    contact: LEAK.contacts[2],
    enrolmentDate: '2025-02-24',
    consent: 'yes',
    consentDate: '2025-02-24',
    childBirthYear: 2013,
    childGender: 'boy',
  });
  // Without consent: counted in aggregates only, so the name must not appear either way.
  await t.ok('participants.create', {
    groupId: group.id,
    displayName: LEAK.names[3]!,
    relation: 'mother',
    enrolmentDate: '2025-02-24',
    consent: 'no',
    consentDate: '2025-02-24',
  });

  const [s1, s2, s3] = group.sessions;
  await t.ok('sessions.record', { id: s1!.id, status: 'held', heldDate: '2025-03-03', participantCount: 3 });
  await t.ok('sessions.record', { id: s2!.id, status: 'held', heldDate: '2025-03-11', participantCount: 2 });
  await t.ok('sessions.record', { id: s3!.id, status: 'cancelled', cancelReason: LEAK.cancelReason });
  await markRow(t, group, first.id, 'PP');
  await markRow(t, group, third.id, 'PA');
  const plan = await t.ok('fidelity.get', { sessionId: s1!.id });
  await t.ok('fidelity.record', { sessionId: s1!.id, covered: plan.components.slice(0, 1).map((c) => c.key), note: LEAK.fidelityNote });
  const reason = await t.ok('dropoutReasons.create', { sv: LEAK.reasonLabel, en: LEAK.reasonLabel });
  await t.ok('participants.setStatus', { id: third.id, status: 'dropped_out', reasonId: reason.id, lastSessionNumber: 1 });
}

const secrets = () => [...LEAK.names, ...LEAK.contacts, ...LEAK.staff, LEAK.venue, LEAK.groupNote, LEAK.cancelReason, LEAK.fidelityNote, LEAK.reasonLabel];

describe('export leak test', { timeout: 120_000 }, () => {
  it('no name, contact, note, staff name, birth year or exact date anywhere in the decrypted package or the log', async () => {
    await fillWithSecrets();
    const key = await keyPair(t, dir);
    // Three consenting parents cannot reach k: below k every value is written, the widest surface for a leak.
    const belowKReason = 'Läcktest: allt som kan skrivas ska skrivas';
    const run = await t.ok('export.run', { scope: {}, recipientKeys: [key.publicKey], outPath: path.join(dir, 'leak.age'), belowKReason });
    const opened = await t.ok('export.open', { file: run.file, identityFile: key.file, outDir: path.join(dir, 'opened') });

    // The package is not vacuous: the consenting participants, marks and fidelity are there.
    expect(csvRows(path.join(opened.outDir, 'participants.csv'))).toHaveLength(3);
    expect(csvRows(path.join(opened.outDir, 'attendance.csv'))).toHaveLength(4);
    expect(csvRows(path.join(opened.outDir, 'fidelity.csv')).length).toBeGreaterThan(0);
    expect(csvRows(path.join(opened.outDir, 'leaders.csv'))).toHaveLength(3);
    const dropout = csvRows(path.join(opened.outDir, 'participants.csv')).find((r) => r.status === 'dropped_out');
    expect(dropout?.dropout_reason).toMatch(/^[a-z0-9_]+$/);

    const files = fs.readdirSync(opened.outDir);
    expect(files).toHaveLength(10);
    for (const file of files) {
      const raw = fs.readFileSync(path.join(opened.outDir, file), 'utf8');
      for (const secret of secrets()) expect(raw.toLowerCase().includes(secret.toLowerCase()), `${secret} in ${file}`).toBe(false);
      for (const date of LEAK.dates) expect(raw.includes(date), `${date} in ${file}`).toBe(false);
      // Checksums and the export id are hex and could hold four digits by chance.
      const text = raw.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '').replace(/[0-9a-f]{32,}/g, '');
      for (const year of LEAK.birthYears) expect(text.includes(year), `${year} in ${file}`).toBe(false);
      if (file.endsWith('.csv')) expect(raw, file).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    const log = JSON.stringify(t.app.db.sqlite.prepare('select * from export_log').all());
    for (const secret of [...secrets(), ...LEAK.dates]) expect(log.includes(secret), secret).toBe(false);
    expect(log).toContain(belowKReason);
  });
});
