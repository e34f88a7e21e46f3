// scores.csv written by its own thread and connection (core/export/scores-thread.ts): the same
// bytes as the export's own thread writes, checksummed in the manifest, and an export whose
// second reader cannot open the database fails rather than writing the file some other way. The
// thread then makes pages of responses.csv; that file too is the same.
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportRunInput } from '../../src-main/contract/schemas/export';
import { noAudit } from '../../src-main/core/audit';
import { fixedClock } from '../../src-main/core/clock';
import { createServices } from '../../src-main/core/services';
import type { ExportEnv } from '../../src-main/core/services/export';
import { ageDecryptWithIdentity, ageMissingReason, requireTool } from '../helpers/age-cli';
import { createTestApp, makeTempDir, type TestApp } from '../helpers/db';
import { addDemoData } from '../../src-main/core/demo/add-demo';
import { addParticipant, groupWith } from './participants-fixtures';
import { importTrivsel } from './outcomes/fixtures';

const haveAge = requireTool(ageMissingReason(), 'scores.csv from its own thread, read with the age CLI');
const now = '2025-06-30T10:00:00.000Z';

let t: TestApp;
let dir: string;
beforeEach(() => {
  t = createTestApp({ now });
  dir = makeTempDir('komet-scores-thread-');
});
afterEach(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = (): ExportEnv => ({ actor: 'test', shell: 'test', dataDir: t.dir, appVersion: '0.0.0-test' });

function unpack(file: string, identity: string): Record<string, Uint8Array> {
  const zipFile = `${file}.zip`;
  ageDecryptWithIdentity(file, identity, zipFile);
  return unzipSync(new Uint8Array(fs.readFileSync(zipFile)));
}

/** The app's export (scores.csv from the second reader) and the same database's export with all on this thread, unpacked. */
async function bothWays(): Promise<{ threaded: Record<string, Uint8Array>; single: Record<string, Uint8Array>; file: string; identity: string }> {
  const key = await t.ok('export.keygen', { outPath: path.join(dir, 'key.txt') });
  const input = { scope: {}, belowKReason: 'Test av trådens fil', recipientKeys: [key.publicKey] };
  const threaded = await t.ok('export.run', { ...input, outPath: path.join(dir, 'threaded.age') });
  // The same database and pseudonym key, services without a second reader.
  const single = createServices(t.app.db, { clock: fixedClock(now), audit: noAudit });
  await single.exporter.run(exportRunInput.parse({ ...input, outPath: path.join(dir, 'single.age') }), env());
  return { threaded: unpack(threaded.file, key.file), single: unpack(path.join(dir, 'single.age'), key.file), file: threaded.file, identity: key.file };
}

/** Two groups, people in each, answers at two time points: scores.csv holds rows of several groups and people. */
async function answered(): Promise<void> {
  await importTrivsel(t);
  for (let g = 0; g < 2; g++) {
    const { group } = await groupWith(t, 4);
    for (let p = 0; p < 6; p++) {
      const person = await addParticipant(t, group.id, { displayName: `Person ${g}-${p}` });
      await t.ok('responses.record', {
        participantId: person.id,
        instrument: 'TRIVSEL',
        timepoint: 'pre',
        date: '2025-02-24',
        enteredBy: 'Anna Lind',
        answers: { t1: 1 + ((p + g) % 5), t2: 2, t3: p % 2 ? null : 3, t4: 4 },
      });
      if (p % 2 === 0) {
        await t.ok('responses.record', {
          participantId: person.id,
          instrument: 'TRIVSEL',
          timepoint: 'post',
          date: '2025-04-07',
          enteredBy: 'Anna Lind',
          answers: { t1: 5, t2: 1 + (p % 5), t3: 4, t4: null },
        });
      }
    }
  }
}

describe.skipIf(!haveAge)('scores.csv from its own thread', { timeout: 120_000 }, () => {
  it('holds the same bytes as when the export reads it itself, and the manifest checksums them', async () => {
    await answered();
    const { threaded: a, single: b, file, identity } = await bothWays();
    const scores = strFromU8(a['scores.csv']!);
    // Two groups × six people × a pre answer, three of them also post, two scales each.
    expect(scores.trim().split('\r\n')).toHaveLength(1 + 2 * (6 + 3) * 2);
    expect(a['scores.csv']).toEqual(b['scores.csv']);
    for (const name of Object.keys(b).filter((n) => n.endsWith('.csv'))) expect(a[name], name).toEqual(b[name]);
    const manifest = (files: Record<string, Uint8Array>) =>
      (JSON.parse(strFromU8(files['manifest.json']!)) as { files: { name: string }[] }).files.find((f) => f.name === 'scores.csv');
    expect(manifest(a)).toEqual(manifest(b));
    // Öppna export checks every file against the manifest.
    await t.ok('export.open', { file, identityFile: identity, outDir: path.join(dir, 'opened') });
  });

  it('writes the scores of a person enrolled in two groups under both, as the export thread itself does', async () => {
    await importTrivsel(t);
    const { group: first } = await groupWith(t, 4);
    const { group: second } = await groupWith(t, 4, { startDate: '2025-03-05' });
    const answer = (participantId: string, timepoint: 'pre' | 'post', date: string) =>
      t.ok('responses.record', { participantId, instrument: 'TRIVSEL', timepoint, date, enteredBy: 'Anna Lind', answers: { t1: 3, t2: 2, t3: 4, t4: 1 } });
    const people = [];
    for (let p = 0; p < 4; p++) people.push(await addParticipant(t, p < 2 ? first.id : second.id, { displayName: `Person ${p}` }));
    for (const person of people) await answer(person.id, 'pre', '2025-02-24');
    // Person 0 answers in the first group, moves, and answers again in the second.
    const moved = await t.ok('participants.move', { id: people[0]!.id, toGroupId: second.id, enrolmentDate: '2025-03-04' });
    await answer(moved.id, 'post', '2025-04-07');
    const { threaded: a, single: b } = await bothWays();
    expect(a['scores.csv']).toEqual(b['scores.csv']);
    const rows = strFromU8(a['scores.csv']!)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    // Five answers, two scales each; the moved person's rows under two groups.
    expect(rows).toHaveLength(5 * 2);
    const groupsOf = new Map<string, Set<string>>();
    for (const [person, group] of rows) groupsOf.set(person!, (groupsOf.get(person!) ?? new Set()).add(group!));
    expect([...groupsOf.values()].map((g) => g.size).sort()).toEqual([1, 1, 1, 2]);
  });

  it('writes responses.csv, whose pages both threads make, as the export thread alone writes it', async () => {
    // Some 170 groups with answers: several pages of responses.csv (response-pages.ts).
    addDemoData(t.app.db, { scale: 1, seed: 6, today: '2025-06-30' });
    const { threaded: a, single: b } = await bothWays();
    expect(strFromU8(a['responses.csv']!).split('\r\n').length).toBeGreaterThan(10_000);
    for (const name of Object.keys(b).filter((n) => n.endsWith('.csv'))) expect(a[name], name).toEqual(b[name]);
  });

  it('fails, and writes no file, when the second reader cannot open the database', async () => {
    await answered();
    const key = await t.ok('export.keygen', { outPath: path.join(dir, 'key.txt') });
    const broken = createServices(t.app.db, { clock: fixedClock(now), audit: noAudit, secondReader: { databasePath: path.join(dir, 'none.db'), key: null } });
    const outPath = path.join(dir, 'broken.age');
    const input = exportRunInput.parse({ scope: {}, belowKReason: 'Test av trådens fil', recipientKeys: [key.publicKey], outPath });
    await expect(broken.exporter.run(input, env())).rejects.toThrow();
    expect(fs.existsSync(outPath)).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.includes('broken'))).toEqual([]);
    expect(broken.exporter.log({ limit: 1 })[0]!.status).toBe('failed');
  });
});
