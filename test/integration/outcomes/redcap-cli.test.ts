import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKomet } from '../../helpers/cli';
import { createTestApp, makeTempDir } from '../../helpers/db';

const komet = (args: string[]) => runKomet(args, { KOMET_PASSPHRASE: '' }, { timeoutMs: 120_000 });

let dir: string;
let db: string;
beforeAll(() => {
  dir = makeTempDir('komet-cli-redcap-');
  const t = createTestApp({ dir });
  db = t.app.databasePath;
  // The test app's close() removes its folder; the CLI needs the file, so only the database closes.
  t.app.close();
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const dictionary = [
  '"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels","Field Note"',
  'record_id,trivsel,,text,"Record ID",,',
  't1,trivsel,,radio,"Trivs barnet?","1, Nej | 2, Ibland | 3, Ja",',
].join('\n');

describe('komet instruments import with a REDCap data dictionary', { timeout: 300_000 }, () => {
  it('reads it with the code, name, respondent and licence given as flags, naming the skipped fields', () => {
    const file = path.join(dir, 'datalexikon.csv');
    fs.writeFileSync(file, dictionary);
    const missing = komet(['instruments', 'import', file, '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('The file is a REDCap data dictionary.');
    const meta = ['--code', 'TRIV-RC', '--version', '1', '--name-sv', 'Trivsel', '--name-en', 'Wellbeing', '--respondent', 'parent'];
    const licence = ['--licence-holder', 'Forskargruppen', '--licence-terms', 'Fri att använda.'];
    const r = komet(['instruments', 'import', file, ...meta, ...licence, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Inläst / Imported: TRIV-RC version 1');
    expect(r.stdout).toContain('skipped record_id: the field type "text" is not a question with coded answers');
    const list = komet(['instruments', 'list', '--db', db, '--json']);
    expect((JSON.parse(list.stdout) as { code: string; items: number; itemTextsIncluded: boolean }[]).find((i) => i.code === 'TRIV-RC')).toMatchObject({
      items: 1,
      itemTextsIncluded: false,
    });
  });
});
