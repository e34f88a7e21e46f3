import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp, line } from './common';

export const help = `Användning / Usage: komet init [--db SÖKVÄG] [--user NAMN] [--unencrypted]

Skapar en krypterad databas med lösenfrasen i miljövariabeln KOMET_PASSPHRASE (minst 12 tecken),
skriver ut sökvägen och återställningsnyckeln, som bara visas den här gången. En befintlig
okrypterad databas krypteras på plats; en befintlig krypterad uppdateras till den här versionen.
Creates an encrypted database with the passphrase in the environment variable KOMET_PASSPHRASE
(at least 12 characters) and prints its path and the recovery key, shown this once only. An
existing unencrypted database is encrypted in place; an encrypted one is migrated.

${dbOptionHelp}
  --user NAMN     ditt namn i ändringsloggen (standard: datorns användarnamn)
                  your name in the audit log (default: the computer's user name)
  --unencrypted   skapa en okrypterad databas, bara för demo och mätningar
                  create an unencrypted database, for demos and benchmarks only
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
    options: { ...baseOptions, user: { type: 'string' }, unencrypted: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  // Loaded after --help so help stays instant.
  const [{ withApp, passphraseFromEnv, needPassphrase }, { vaultStatus }, { createKometGate }] = await Promise.all([
    import('./app'),
    import('../core/vault'),
    import('../app/komet-gate'),
  ]);
  const databasePath = databasePathFrom(values.db);
  const dataDir = path.dirname(databasePath);
  const status = vaultStatus(dataDir, databasePath);

  if (values.unencrypted) {
    if (status.kind === 'ready') {
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
  if (status.kind === 'ready' || status.kind === 'damaged') {
    // Already set up: open it (which migrates) with the passphrase, and print the path.
    await withApp(databasePath, () => undefined);
    console.log(databasePath);
    return 0;
  }
  const { unwrap } = await import('./app');
  const gate = createKometGate({ databasePath, shell: 'cli', backupCheckMs: 0 });
  try {
    const userName = values.user ?? osUserName();
    const { recoveryKey } = unwrap<{ recoveryKey: string }>(
      await gate.call('vault.setup', { userName, passphrase, passphraseRepeat: passphrase }),
    );
    console.log(databasePath);
    console.log(line({ sv: `Återställningsnyckel: ${recoveryKey}`, en: `Recovery key: ${recoveryKey}` }));
    console.log(
      line({
        sv: 'Skriv ut eller skriv av nyckeln och förvara den säkert. Den visas bara nu och öppnar databasen om lösenfrasen glöms.',
        en: 'Print or copy the key and keep it safe. It is shown only now and opens the database if the passphrase is forgotten.',
      }),
    );
  } finally {
    gate.close();
  }
  return 0;
}
