import { parseArgs } from 'node:util';
import type { AuditRow } from '../core/repos/audit-repo';
import { baseOptions, CliFailure, databasePathFrom, dbOptionHelp, helpOptionHelp } from './common';

export const help = `Användning / Usage: komet audit [--db SÖKVÄG] [--since DATUM] [--json]

Visar ändringsloggen, nyast först: vem, när, vilken funktion, vilken post och vilka fält som
ändrades (aldrig värdena). Shows the audit log, newest first: who, when, which procedure, which
record and which fields changed (never the values).

${dbOptionHelp}
  --since DATUM   bara poster från och med ÅÅÅÅ-MM-DD (eller en ISO-tidpunkt)
                  only entries from YYYY-MM-DD (or an ISO timestamp) on
  --json          skriv ut som JSON / print as JSON
${helpOptionHelp}

En krypterad databas öppnas med KOMET_PASSPHRASE. / An encrypted database opens with KOMET_PASSPHRASE.`;

const page = 1000;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...baseOptions, since: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const since = values.since;
  if (since !== undefined && (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(since) || Number.isNaN(Date.parse(since)))) {
    throw new CliFailure({ sv: '--since: ange ett datum som ÅÅÅÅ-MM-DD', en: '--since: give a date as YYYY-MM-DD' }, 2);
  }
  const [{ withApp }, { listAudit }] = await Promise.all([import('./app'), import('../core/repos/audit-repo')]);
  // Read-only: it runs beside an open app.
  const rows = await withApp(
    databasePathFrom(values.db),
    (app) => {
      const all: AuditRow[] = [];
      for (let offset = 0; ; offset += page) {
        const { rows: batch } = listAudit(app.db, { limit: page, offset, ...(since ? { since } : {}) });
        all.push(...batch);
        if (batch.length < page) return all;
      }
    },
    { readOnly: true },
  );
  if (values.json) {
    console.log(JSON.stringify(rows, null, 2));
    return 0;
  }
  for (const r of rows) {
    console.log([r.at, r.actor, r.procedure, r.action, r.entity, r.entityId, r.fields.join(',')].join('\t'));
  }
  return 0;
}
