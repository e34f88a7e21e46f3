import { parseArgs } from 'node:util';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp, line, parseNumber } from './common';

export const help = `Användning / Usage: komet sync <join|now|status|conflicts> [--db SÖKVÄG] [flaggor/options]

Synkronisering med en enhetsserver eller stadens server. / Sync with a unit server or the city's server.

  join --code KOD     anslut databasen med en engångskod från serverns administratör, hämta
                      stadens referensdata och synka en första gång
                      join the database with a one-time code from the server's administrator,
                      fetch the city's reference data and sync once
  now [--json]        synka nu och vänta tills servern och databasen har samma innehåll
                      sync now and wait until the server and the database hold the same
                      (--json: {sent, received, conflicts, lastSyncedAt})
  status [--json]     server, roll, senaste synk, ändringar som väntar, konflikter, vägrade ändringar
                      server, role, last sync, changes waiting, conflicts, refused changes
  conflicts [--json]  synkkonflikter som väntar på ett val (--all: även lösta)
                      sync conflicts waiting for a choice (--all: resolved ones too)

${dbOptionHelp}
  --timeout S     längsta väntan på servern i sekunder (standard 60) / longest wait for the server, seconds (default 60)
${helpOptionHelp}

Appen synkar av sig själv i bakgrunden när databasen är ansluten; sync now är för skript och tester
och kräver att ingen annan Komet skriver i databasen. / The app syncs by itself in the background
once the database is joined; sync now is for scripts and tests and needs no other Komet writing.
Slutkoder / Exit codes: 0 klart / done, 1 fel eller inte i synk / failure or not in sync, 2 fel argument / bad arguments.`;

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      ...baseOptions,
      code: { type: 'string' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      timeout: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help || sub === '--help' || sub === '-h' || sub === undefined) {
    console.log(help);
    return sub === undefined && !values.help ? 2 : 0;
  }
  if (!['join', 'now', 'status', 'conflicts'].includes(sub)) {
    throw new CliFailure({ sv: `Okänt underkommando "${sub}", se komet sync --help`, en: `Unknown subcommand "${sub}", see komet sync --help` }, 2);
  }
  if (sub === 'join' && !values.code) throw new CliFailure({ sv: 'join behöver --code KOD', en: 'join needs --code CODE' }, 2);
  const timeoutMs = parseNumber('timeout', values.timeout, 60, (n) => n > 0 && n <= 3600, { sv: 'ange sekunder, 1–3600', en: 'give seconds, 1–3600' }) * 1000;
  const [{ withApp }, { createLaptopSync }, { createRepos }, { systemClock }] = await Promise.all([
    import('./app'),
    import('../core/sync/laptop'),
    import('../core/repos'),
    import('../core/clock'),
  ]);
  const databasePath = databasePathFrom(values.db);
  const readOnly = sub === 'status' || sub === 'conflicts';
  return withApp(
    databasePath,
    async (app) => {
      const sync = createLaptopSync({ db: app.db, repos: createRepos(app.db, systemClock), clock: systemClock });
      try {
        switch (sub) {
          case 'join': {
            const status = await sync.join(values.code!);
            const result = await sync.syncNow(timeoutMs);
            if (values.json) console.log(JSON.stringify({ ...status, ...result }, null, 2));
            else {
              console.log(
                line({
                  sv: `Ansluten till ${status.server!.name} som ${status.identity!.name} (${status.identity!.role}). Mottog ${result.received} och skickade ${result.sent} värden.`,
                  en: `Joined ${status.server!.name} as ${status.identity!.name} (${status.identity!.role}). Received ${result.received} and sent ${result.sent} values.`,
                }),
              );
            }
            return result.converged ? 0 : 1;
          }
          case 'now': {
            const r = await sync.syncNow(timeoutMs);
            if (values.json) console.log(JSON.stringify({ sent: r.sent, received: r.received, conflicts: r.conflicts, lastSyncedAt: r.lastSyncedAt }));
            else
              console.log(
                line({
                  sv: `Skickade ${r.sent}, tog emot ${r.received}, nya konflikter ${r.conflicts}.`,
                  en: `Sent ${r.sent}, received ${r.received}, new conflicts ${r.conflicts}.`,
                }),
              );
            if (!r.converged) {
              console.error(
                `komet: ${line({ sv: 'Servern och databasen hann inte bli lika; försök igen.', en: 'The server and the database did not become equal in time; try again.' })}`,
              );
              return 1;
            }
            return 0;
          }
          case 'status': {
            const s = sync.status();
            if (values.json) console.log(JSON.stringify(s, null, 2));
            else if (!s.joined) console.log(line({ sv: 'Inte ansluten till någon server.', en: 'Not joined to a server.' }));
            else {
              console.log(`${s.server!.name} ${s.server!.url}`);
              console.log(line({ sv: `Fingeravtryck ${s.server!.fingerprint}`, en: `Fingerprint ${s.server!.fingerprint}` }));
              console.log(line({ sv: `Senast synkad ${s.lastSyncedAt ?? 'aldrig'}`, en: `Last synced ${s.lastSyncedAt ?? 'never'}` }));
              console.log(
                line({ sv: `${s.unsent} ändringar väntar, ${s.openConflicts} konflikter`, en: `${s.unsent} changes waiting, ${s.openConflicts} conflicts` }),
              );
              for (const r of s.refusals) console.log(line({ sv: `Vägrad: ${r.sv}`, en: `Refused: ${r.en}` }));
            }
            return 0;
          }
          default: {
            const list = sync.conflicts(values.all);
            if (values.json) console.log(JSON.stringify(list, null, 2));
            else if (!list.length) console.log(line({ sv: 'Inga synkkonflikter.', en: 'No sync conflicts.' }));
            else
              for (const c of list)
                console.log(
                  `${c.id}  ${c.tbl}.${c.cell}  ${c.whoA} ${c.atA}: ${c.valueA}  ⟷  ${c.whoB} ${c.atB}: ${c.valueB}${c.resolvedAt ? ` (${c.resolvedAt})` : ''}`,
                );
            return 0;
          }
        }
      } finally {
        await sync.close();
      }
    },
    { readOnly },
  );
}
