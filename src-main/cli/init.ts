import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp, line } from './common';

export const help = `Användning / Usage: komet init [--db SÖKVÄG] [--user NAMN] [--unencrypted] [--fresh]

Skapar en krypterad databas med lösenfrasen i miljövariabeln KOMET_PASSPHRASE (minst 12 tecken),
skriver ut sökvägen och återställningsnyckeln, som bara visas den här gången. En befintlig
okrypterad databas krypteras på plats, och dess okrypterade säkerhetskopior med den; en befintlig
krypterad uppdateras till den här versionen. Finns det säkerhetskopior men ingen databas föreslås
komet restore i stället; --fresh börjar om bredvid dem (de behålls och gallras aldrig). En
databas som saknas bredvid sin nyckelfil skapas aldrig på nytt: den återställs.
Creates an encrypted database with the passphrase in the environment variable KOMET_PASSPHRASE
(at least 12 characters) and prints its path and the recovery key, shown this once only. An
existing unencrypted database is encrypted in place, and its unencrypted backups with it; an
encrypted one is migrated. If there are backups but no database, komet restore is offered
instead; --fresh starts anew beside them (they are kept and never thinned out). A database
missing beside its key file is never created anew: it is restored.

${dbOptionHelp}
  --user NAMN     ditt namn i ändringsloggen (standard: datorns användarnamn)
                  your name in the audit log (default: the computer's user name)
  --unencrypted   skapa en okrypterad databas, bara för demo och mätningar
                  create an unencrypted database, for demos and benchmarks only
  --fresh         börja om trots säkerhetskopior i backups/ (de behålls)
                  start anew although backups/ holds backups (they are kept)
${helpOptionHelp}`;

function osUserName(): string {
  try {
    return os.userInfo().username || 'Komet';
  } catch {
    return 'Komet';
  }
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...baseOptions, user: { type: 'string' }, unencrypted: { type: 'boolean', default: false }, fresh: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  // Loaded after --help so help stays instant.
  const [{ withApp, passphraseFromEnv, needPassphrase }, { vaultStatus }, { createRuntime }, { backupNames, backupsDirOf }] = await Promise.all([
    import('./app'),
    import('../core/vault'),
    import('../app/runtime'),
    import('../core/backup'),
  ]);
  const databasePath = databasePathFrom(values.db);
  const dataDir = path.dirname(databasePath);
  const status = vaultStatus(dataDir, databasePath);
  const earlier = status.state === 'new' ? backupNames(backupsDirOf(dataDir)) : [];
  if (earlier.length > 0 && !values.fresh) {
    const newest = path.join(backupsDirOf(dataDir), earlier[0]!.name);
    throw new CliFailure({
      sv: `Mappen har ${earlier.length} säkerhetskopior men ingen databas. Återställ den senaste med lösenfrasen som gällde när den gjordes: KOMET_PASSPHRASE=… komet restore --db ${databasePath} --from ${newest}. Eller börja om bredvid dem med komet init --fresh (de behålls).`,
      en: `The folder has ${earlier.length} backups but no database. Restore the newest with the passphrase that was current when it was made: KOMET_PASSPHRASE=… komet restore --db ${databasePath} --from ${newest}. Or start anew beside them with komet init --fresh (they are kept).`,
    });
  }

  if (values.unencrypted) {
    if (status.state === 'locked') {
      throw new CliFailure({
        sv: 'Databasen är redan krypterad; --unencrypted gäller bara nya databaser.',
        en: 'The database is already encrypted; --unencrypted applies to new databases only.',
      });
    }
    await withApp(databasePath, () => undefined, { createPlain: true });
    console.log(databasePath);
    return 0;
  }

  const passphrase = passphraseFromEnv();
  if (!passphrase) throw needPassphrase();
  if (status.state === 'locked' || status.state === 'damaged') {
    // Already set up: open it (which migrates) with the passphrase, and print the path.
    await withApp(databasePath, () => undefined);
    console.log(databasePath);
    return 0;
  }
  const { unwrap } = await import('./app');
  const runtime = createRuntime({ databasePath, shell: 'cli', backupCheckMs: 0 });
  try {
    const userName = values.user ?? osUserName();
    const {
      recoveryKey,
      backupsEncrypted = 0,
      backupsRemoved = 0,
    } = unwrap<{ recoveryKey: string; backupsEncrypted?: number; backupsRemoved?: number }>(
      await runtime.call('vault.setup', { userName, passphrase, passphraseRepeat: passphrase }),
    );
    console.log(databasePath);
    if (backupsEncrypted > 0 || backupsRemoved > 0) {
      console.log(
        line({
          sv: `${backupsEncrypted} säkerhetskopi${backupsEncrypted === 1 ? 'a' : 'or'} från tiden utan kryptering är nu krypterad${backupsEncrypted === 1 ? '' : 'e'} med samma lösenfras${backupsRemoved ? `; ${backupsRemoved} som inte kunde läsas skrevs över och togs bort` : ''}.`,
          en: `${backupsEncrypted} backup${backupsEncrypted === 1 ? '' : 's'} from before encryption ${backupsEncrypted === 1 ? 'is' : 'are'} now encrypted with the same passphrase${backupsRemoved ? `; ${backupsRemoved} that could not be read were overwritten and removed` : ''}.`,
        }),
      );
    }
    console.log(line({ sv: `Återställningsnyckel: ${recoveryKey}`, en: `Recovery key: ${recoveryKey}` }));
    console.log(
      line({
        sv: 'Skriv ut eller skriv av nyckeln och förvara den säkert. Den visas bara nu och öppnar databasen om lösenfrasen glöms.',
        en: 'Print or copy the key and keep it safe. It is shown only now and opens the database if the passphrase is forgotten.',
      }),
    );
  } finally {
    runtime.close();
  }
  return 0;
}
