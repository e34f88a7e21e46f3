import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { LeadersOverview } from '../contract';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp } from './common';

export const help = `Användning / Usage: komet leaders [--db SÖKVÄG] [--json] [--attention]

Listar varje gruppledare med status på vägen till certifiering, antal ledda grupper, närvaro,
programtrohet och öppna uppmärksamhetsflaggor. Lists each group leader with pathway status,
groups led, mean attendance, mean fidelity and open attention flags.

I JSON är meanAttendance och meanFidelity andelar 0–1. In JSON, meanAttendance and meanFidelity
are shares from 0 to 1.

${dbOptionHelp}
  --json          skriv ut som JSON / print as JSON
  --attention     bara ledare som behöver uppmärksamhet / only leaders who need attention
${helpOptionHelp}`;

/** One line per leader in `--json`: what an operator's script needs, nothing personal beyond the name. */
export interface CliLeader {
  id: string;
  name: string;
  status: string;
  pathways: { programme: string; status: string }[];
  groupsLed: number;
  runningGroups: number;
  /** Present marks out of all marks, 0–1. */
  meanAttendance: number | null;
  /** Mean session fidelity, 0–1 (the overview keeps it in per cent; one unit here for scripts). */
  meanFidelity: number | null;
  meanRating: number | null;
  lastSupervision: string | null;
  attention: { rule: string; title: string; message: string }[];
}

const share = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

export function toCliLeaders(o: LeadersOverview): CliLeader[] {
  const titles = new Map(o.rules.map((r) => [r.rule, r.title.sv]));
  return o.rows.map((r) => ({
    id: r.leaderId,
    name: r.name,
    status: r.status,
    pathways: r.pathways.map((p) => ({ programme: p.programmeCode, status: p.status })),
    groupsLed: r.groupsLed,
    runningGroups: r.runningGroups,
    meanAttendance: share(r.meanAttendance),
    meanFidelity: share(r.meanFidelity === null ? null : r.meanFidelity / 100),
    meanRating: r.meanRating === null ? null : Math.round(r.meanRating * 100) / 100,
    lastSupervision: r.lastSupervisionDate,
    attention: r.attention.map((a) => ({ rule: a.rule, title: titles.get(a.rule) ?? a.rule, message: a.message.sv })),
  }));
}

const statusLabel: Record<string, string> = {
  not_started: 'ej påbörjad',
  in_training: 'under utbildning',
  requirements_met: 'krav uppfyllda',
  certified: 'certifierad',
  inactive: 'inaktiv',
};
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(0)} %`);

/** The flags in words, each rule once, with a count when it applies to several groups. */
function flagWords(attention: CliLeader['attention']): string {
  const counts = new Map<string, number>();
  for (const a of attention) counts.set(a.title, (counts.get(a.title) ?? 0) + 1);
  return [...counts].map(([title, n]) => (n > 1 ? `${title} (${n})` : title)).join(', ');
}

export function formatLeaders(leaders: CliLeader[]): string {
  const width = Math.max(4, ...leaders.map((l) => l.name.length));
  const head = `${'Namn'.padEnd(width)}  ${'Status'.padEnd(16)}  ${'Grupper'.padStart(7)}  ${'Närvaro'.padStart(7)}  ${'Trohet'.padStart(6)}  Flaggor`;
  return [
    head,
    '-'.repeat(head.length + 8),
    ...leaders.map(
      (l) =>
        `${l.name.padEnd(width)}  ${(statusLabel[l.status] ?? l.status).padEnd(16)}  ${String(l.groupsLed).padStart(7)}  ${pct(l.meanAttendance).padStart(7)}  ${pct(l.meanFidelity).padStart(6)}  ${flagWords(l.attention)}`,
    ),
  ].join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...baseOptions, json: { type: 'boolean', default: false }, attention: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const { unwrap, withApp } = await import('./app');
  const databasePath = databasePathFrom(values.db);
  if (!fs.existsSync(databasePath)) {
    throw new CliFailure({ sv: `Databasen finns inte: ${databasePath}`, en: `The database does not exist: ${databasePath}` });
  }
  // Read-only: it runs beside an open app.
  const leaders = await withApp(
    databasePath,
    async (app) => toCliLeaders(unwrap<LeadersOverview>(await app.call('leaders.overview', { attentionOnly: values.attention, sort: 'name' }))),
    { readOnly: true },
  );
  console.log(values.json ? JSON.stringify(leaders, null, 2) : formatLeaders(leaders));
  return 0;
}
