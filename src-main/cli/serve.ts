import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { baseOptions, databasePathFrom, dbOptionHelp, helpOptionHelp, parseNumber } from './common';

export const help = `Användning / Usage: komet serve [--db SÖKVÄG] [--port N]

Startar webbläsarskalet utan att öppna något fönster, skriver ut en adress att öppna i webbläsaren
och kör tills det stoppas (Ctrl+C). Lyssnar bara på 127.0.0.1. Adressen fungerar en gång och i två
minuter: den ger webbläsaren en session (en kaka) och leder vidare till Komet. Tryck Enter för en ny
adress.
Starts the browser shell without opening a window, prints an address to open in a browser and
serves until stopped (Ctrl+C). Listens on 127.0.0.1 only. The address works once and for two
minutes: it gives the browser a session (a cookie) and leads on to Komet. Press Enter for a new
address.
En krypterad databas låses upp med KOMET_PASSPHRASE om den är satt, annars i webbläsaren; en ny
databas skapas krypterad av sidans första start. / An encrypted database is unlocked with
KOMET_PASSPHRASE when set, otherwise in the browser; a new one is created encrypted by the page.

${dbOptionHelp}
  --port N        port att lyssna på (standard: en ledig port) / port to listen on (default: a free port)
${helpOptionHelp}

I en källkodskopia byggs sidorna vid första användningen och när de ändrats (KOMET_SERVE_BUILD=0
stänger av det). / In a source checkout the pages are built on first use and when they have
changed (KOMET_SERVE_BUILD=0 turns that off).`;

/** The project root, from the sources (src-main/cli) and from the bundle (out/cli) alike. */
const projectRoot = path.resolve(import.meta.dirname, '..', '..');
/** The built renderer, relative to the repository root. */
export const rendererDir = path.join(projectRoot, 'out', 'renderer');

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...baseOptions, port: { type: 'string' } }, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  // Loaded after --help so help stays instant.
  const [{ passphraseFromEnv, unwrap }, { startBrowserShell }, { createRuntime }, { vaultStatus }, { signedInUser }] = await Promise.all([
    import('./app'),
    import('../http/server'),
    import('../app/runtime'),
    import('../core/vault'),
    import('../app/signed-in-user'),
  ]);
  const port = parseNumber('port', values.port, 0, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, {
    sv: 'ange ett heltal 0–65535',
    en: 'give an integer 0–65535',
  });
  const databasePath = databasePathFrom(values.db);
  if (!(await pagesReady())) return 1;
  const status = vaultStatus(path.dirname(databasePath), databasePath);
  // An existing unencrypted database (demo, benchmark) is served as it is. The page is what the
  // user works in, so the runtime answers as the browser shell: app.info says so and the export's
  // file paths are held to the exports folder like under `npm start`.
  const app =
    status.state === 'legacy'
      ? createRuntime({ databasePath, shell: 'browser', keyless: { actor: signedInUser() } })
      : createRuntime({ databasePath, shell: 'browser' });
  let shell;
  try {
    const passphrase = passphraseFromEnv();
    if (app.encrypted && status.state === 'locked' && passphrase) unwrap(await app.call('vault.unlock', { passphrase }));
    shell = await startBrowserShell({ app, port, rendererDir });
  } catch (err) {
    app.close();
    throw err;
  }
  const opened = shell;
  const printLaunchUrl = () => console.log(opened.launchUrl());
  printLaunchUrl();
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', printLaunchUrl);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  lines.close();
  process.stdin.destroy();
  await opened.close();
  app.close();
  return 0;
}

/** Builds the page first where it is missing or older than its sources; false when that failed. */
async function pagesReady(): Promise<boolean> {
  if (process.env.KOMET_SERVE_BUILD === '0') return true;
  const { uiBuildState, buildUi } = await import('./ui-build');
  const state = uiBuildState(projectRoot);
  if (state === 'built' || state === 'unbuildable') return true;
  const result = buildUi(projectRoot, state, (line) => console.error(line));
  if (!result.ok) {
    process.stderr.write(result.output);
    console.error('Komets sidor kunde inte byggas (se ovan); kör npm run build. / Komet’s pages could not be built (see above); run npm run build.');
  }
  return result.ok;
}
