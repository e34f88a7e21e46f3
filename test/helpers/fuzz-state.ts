import fs from 'node:fs';
import path from 'node:path';
import type { Runtime } from '../../src-main/app/runtime';
import type { KometDb } from '../../src-main/core/db/open';
import type { ErrorShape, Result } from '../../src-main/core/errors';

/**
 * Row changes made on the open database's own connection since it opened. Every service write
 * goes through that connection (audit lines included), so any write moves this number.
 */
export function dbChanges(gate: Runtime): number {
  const app = gate.app();
  if (!app) throw new Error('the vault is not unlocked');
  return connectionChanges(app.db);
}

export function connectionChanges(db: KometDb): number {
  return (db.sqlite.prepare('select total_changes() as n').get() as { n: number }).n;
}

/**
 * Every file under the data folder (database, WAL, key file, settings, backups, exports) with its
 * size and modification time. `-shm` is left out: readers update it without writing anything.
 */
export function folderState(dir: string): string {
  const lines: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        lines.push(`${path.relative(dir, full)}/`);
        walk(full);
      } else if (!entry.name.endsWith('-shm')) {
        const st = fs.statSync(full);
        lines.push(`${path.relative(dir, full)} ${st.size} ${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return lines.join('\n');
}

const bilingual = (m: unknown): boolean => {
  const { sv, en } = (m ?? {}) as { sv?: unknown; en?: unknown };
  // An unresolved `msg:` key would reach the user as code, not as a sentence.
  return typeof sv === 'string' && typeof en === 'string' && sv.trim() !== '' && en.trim() !== '' && !sv.startsWith('msg:') && !en.startsWith('msg:');
};

/** Why a result is not a proper typed validation error, or null when it is one. */
export function validationProblem(result: Result<unknown>): string | null {
  if (result.ok) return 'accepted';
  const error: ErrorShape = result.error;
  if (error.code !== 'validation') return `code ${error.code}`;
  if (!bilingual(error.message)) return 'message not bilingual';
  if (!Array.isArray(error.issues) || error.issues.length === 0) return 'no field issues';
  for (const issue of error.issues) {
    if (typeof issue.path !== 'string') return 'issue path not a string';
    if (!bilingual(issue.message)) return `issue at '${issue.path}' not bilingual: ${JSON.stringify(issue.message)}`;
  }
  // The shells send this over IPC and HTTP: it must survive JSON.
  try {
    JSON.stringify(result);
  } catch {
    return 'not JSON-safe';
  }
  return null;
}
