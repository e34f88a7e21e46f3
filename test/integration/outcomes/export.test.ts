import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ageDecryptWithIdentity, ageMissingReason, requireTool } from '../../helpers/age-cli';
import { createTestApp, makeTempDir, type TestApp } from '../../helpers/db';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel } from './fixtures';

const haveAge = requireTool(ageMissingReason(), 'questionnaire files in the export, read with the age CLI');

let t: TestApp;
let dir: string;
beforeEach(() => {
  t = createTestApp({ now: '2025-06-30T10:00:00.000Z' });
  dir = makeTempDir('komet-outcomes-export-');
});
afterEach(() => {
  t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rows = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

/** Exports everything below k (three people cannot reach k = 5) and reads the package as an evaluator would: age -d, then unzip. */
async function exportAndOpen(): Promise<Record<string, string>> {
  const key = await t.ok('export.keygen', { outPath: path.join(dir, 'key.txt') });
  const run = await t.ok('export.run', { scope: {}, belowKReason: 'Test av enkätfilerna', recipientKeys: [key.publicKey], outPath: path.join(dir, 'out.age') });
  const zipFile = path.join(dir, 'out.zip');
  ageDecryptWithIdentity(run.file, key.file, zipFile);
  const files = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(fs.readFileSync(zipFile)))).map(([name, bytes]) => [name, strFromU8(bytes)]));
  // Öppna export checks every file against the manifest: the new files pass it too.
  const opened = await t.ok('export.open', { file: run.file, identityFile: key.file, outDir: path.join(dir, 'opened') });
  expect(fs.readdirSync(opened.outDir).sort()).toEqual(Object.keys(files).sort());
  return files;
}

describe.skipIf(!haveAge)('questionnaires in the FoU export', { timeout: 120_000 }, () => {
  it('holds item answers with days from the group start, scores at full precision and the definitions without texts, for consenting people only', async () => {
    await importTrivsel(t);
    // The group starts on Monday 2025-03-03.
    const { group } = await groupWith(t, 4);
    const anna = await addParticipant(t, group.id, { displayName: 'Anna Svensson' });
    const bo = await addParticipant(t, group.id, { displayName: 'Bo Ek' });
    const declined = await addParticipant(t, group.id, { displayName: 'Cia Berg', consent: 'no' });
    const record = (participantId: string, timepoint: string, date: string, answers: Record<string, number | null>) =>
      t.ok('responses.record', { participantId, instrument: 'TRIVSEL', timepoint, date, enteredBy: 'Anna Lind', answers });
    await record(anna.id, 'pre', '2025-02-24', { t1: 4, t2: 2, t3: null, t4: 3 });
    await record(anna.id, 'post', '2025-04-07', { t1: 5, t2: 1, t3: 5, t4: 5 });
    // Bo's answers come from a response file.
    const imported = await t.ok('responses.import', {
      text: `participant_id,instrument,timepoint,date,t1,t2,t3,t4\n${bo.id},TRIVSEL,pre,2025-03-03,1,,,1\n`,
      dryRun: false,
      enteredBy: 'Anna Lind',
    });
    expect(imported.imported).toBe(1);
    await record(declined.id, 'pre', '2025-02-24', { t1: 3, t2: 3, t3: 3, t4: 3 });

    const files = await exportAndOpen();
    const people = rows(files['participants.csv']!);
    expect(people).toHaveLength(2);
    const pseudonyms = new Set(people.map((p) => p.participant_id));

    const answers = rows(files['responses.csv']!);
    // Three responses of four items from the two consenting people; Cia's is not in the file.
    expect(answers).toHaveLength(12);
    expect(new Set(answers.map((a) => a.participant_id))).toEqual(pseudonyms);
    const annaId = answers.find((a) => a.timepoint === 'post')!.participant_id;
    // 2025-02-24 is 7 days before the start, 2025-04-07 35 days after, 2025-03-03 the start itself.
    // Anna's were typed into the form, Bo's imported from a file.
    expect(answers.filter((a) => a.participant_id === annaId).map((a) => [a.timepoint, a.days_from_start, a.source, a.item, a.value])).toEqual([
      ['post', '35', 'form', 't1', '5'],
      ['post', '35', 'form', 't2', '1'],
      ['post', '35', 'form', 't3', '5'],
      ['post', '35', 'form', 't4', '5'],
      ['pre', '-7', 'form', 't1', '4'],
      ['pre', '-7', 'form', 't2', '2'],
      ['pre', '-7', 'form', 't3', ''],
      ['pre', '-7', 'form', 't4', '3'],
    ]);
    expect(answers.filter((a) => a.participant_id !== annaId).map((a) => [a.timepoint, a.days_from_start, a.source, a.item, a.value])).toEqual([
      ['pre', '0', 'import', 't1', '1'],
      ['pre', '0', 'import', 't2', ''],
      ['pre', '0', 'import', 't3', ''],
      ['pre', '0', 'import', 't4', '1'],
    ]);
    expect(new Set(answers.map((a) => [a.instrument, a.version, a.group_id].join()))).toEqual(new Set([['TRIVSEL', '1', people[0]!.group_id].join()]));

    // Anna pre: t2 = 2 reversed is 4; answered 4, 4, 3 → mean 11/3 (band 2, Hög), sum 11 × 4 / 3.
    // Anna post: 5, 5 (1 reversed), 5, 5 → mean 5, sum 20. Bo pre: two answers, below minAnswered 3 → blank.
    const scores = rows(files['scores.csv']!);
    // Rows follow the pseudonyms, which are new in every export: compared in name order.
    expect(scores.map((s) => [s.participant_id === annaId ? 'Anna' : 'Bo', s.timepoint, s.scale, s.score, s.band]).sort()).toEqual([
      ['Anna', 'post', 'mean', '5', '2'],
      ['Anna', 'post', 'sum', '20', ''],
      ['Anna', 'pre', 'mean', '3.6666666666666665', '2'],
      ['Anna', 'pre', 'sum', '14.666666666666666', ''],
      ['Bo', 'pre', 'mean', '', ''],
      ['Bo', 'pre', 'sum', '', ''],
    ]);

    const instruments = JSON.parse(files['instruments.json']!) as {
      format: string;
      instruments: { code: string; licence: { itemTextsIncluded: boolean }; items: object[] }[];
    };
    expect(instruments.format).toBe('komet-instruments/1');
    expect(instruments.instruments.map((i) => i.code)).toEqual(['TRIVSEL']);
    expect(instruments.instruments[0]!.licence.itemTextsIncluded).toBe(false);
    expect(instruments.instruments[0]!.items).toEqual([
      { code: 't1', min: 1, max: 5, reverse: false },
      { code: 't2', min: 1, max: 5, reverse: true },
      { code: 't3', min: 1, max: 5, reverse: false },
      { code: 't4', min: 1, max: 5, reverse: false },
    ]);

    // Nothing identifying travels with the answers: no names, no exact dates, no item texts.
    for (const name of ['responses.csv', 'scores.csv', 'instruments.json']) {
      for (const secret of ['Anna Svensson', 'Bo Ek', 'Cia Berg', '2025-02-24', '2025-04-07', 'Träffarna var till hjälp', anna.id, bo.id]) {
        expect(files[name], `${secret} in ${name}`).not.toContain(secret);
      }
    }
    const manifest = JSON.parse(files['manifest.json']!) as { files: { name: string; rows?: number }[] };
    expect(manifest.files.filter((f) => ['responses.csv', 'scores.csv', 'instruments.json'].includes(f.name)).map((f) => [f.name, f.rows])).toEqual([
      ['responses.csv', 12],
      ['scores.csv', 6],
      ['instruments.json', undefined],
    ]);
    expect(files['codebook.md']).toContain('`days_from_start`');
    expect(files['codebook.md']).toContain('`source`');
    expect(files['codebook.md']).toContain('Importerad från fil');
  });

  it('leaves the three files out when the scope holds no questionnaire answers, so such a package is as before', async () => {
    const { group } = await groupWith(t, 4);
    await addParticipant(t, group.id);
    const files = await exportAndOpen();
    expect(Object.keys(files).sort()).toEqual([
      'aggregates.csv',
      'attendance.csv',
      'codebook.md',
      'datapackage.json',
      'fidelity.csv',
      'groups.csv',
      'leaders.csv',
      'manifest.json',
      'participants.csv',
      'sessions.csv',
    ]);
  });
});
