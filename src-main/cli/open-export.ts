import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir';
import { appVersion } from '../app/version';
import { exportOpenInput } from '../contract/schemas/export';
import { CliFailure, helpOptionHelp, line } from './common';

export const help = `Användning / Usage: komet open-export FIL (--identity NYCKELFIL | --passphrase-env VAR) --out MAPP

Öppnar en FoU-export: dekrypterar, kontrollerar varje fil mot innehållsregistret (manifest.json)
och packar upp CSV-filerna, datapackage.json och kodboken i en ny mapp. En skadad eller ändrad fil
avvisas och lämnar ingenting efter sig. Ingen databas behövs.
Opens an evaluation export: decrypts, verifies every file against the manifest and extracts the
CSV files, datapackage.json and the codebook into a new folder. A damaged or altered file is
rejected and leaves nothing behind. No database is needed.

  --identity NYCKELFIL  age-nyckelfil (från komet keygen eller age-keygen) / age key file
  --passphrase-env VAR  lösenfrasen läses från miljövariabeln VAR / passphrase from environment variable VAR
  --out MAPP            ny eller tom mapp / a new or empty folder
${helpOptionHelp}`;

const fail = (sv: string, en: string) => new CliFailure({ sv, en }, 2);

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { help: { type: 'boolean', short: 'h' }, identity: { type: 'string' }, 'passphrase-env': { type: 'string' }, out: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (positionals.length !== 1) throw fail('ange precis en exportfil', 'give exactly one export file');
  if (!values.out) throw fail('--out saknas', '--out is missing');
  if (Boolean(values.identity) === Boolean(values['passphrase-env']))
    throw fail('ange --identity eller --passphrase-env', 'give --identity or --passphrase-env');
  let passphrase: string | undefined;
  if (values['passphrase-env']) {
    passphrase = process.env[values['passphrase-env']];
    if (!passphrase) throw fail(`miljövariabeln ${values['passphrase-env']} är inte satt`, `environment variable ${values['passphrase-env']} is not set`);
  }
  const { exportFileService } = await import('../core/services/export-files');
  const input = exportOpenInput.parse({
    file: path.resolve(positionals[0]!),
    outDir: path.resolve(values.out),
    ...(passphrase === undefined ? { identityFile: path.resolve(values.identity!) } : { passphrase }),
  });
  const opened = await exportFileService().open(input, { actor: 'cli', shell: 'cli', dataDir: defaultDataDir(), appVersion: appVersion() });
  console.log(opened.outDir);
  for (const f of opened.files) console.log(`  ${f.name.padEnd(18)}${f.rows === null ? '' : String(f.rows).padStart(10)}`);
  console.error(
    line({
      sv: `Exporten ${opened.exportId} (skapad ${opened.created}) är kontrollerad och uppackad; läs codebook.md.`,
      en: `Export ${opened.exportId} (created ${opened.created}) is verified and extracted; read codebook.md.`,
    }),
  );
  return 0;
}
