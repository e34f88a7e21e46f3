/**
 * What main tells open windows after a committed change, on the one change channel both shells
 * carry (IPC and server-sent events). Only names travel, never values: they may be personal data.
 * Local calls emit it with `source: 'local'`; changes sync applied from another machine come through
 * the same stream with `source: 'sync'`.
 */
export interface ChangeEvent {
  source: 'local' | 'sync';
  /**
   * The kinds of rows the change committed, named as in the audit trail ('unit', 'participant',
   * 'attendance', …), for sync as for local writes (a sync batch that wrote `units` names 'unit');
   * none when only the sync status moved; 'all' when the lock state moved or the whole database
   * was replaced.
   */
  entities: string[] | 'all';
  /**
   * The procedure that made a local change; 'vault.status' for a lock without a call (idle, screen
   * lock), 'backups.create' for the backup main makes on its own (daily, hourly check).
   */
  procedure?: string;
}

/**
 * What a backup changes: a file in the backups folder, no row of the database. Main names it alone
 * for every backup a window can see being made (its own daily one, and one made by hand), so open
 * windows re-read only what shows backups. (This file stays zod-free, like enums.ts, so the
 * renderer can import the value.)
 */
export const backupEntity = 'backup';

/**
 * What a change of the lock's settings (the idle time before it locks) names, as the audit trail
 * does: a setting file and a line in the audit trail, which stays on this machine. No row of the
 * data changed, so open windows re-read only the security settings and the audit trail.
 */
export const vaultEntity = 'vault';

const namesOnly = (entities: string[] | 'all', names: readonly string[]): boolean =>
  entities !== 'all' && entities.length > 0 && entities.every((e) => names.includes(e));

/** Whether a change names the backups alone (a backup made by hand or on its own): no row of the data changed. */
export const onlyBackupsChanged = (entities: string[] | 'all'): boolean => namesOnly(entities, [backupEntity]);

/** Whether a change names the lock's settings alone. */
export const onlyVaultSettingsChanged = (entities: string[] | 'all'): boolean => namesOnly(entities, [vaultEntity]);

/**
 * Whether a change names only what lives beside the data (the backups, the lock's settings): main
 * tells the shells directly, and sync, which hears the database's own feed, has nothing to send.
 */
export const onlyBesideTheData = (entities: string[] | 'all'): boolean => namesOnly(entities, [backupEntity, vaultEntity]);
