import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { setProcessLabel } from '../core/process-label';
import { CliFailure, reportFailure } from './common';

interface CommandModule {
  run(args: string[]): Promise<number>;
}

/** Loaded on demand, so `komet --help` and light commands do not pay for the HTTP server. */
const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  init: { summary: 'skapa eller uppdatera databasen / create or migrate the database', load: () => import('./init') },
  demo: { summary: 'fyll med deterministiska demodata / fill with deterministic demo data', load: () => import('./demo') },
  stats: { summary: 'visa statistik / show statistics', load: () => import('./stats') },
  report: { summary: 'verksamhetsrapport som PDF eller JSON / activity report as PDF or JSON', load: () => import('./report') },
  leaders: { summary: 'visa gruppledare, certifiering och flaggor / show leaders, certification and flags', load: () => import('./leaders') },
  serve: { summary: 'starta webbläsarskalet utan fönster / run the browser shell without a window', load: () => import('./serve') },
  check: { summary: 'kontrollera integritet och kryptering / check integrity and encryption', load: () => import('./check') },
  backup: { summary: 'gör en verifierad säkerhetskopia / make a verified backup', load: () => import('./backup') },
  restore: { summary: 'återställ en säkerhetskopia / restore a backup', load: () => import('./restore') },
  rekey: { summary: 'byt databasens nyckel och återställningsnyckeln / replace the data key and recovery key', load: () => import('./rekey') },
  audit: { summary: 'visa ändringsloggen / show the audit log', load: () => import('./audit') },
  import: {
    summary: 'läs in medarbetare, grupper eller deltagare från xlsx/csv / import staff, groups or participants from xlsx/csv',
    load: () => import('./import'),
  },
  export: { summary: 'skapa en krypterad FoU-export / create an encrypted evaluation export', load: () => import('./export') },
  'open-export': { summary: 'öppna och kontrollera en FoU-export / open and verify an evaluation export', load: () => import('./open-export') },
  keygen: { summary: 'skapa en nyckel för att ta emot exporter / create a key to receive exports', load: () => import('./keygen') },
  instruments: {
    summary: 'läs in och lista frågeformulär / import and list questionnaires',
    load: async () => ({ run: (await import('./outcomes')).runInstruments }),
  },
  outcomes: {
    summary: 'formulär som ska fyllas i, resultat / questionnaires due, results',
    load: async () => ({ run: (await import('./outcomes')).runOutcomes }),
  },
  responses: { summary: 'läs in svar från CSV / import responses from CSV', load: async () => ({ run: (await import('./outcomes')).runResponses }) },
  scores: { summary: 'visa sparade skalpoäng / show stored scale scores', load: async () => ({ run: (await import('./outcomes')).runScores }) },
  sync: { summary: 'anslut och synka med en server / join and sync with a server', load: () => import('./sync') },
  server: { summary: 'kör en enhetsserver eller stadens server / run a unit or city server', load: () => import('./server') },
};

export const help = `Komet – kommandorad / command line

Användning / Usage: komet <kommando/command> [flaggor/options]

${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(13)}${c.summary}`)
  .join('\n')}

Varje kommando har --help. / Every command has --help.
Databasen är som standard appens egen (KOMET_DATA_DIR ändrar mappen). / The database defaults to
the app's own (KOMET_DATA_DIR changes the folder).
En krypterad databas öppnas med lösenfrasen i KOMET_PASSPHRASE, aldrig som argument. / An encrypted
database opens with the passphrase in KOMET_PASSPHRASE, never as an argument.`;

/** Runs one command and returns the exit code; every failure becomes one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      console.log(help);
      return 0;
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) {
      throw new CliFailure({ sv: `Okänt kommando "${name}", se komet --help`, en: `Unknown command "${name}", see komet --help` }, 2);
    }
    setProcessLabel(`komet ${name}`);
    const module = await command.load();
    return await module.run(rest);
  } catch (err) {
    return reportFailure(err);
  }
}

// Started as a worker by bin/komet.mjs (commands that run with a small young generation): the
// command runs here and its exit code is handed back.
const workerArgv = (workerData as { kometCliArgv?: unknown } | null)?.kometCliArgv;
if (!isMainThread && Array.isArray(workerArgv)) {
  void main(workerArgv as string[]).then((code) => parentPort!.postMessage(code));
}
