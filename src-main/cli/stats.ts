import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { ParticipationStats, Stats } from '../contract';
import { baseOptions, databasePathFrom, dbOptionHelp, helpOptionHelp } from './common';

export const help = `Användning / Usage: komet stats [--db SÖKVÄG] [--json]

Visar antal program, enheter, medarbetare, grupper, träffar och deltagare, närvaro och
programtrohet, och fördelningen per program, enhet och år. Shows counts of programmes, units,
staff, groups, sessions and participants, attendance and fidelity rates, and the breakdown by
programme, unit and year.

${dbOptionHelp}
  --json          skriv ut statistiken som JSON (stats.get med deltagare, närvaro och programtrohet)
                  print as JSON (stats.get with participants, attendance and fidelity)
${helpOptionHelp}`;

const pad = (text: string | number, width: number, right = false) => (right ? String(text).padStart(width) : String(text).padEnd(width));

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

/** Everything `--json` prints: stats.get, with participation figures overall and on each programme row. */
export type CliStats = Stats &
  Omit<ParticipationStats, 'byProgramme'> & {
    byProgramme: (Stats['byProgramme'][number] & Partial<Omit<ParticipationStats['byProgramme'][number], 'key' | 'label'>>)[];
  };

export function mergeStats(stats: Stats, participation: ParticipationStats): CliStats {
  const byKey = new Map(participation.byProgramme.map(({ key, label: _label, ...rest }) => [key, rest]));
  return {
    ...stats,
    participants: participation.participants,
    attendanceRate: participation.attendanceRate,
    fidelityRate: participation.fidelityRate,
    byProgramme: stats.byProgramme.map((row) => ({ ...row, ...byKey.get(row.key) })),
  };
}

const percent = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(1)} %`);

/** The readable form: totals first, then one small table per breakdown. */
export function formatStats(s: CliStats): string {
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
    ['Deltagare / Participants', s.participants.total],
    ['Fullföljt / Completed', s.participants.completed],
    ['Avhopp / Dropped out', s.participants.droppedOut],
    ['Familjer / Families', s.participants.families],
  ];
  const width = Math.max(...totals.map(([label]) => label.length));
  return [
    ...totals.map(([label, n]) => `${pad(label, width)}  ${pad(n, 9, true)}`),
    `${pad('Närvaro / Attendance rate', width)}  ${pad(percent(s.attendanceRate), 9, true)}`,
    `${pad('Programtrohet / Fidelity rate', width)}  ${pad(percent(s.fidelityRate), 9, true)}`,
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
  const { missingDatabase, unwrap, withApp } = await import('./app');
  const databasePath = databasePathFrom(values.db);
  // Reading statistics must not leave an empty database behind a mistyped path.
  if (!fs.existsSync(databasePath)) throw missingDatabase(databasePath);
  // Read-only: it runs beside an open app.
  const stats = await withApp(
    databasePath,
    async (app) => mergeStats(unwrap<Stats>(await app.call('stats.get', {})), unwrap<ParticipationStats>(await app.call('stats.participation', {}))),
    { readOnly: true },
  );
  console.log(values.json ? JSON.stringify(stats, null, 2) : formatStats(stats));
  return 0;
}
