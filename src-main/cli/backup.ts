import path from 'node:path';
import { parseArgs } from 'node:util';
import { baseOptions, databasePathFrom, dbOptionHelp, helpOptionHelp, line } from './common';

export const help = `Användning / Usage: komet backup [--db SÖKVÄG] [--out FIL]

Gör en verifierad säkerhetskopia: en konsekvent kopia (krypterad med samma nyckel) som öppnas
igen och integritetskontrolleras innan den får sitt namn. Utan --out hamnar den i datamappens
backups/ och gamla kopior gallras (7 dagliga, 4 veckovisa, 12 månatliga).
Makes a verified backup: a consistent copy (encrypted with the same key) that is reopened and
integrity-checked before it gets its name. Without --out it goes into the data folder's backups/
and old copies are thinned out (7 daily, 4 weekly, 12 monthly).

${dbOptionHelp}
  --out FIL       skriv kopian till exakt den här filen (skrivs aldrig över)
                  write the copy to exactly this file (never overwritten)
${helpOptionHelp}

En krypterad databas öppnas med KOMET_PASSPHRASE. / An encrypted database opens with KOMET_PASSPHRASE.`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...baseOptions, out: { type: 'string' } }, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const [{ withApp }, { backupNow, backupsDirOf, pruneBackups }, { keyFilePath }] = await Promise.all([
    import('./app'),
    import('../core/backup'),
    import('../core/vault'),
  ]);
  const databasePath = databasePathFrom(values.db);
  const info = await withApp(databasePath, (app, db) => {
    const dir = backupsDirOf(db.dataDir);
    const made = backupNow(app.db, {
      dir,
      reason: 'manual',
      ...(db.key ? { key: db.key, keyFile: keyFilePath(db.dataDir) } : {}),
      ...(values.out ? { file: path.resolve(values.out) } : {}),
    });
    if (!values.out) pruneBackups(dir, new Date());
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
