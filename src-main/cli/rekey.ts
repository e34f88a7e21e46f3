import path from 'node:path';
import { parseArgs } from 'node:util';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp, line } from './common';

export const help = `Användning / Usage: komet rekey [--db SÖKVÄG]

Byter databasens nyckel, återställningsnyckeln och lösenfrasen på en gång: databasen krypteras om
med en ny slumpad nyckel, och en ny återställningsnyckel skrivs ut, bara den här gången. Den
nuvarande lösenfrasen ges i KOMET_PASSPHRASE och den nya (minst 12 tecken) i KOMET_NEW_PASSPHRASE.
Säkerhetskopiorna behåller sina nycklar men deras nyckelfiler skrivs om: efteråt öppnar den gamla
lösenfrasen och den gamla återställningsnyckeln ingenting, varken databasen eller en kopia.
Stäng Komet först.
Replaces the database's key, the recovery key and the passphrase at once: the database is
re-encrypted with a new random key, and a new recovery key is printed, this once only. The
current passphrase is given in KOMET_PASSPHRASE and the new one (at least 12 characters) in
KOMET_NEW_PASSPHRASE. Backups keep their keys but their key files are rewritten: afterwards the old
passphrase and the old recovery key open nothing, neither the database nor a backup. Close Komet
first.

${dbOptionHelp}
${helpOptionHelp}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: baseOptions, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const [{ passphraseFromEnv, needPassphrase, missingDatabase, unwrap }, { vaultStatus }, { createRuntime }] = await Promise.all([
    import('./app'),
    import('../core/vault'),
    import('../app/runtime'),
  ]);
  const databasePath = databasePathFrom(values.db);
  const status = vaultStatus(path.dirname(databasePath), databasePath);
  if (status.state === 'new') throw missingDatabase(databasePath);
  if (status.state === 'legacy') {
    throw new CliFailure({
      sv: 'Databasen är okrypterad och har ingen nyckel att byta. Kryptera den med komet init.',
      en: 'The database is unencrypted and has no key to replace. Encrypt it with komet init.',
    });
  }
  if (status.state === 'damaged') throw status.error;
  const current = passphraseFromEnv();
  if (!current) throw needPassphrase();
  const next = process.env.KOMET_NEW_PASSPHRASE;
  if (!next) {
    throw new CliFailure(
      {
        sv: 'Ange den nya lösenfrasen i miljövariabeln KOMET_NEW_PASSPHRASE (aldrig som argument).',
        en: 'Give the new passphrase in the environment variable KOMET_NEW_PASSPHRASE (never as an argument).',
      },
      2,
    );
  }
  const runtime = createRuntime({ databasePath, shell: 'cli', backupCheckMs: 0 });
  try {
    const unlocked = unwrap<{ state: string; problem?: { message: { sv: string; en: string } } }>(await runtime.call('vault.unlock', { passphrase: current }));
    if (unlocked.state !== 'unlocked')
      throw new CliFailure(unlocked.problem?.message ?? { sv: 'Databasen kan inte öppnas.', en: 'The database cannot be opened.' });
    const { recoveryKey } = unwrap<{ recoveryKey: string }>(await runtime.call('vault.rekey', { current, next, nextRepeat: next }));
    console.log(databasePath);
    console.log(line({ sv: `Ny återställningsnyckel: ${recoveryKey}`, en: `New recovery key: ${recoveryKey}` }));
    console.log(
      line({
        sv: 'Skriv ut eller skriv av den nya nyckeln och förvara den säkert; den visas bara nu. Den gamla lösenfrasen och den gamla återställningsnyckeln öppnar inte längre databasen eller någon säkerhetskopia här.',
        en: 'Print or copy the new key and keep it safe; it is shown only now. The old passphrase and the old recovery key no longer open the database or any backup here.',
      }),
    );
  } finally {
    runtime.close();
  }
  return 0;
}
