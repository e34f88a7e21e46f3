import path from 'node:path';
import { parseArgs } from 'node:util';
import { baseOptions, databasePathFrom, dbOptionHelp, helpOptionHelp, line } from './common';

export const help = `Användning / Usage: komet backup [--db SÖKVÄG] [--out FIL]

Gör en verifierad säkerhetskopia: en konsekvent kopia (krypterad med samma nyckel) som öppnas
igen och integritetskontrolleras innan den får sitt namn. Bredvid den skrivs dess egen nyckelfil,
FIL.keys.json, så att den kan öppnas för sig med lösenfrasen eller återställningsnyckeln. Utan
--out hamnar den i datamappens backups/ och gamla kopior gallras (7 dagliga, 4 veckovisa, 12
månatliga; dagens kopior behålls alla); kopior från en annan installation rörs aldrig.
Makes a verified backup: a consistent copy (encrypted with the same key) that is reopened and
integrity-checked before it gets its name. Its own key file, FILE.keys.json, is written beside it,
so it opens on its own with the passphrase or recovery key. Without --out it goes into the data
folder's backups/ and old copies are thinned out (7 daily, 4 weekly, 12 monthly; all of today's
are kept); another installation's backups are never touched.

${dbOptionHelp}
  --out FIL       skriv kopian till exakt den här filen (skrivs aldrig över; inte heller en
                  FIL.keys.json för en annan nyckel)
                  write the copy to exactly this file (never overwritten; nor is a FILE.keys.json
                  of another key)
${helpOptionHelp}

En krypterad databas öppnas med KOMET_PASSPHRASE. / An encrypted database opens with KOMET_PASSPHRASE.`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...baseOptions, out: { type: 'string' } }, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const [{ withApp }, { backupNow, backupsDirOf, tidyBackups }] = await Promise.all([import('./app'), import('../core/backup')]);
  const databasePath = databasePathFrom(values.db);
  const info = await withApp(databasePath, (app, db) => {
    const dir = backupsDirOf(db.dataDir);
    const keys = db.key && db.keyFile ? { key: db.key, keyFile: db.keyFile } : {};
    const made = backupNow(app.db, { dir, reason: 'manual', ...keys, ...(values.out ? { file: path.resolve(values.out) } : {}) });
    if (!values.out) tidyBackups(dir, new Date(), keys);
    return made;
  });
  const rows = Object.values(info.counts).reduce((n, c) => n + c, 0);
  console.log(info.file);
  console.log(
    line({
      sv: `Säkerhetskopian är verifierad: ${(info.size / 1024).toFixed(0)} kB, ${rows} rader i ${Object.keys(info.counts).length} tabeller.`,
      en: `The backup is verified: ${(info.size / 1024).toFixed(0)} kB, ${rows} rows in ${Object.keys(info.counts).length} tables.`,
    }),
  );
  return 0;
}
