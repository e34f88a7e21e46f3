import path from 'node:path';
import { parseArgs } from 'node:util';
import { SYNC_ROLES } from '../contract/enums';
import { CliFailure, helpOptionHelp, line, parseNumber } from './common';

export const help = `Användning / Usage: komet server <init|start|enrol|revoke|audit> --data MAPP [flaggor/options]

Kör Komets synkserver: samma program som enhetsserver och som stadens server. Servern talar bara
TLS (wss://) med ett certifikat som skapas av init; enheter litar på det genom fingeravtrycket i
sin anslutningskod. Serverns data krypteras med lösenfrasen i KOMET_SERVER_PASSPHRASE.
Runs Komet's sync server: the same program as a unit server and as the city's server. The server
speaks TLS (wss://) only, with a certificate made by init; devices trust it through the
fingerprint in their enrolment code. Its data is encrypted with the passphrase in KOMET_SERVER_PASSPHRASE.

  init --data MAPP [--name NAMN] [--host-name NAMN ...]
        skapa servern och skriv ut certifikatets fingeravtryck
        create the server and print the certificate's fingerprint
  start --data MAPP [--host 127.0.0.1] [--port N] [--upstream wss://VÄRD:PORT --upstream-code KOD]
        skriv en rad med wss://-adressen och kör tills den stoppas; med --upstream-code är det
        en enhetsserver som synkar allt den har till stadens server (koden används första gången)
        print one line with the wss:// address and serve until stopped; with --upstream-code it
        is a unit server that syncs everything it holds up to the city's server (first start;
        --upstream: the city's address as seen from here, if not the one in the code)
  enrol --data MAPP --name NAMN --role leader|supervisor|admin|unit-server [--unit NAMN_ELLER_ID ...]
        skriv ut en engångskod (ensam på stdout) för en medarbetare i stadens referensdata, eller
        för en enhetsserver; koden gäller i 7 dagar
        print a one-time code (alone on stdout) for a staff member in the city's reference data,
        or for a unit server; the code is valid for 7 days
  revoke --data MAPP --name NAMN_ELLER_ID
        koppla bort en persons (eller enhetsservers) enheter direkt: öppna anslutningar stängs
        och nya vägras
        disconnect a person's (or unit server's) devices at once: open connections are closed
        and new ones refused
  audit --data MAPP [--from ÅÅÅÅ-MM-DD] [--limit N] [--json]
        visa serverns granskningslogg (de senaste N raderna, standard 1000): när, vem (för ändringar en enhetsserver skickat vidare:
        personen och enhetsservern), vilket område, tabell, rad och vilka fält; aldrig värden
        show the server's audit trail (the newest N lines, default 1000): when, who (for changes a unit server passed on: the person
        and the unit server), which scope, table, row and which fields; never values

  --url wss://VÄRD:PORT  (enrol) adressen enheterna ska ansluta till, om inte den start senast
                         lyssnade på / the address devices connect to, if not the one start last used
${helpOptionHelp}
Slutkoder / Exit codes: 0 klart / done, 1 fel / failure, 2 fel argument / bad arguments.`;

const roles = SYNC_ROLES;

/** How far (in per cent of what is live) the server's heap may grow before a full collection. */
const serverHeapGrowingPercent = 30;

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      help: { type: 'boolean', short: 'h' },
      data: { type: 'string' },
      name: { type: 'string' },
      'host-name': { type: 'string', multiple: true },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      upstream: { type: 'string' },
      'upstream-code': { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string', multiple: true },
      url: { type: 'string' },
      from: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help || sub === '--help' || sub === '-h' || sub === undefined) {
    console.log(help);
    return sub === undefined && !values.help ? 2 : 0;
  }
  if (!['init', 'start', 'enrol', 'revoke', 'audit'].includes(sub)) {
    throw new CliFailure({ sv: `Okänt underkommando "${sub}", se komet server --help`, en: `Unknown subcommand "${sub}", see komet server --help` }, 2);
  }
  if (!values.data) throw new CliFailure({ sv: 'Ange --data MAPP', en: 'Give --data DIR' }, 2);
  const dir = path.resolve(values.data);
  const data = await import('../server/server-data');
  const passphrase = (() => {
    try {
      return data.passphraseFromEnv();
    } catch (err) {
      const e = err as { messages: { sv: string; en: string }; exitCode?: number };
      throw new CliFailure(e.messages, e.exitCode ?? 2);
    }
  })();

  switch (sub) {
    case 'init': {
      const { displayFingerprint } = await import('../server/certificate');
      const hosts = ['127.0.0.1', 'localhost', ...(values['host-name'] ?? [])];
      const info = data.initServer(dir, { passphrase, name: values.name ?? path.basename(dir), hosts });
      console.log(info.fingerprint);
      console.error(
        line({
          sv: `Server "${info.name}" skapad i ${dir}. Fingeravtryck ${displayFingerprint(info.fingerprint)}`,
          en: `Server "${info.name}" created in ${dir}. Fingerprint ${displayFingerprint(info.fingerprint)}`,
        }),
      );
      return 0;
    }
    case 'start': {
      const port = parseNumber('port', values.port, 0, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, {
        sv: 'ange ett heltal 0–65535',
        en: 'give an integer 0–65535',
      });
      const { runServer } = await import('../server/run-server');
      // The server holds every scope it serves in memory. By default V8 lets the heap grow to
      // several times what is live before it collects in full: the first upload of the whole city
      // at scale 10 took 1.4 GB for some 0.6 GB live. A server keeps close to what it holds.
      (await import('node:v8')).setFlagsFromString(`--heap-growing-percent=${serverHeapGrowingPercent}`);
      const log = (l: string) => console.error(`komet server: ${new Date().toISOString()} ${l}`);
      const upstream =
        values.upstream || values['upstream-code']
          ? { ...(values['upstream-code'] ? { code: values['upstream-code'] } : {}), ...(values.upstream ? { url: values.upstream } : {}) }
          : undefined;
      const server = await runServer({ dir, passphrase, host: values.host, port, ...(upstream ? { upstream } : {}), log });
      console.log(server.url);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      log('stopping');
      await server.close();
      return 0;
    }
    case 'enrol': {
      if (!values.name) throw new CliFailure({ sv: 'enrol behöver --name', en: 'enrol needs --name' }, 2);
      const role = values.role as (typeof roles)[number];
      if (!roles.includes(role)) throw new CliFailure({ sv: `--role ska vara ${roles.join(', ')}`, en: `--role must be ${roles.join(', ')}` }, 2);
      const [{ serverStorageRepo }, { serverDeviceRepo, serverMetaRepo }, { createEnrolment }, { serverUrl }] = await Promise.all([
        import('../core/repos/sync-server/storage'),
        import('../core/repos/sync-server/devices'),
        import('../server/enrolment'),
        import('../core/sync/enrolment-code'),
      ]);
      const open = data.openServer(dir, passphrase);
      try {
        const url = values.url ? serverUrl(values.url) : serverMetaRepo(open.sqlite).get('url');
        if (!url)
          throw new CliFailure({
            sv: 'Servern har inte startats än; starta den eller ange --url wss://VÄRD:PORT.',
            en: 'The server has not been started yet; start it or give --url wss://HOST:PORT.',
          });
        const code = createEnrolment(serverStorageRepo(open.sqlite), serverDeviceRepo(open.sqlite), {
          url,
          fingerprint: open.info.fingerprint,
          name: values.name,
          role,
          units: values.unit ?? [],
        });
        console.log(code);
      } finally {
        open.close();
      }
      return 0;
    }
    case 'audit': {
      const from = values.from ?? '0000-01-01';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(Date.parse(from))) {
        throw new CliFailure({ sv: '--from ska vara ett datum ÅÅÅÅ-MM-DD', en: '--from must be a date YYYY-MM-DD' }, 2);
      }
      const limit = parseNumber('limit', values.limit, 1000, (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000, {
        sv: 'ange ett heltal 1–1000000',
        en: 'give an integer 1–1000000',
      });
      const { serverStorageRepo } = await import('../core/repos/sync-server/storage');
      const open = data.openServer(dir, passphrase);
      try {
        const lines = serverStorageRepo(open.sqlite).auditLines(from, limit);
        if (values.json) console.log(JSON.stringify(lines));
        else for (const l of lines) console.log([l.at, l.who, l.scope, l.table, l.rowId, l.cells.join(',')].join('\t'));
      } finally {
        open.close();
      }
      return 0;
    }
    default: {
      if (!values.name) throw new CliFailure({ sv: 'revoke behöver --name', en: 'revoke needs --name' }, 2);
      const { serverDeviceRepo } = await import('../core/repos/sync-server/devices');
      const open = data.openServer(dir, passphrase);
      try {
        const n = serverDeviceRepo(open.sqlite).revoke(values.name, new Date().toISOString());
        console.log(line({ sv: `${n} enheter bortkopplade.`, en: `${n} devices revoked.` }));
        return n > 0 ? 0 : 1;
      } finally {
        open.close();
      }
    }
  }
}
