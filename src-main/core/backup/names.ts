/**
 * Backup files are named by local time (what the user sees in the folder and on screen):
 * komet-YYYYMMDD-HHMMSS.db, with `-N` when two land in the same second and `-before-restore`
 * for the copy saved before a restore, which the retention ladder leaves alone for a while.
 */
export type BackupReason = 'daily' | 'manual' | 'quit' | 'before-restore';

const pattern = /^komet-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?(-before-restore)?\.db$/;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function backupFileName(date: Date, reason: BackupReason, sequence = 1): string {
  const stamp = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
  return `komet-${stamp}${sequence > 1 ? `-${sequence}` : ''}${reason === 'before-restore' ? '-before-restore' : ''}.db`;
}

export interface ParsedBackupName {
  name: string;
  date: Date;
  /** 1 for the first backup in a second, 2 for the next … */
  sequence: number;
  beforeRestore: boolean;
}

export function parseBackupFileName(name: string): ParsedBackupName | null {
  const m = name.match(pattern);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(year, month - 1, day, hour, minute, second);
  // Reject impossible stamps such as month 13 rather than let Date roll them over.
  if (date.getMonth() !== month - 1 || date.getDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return { name, date, sequence: m[7] ? Number(m[7]) : 1, beforeRestore: Boolean(m[8]) };
}

export const localDayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Newest first; within one second the later sequence number is newer. */
export const newestFirst = (a: ParsedBackupName, b: ParsedBackupName) => b.date.getTime() - a.date.getTime() || b.sequence - a.sequence;
