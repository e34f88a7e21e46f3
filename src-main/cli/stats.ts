import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Stats } from '../ipc/contract';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp } from './common';

export const help = `Användning / Usage: komet stats [--db SÖKVÄG] [--json]

Visar antal program, enheter, medarbetare, grupper och träffar, och fördelningen per program,
enhet och år. Shows counts of programmes, units, staff, groups and sessions, and the breakdown by
programme, unit and year.

${dbOptionHelp}
  --json          skriv ut statistiken som JSON (samma form som stats.get) / print as JSON (the stats.get shape)
${helpOptionHelp}`;

const pad = (text: string | number, width: number, right = false) =>
  right ? String(text).padStart(width) : String(text).padEnd(width);

type Row = Stats['byYear'][number];

function breakdown(title: string, rows: Row[]): string[] {
  const labelWidth = Math.max(title.length, ...rows.map((r) => r.label.length));
  const out = [
    `${pad(title, labelWidth)}  ${pad('Grupper', 8, true)}  ${pad('Hållna', 8, true)}  ${pad('Deltagare', 10, true)}`,
    `${'-'.repeat(labelWidth)}  ${'-'.repeat(8)}  ${'-'.repeat(8)}  ${'-'.repeat(10)}`,
  ];
  for (const r of rows) {
    out.push(`${pad(r.label, labelWidth)}  ${pad(r.groups, 8, true)}  ${pad(r.sessionsHeld, 8, true)}  ${pad(r.participantCount, 10, true)}`);
  }
  return out;
}

/** The readable form: totals first, then one small table per breakdown. */
export function formatStats(s: Stats): string {
  const totals: [string, number][] = [
    ['Program / Programmes', s.programmes],
    ['Enheter / Units', s.units],
    ['Gruppledare / Leaders', s.leaders],
    ['Handledare / Supervisors', s.supervisors],
    ['Grupper / Groups', s.groups],
    ['Träffar planerade / Sessions planned', s.sessions.planned],
    ['Träffar hållna / Sessions held', s.sessions.held],
    ['Träffar inställda / Sessions cancelled', s.sessions.cancelled],
    ['Deltagare (summa) / Participant count', s.participantCount],
  ];
  const width = Math.max(...totals.map(([label]) => label.length));
  return [
    ...totals.map(([label, n]) => `${pad(label, width)}  ${pad(n, 9, true)}`),
    '',
    ...breakdown('Program / Programme', s.byProgramme),
    '',
    ...breakdown('Enhet / Unit', s.byUnit),
    '',
    ...breakdown('År / Year', s.byYear),
  ].join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...baseOptions, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  // Loaded after --help so help stays instant.
  const { unwrap, withApp } = await import('./app');
  const databasePath = databasePathFrom(values.db);
  // Reading statistics must not leave an empty database behind a mistyped path.
  if (!fs.existsSync(databasePath)) {
    throw new CliFailure({ sv: `Databasen finns inte: ${databasePath}`, en: `The database does not exist: ${databasePath}` });
  }
  const stats = await withApp(databasePath, async (app) => unwrap<Stats>(await app.call('stats.get', {})));
  console.log(values.json ? JSON.stringify(stats, null, 2) : formatStats(stats));
  return 0;
}
