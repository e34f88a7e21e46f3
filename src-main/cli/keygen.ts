import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir';
import { appVersion } from '../app/version';
import { CliFailure, helpOptionHelp, line } from './common';

export const help = `Användning / Usage: komet keygen --out NYCKELFIL

Skapar en age-nyckel (X25519) för att ta emot FoU-exporter. Den hemliga nyckeln sparas i NYCKELFIL
(samma format som age-keygen, läsbar endast för dig); den publika nyckeln skrivs ut och är den du
skickar till den som exporterar. Befintliga filer skrivs aldrig över.
Creates an age key (X25519) for receiving evaluation exports. The secret key is saved in KEYFILE
(age-keygen's format, readable by you only); the public key is printed: send it to whoever exports.
Existing files are never overwritten.

  --out NYCKELFIL  filen för den hemliga nyckeln / the file for the secret key
${helpOptionHelp}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' }, out: { type: 'string' } }, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  if (!values.out) throw new CliFailure({ sv: '--out saknas', en: '--out is missing' }, 2);
  const { exportFileService } = await import('../core/services/export-files');
  const key = await exportFileService().keygen(
    { outPath: path.resolve(values.out) },
    { actor: 'cli', shell: 'cli', dataDir: defaultDataDir(), appVersion: appVersion() },
    new Date().toISOString(),
  );
  // Only the public key on stdout, so scripts can capture it.
  console.log(key.publicKey);
  console.error(
    line({ sv: `Hemlig nyckel sparad i ${key.file}; skicka den publika nyckeln ovan.`, en: `Secret key saved in ${key.file}; send the public key above.` }),
  );
  return 0;
}
