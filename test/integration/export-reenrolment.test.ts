// A person who moves away from a group and back has two enrolments in it; participants.csv holds
// the person once in that group, and every file keyed by person and group must too.
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportRunInput } from '../../src-main/contract/schemas/export';
import { noAudit } from '../../src-main/core/audit';
import { fixedClock } from '../../src-main/core/clock';
import { createServices } from '../../src-main/core/services';
import { ageDecryptWithIdentity, ageMissingReason, requireTool } from '../helpers/age-cli';
import { createTestApp, makeTempDir, type TestApp } from '../helpers/db';
import { importTrivsel } from './outcomes/fixtures';
import { addParticipant, groupWith } from './participants-fixtures';

const haveAge = requireTool(ageMissingReason(), 'the export of a person who came back to a group, read with the age CLI');
const now = '2025-06-30T10:00:00.000Z';

let t: TestApp;
let dir: string;
beforeEach(() => {
  // Each write a second after the last, as on a real clock: the stay kept is the one made last.
  let tick = 0;
  t = createTestApp({ clock: { now: () => new Date(Date.parse(now) + 1000 * tick++).toISOString(), today: () => now.slice(0, 10) } });
  dir = makeTempDir('komet-reenrolment-');
});
afterEach(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rowsOf = (files: Record<string, Uint8Array>, name: string) =>
  strFromU8(files[name]!)
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));

describe.skipIf(!haveAge)('a person who moved away from a group and came back', { timeout: 120_000 }, () => {
  it('is in each file once per key', async () => {
    await importTrivsel(t);
    const { group: first } = await groupWith(t, 4);
    const { group: second } = await groupWith(t, 4, { startDate: '2025-03-05' });
    const answer = (participantId: string, timepoint: 'pre' | 'post', date: string, t1: number) =>
      t.ok('responses.record', { participantId, instrument: 'TRIVSEL', timepoint, date, enteredBy: 'Anna Lind', answers: { t1, t2: 2, t3: 4, t4: 1 } });
    const person = await addParticipant(t, first.id, { displayName: 'Person som återvände' });
    for (let p = 0; p < 3; p++) await answer((await addParticipant(t, first.id, { displayName: `Person ${p}` })).id, 'pre', '2025-02-24', 2);
    await answer(person.id, 'pre', '2025-02-24', 1);
    const away = await t.ok('participants.move', { id: person.id, toGroupId: second.id, enrolmentDate: '2025-03-04' });
    const back = await t.ok('participants.move', { id: away.id, toGroupId: first.id, enrolmentDate: '2025-03-10' });
    await answer(back.id, 'pre', '2025-03-10', 5);
    await answer(back.id, 'post', '2025-04-07', 4);

    const key = await t.ok('export.keygen', { outPath: path.join(dir, 'key.txt') });
    const input = { scope: {}, belowKReason: 'Test av återkomst', recipientKeys: [key.publicKey] };
    // The app's export, with scores.csv from its own thread; and all on one thread, without a second reader.
    const threaded = await t.ok('export.run', { ...input, outPath: path.join(dir, 'threaded.age') });
    const single = createServices(t.app.db, { clock: fixedClock(now), audit: noAudit });
    const env = { actor: 'test', shell: 'test', dataDir: t.dir, appVersion: '0.0.0-test' } as const;
    await single.exporter.run(exportRunInput.parse({ ...input, outPath: path.join(dir, 'single.age') }), env);
    for (const file of [threaded.file, path.join(dir, 'single.age')]) {
      ageDecryptWithIdentity(file, key.file, `${file}.zip`);
      inspect(unzipSync(new Uint8Array(fs.readFileSync(`${file}.zip`))));
    }
  });
});

/** Every file once per key, and the returning person's answers those of their latest stay. */
function inspect(files: Record<string, Uint8Array>): void {
  const pkg = JSON.parse(strFromU8(files['datapackage.json']!)) as { resources: { path: string; schema: { primaryKey: string[] } }[] };
  for (const resource of pkg.resources) {
    const [head, ...rows] = rowsOf(files, resource.path);
    const at = resource.schema.primaryKey.map((k) => head!.indexOf(k));
    const keys = rows.map((r) => at.map((i) => r[i]).join('|'));
    expect(new Set(keys).size, resource.path).toBe(keys.length);
  }
  // The answers are those of the stay participants.csv describes, the latest: its pre and post.
  const [head, ...answers] = rowsOf(files, 'responses.csv');
  const cell = (row: string[], name: string) => row[head!.indexOf(name)];
  const t1 = (timepoint: string) =>
    answers
      .filter((r) => cell(r, 'item') === 't1' && cell(r, 'timepoint') === timepoint)
      .map((r) => cell(r, 'value'))
      .sort();
  expect(t1('pre')).toEqual(['2', '2', '2', '5']);
  expect(t1('post')).toEqual(['4']);
  // Its scores follow the same answers: one response per key, two scales each.
  expect(rowsOf(files, 'scores.csv').slice(1)).toHaveLength(5 * 2);
}
