import path from 'node:path';
import { parseArgs } from 'node:util';
import { baseOptions, databasePathFrom, dbOptionHelp, helpOptionHelp, parseNumber } from './common';

export const help = `Användning / Usage: komet serve [--db SÖKVÄG] [--port N]

Startar webbläsarskalet utan att öppna något fönster, skriver ut adressen med åtkomstnyckel och
kör tills det stoppas (Ctrl+C). Lyssnar bara på 127.0.0.1.
Starts the browser shell without opening a window, prints the URL with its access token and
serves until stopped (Ctrl+C). Listens on 127.0.0.1 only.

${dbOptionHelp}
  --port N        port att lyssna på (standard: en ledig port) / port to listen on (default: a free port)
${helpOptionHelp}`;

/** The built renderer, relative to the repository root (src-main/cli → ../../out/renderer). */
export const rendererDir = path.resolve(import.meta.dirname, '..', '..', 'out', 'renderer');

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...baseOptions, port: { type: 'string' } }, strict: true, allowPositionals: false });
  if (values.help) {
    console.log(help);
    return 0;
  }
  // Loaded after --help so help stays instant.
  const [{ openApp }, { startBrowserShell }] = await Promise.all([import('./app'), import('../http/server')]);
  const port = parseNumber('port', values.port, 0, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, {
    sv: 'ange ett heltal 0–65535',
    en: 'give an integer 0–65535',
  });
  const app = openApp(databasePathFrom(values.db));
  let shell;
  try {
    shell = await startBrowserShell({ app, port, rendererDir });
  } catch (err) {
    app.close();
    throw err;
  }
  console.log(shell.url);
  const opened = shell;
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await opened.close();
  app.close();
  return 0;
}
