import type Database from 'better-sqlite3';

/**
 * What erasing a person needs beyond deleting rows: all enrolments of the person, the conflict
 * list's copies of their values, and a write-ahead log emptied so no copy stays there.
 */
export function erasureRepo(sqlite: Database.Database) {
  const enrolments = sqlite
    .prepare<[string], string>('select id from participants where person_id = (select person_id from participants where id = ?)')
    .pluck();
  const conflicts = sqlite.prepare("delete from sync_conflicts where tbl = 'participants' and row_id = ?");
  return {
    enrolmentsOfPerson: (participantId: string): string[] => enrolments.all(participantId),
    deleteConflictsAbout: (participantId: string) => conflicts.run(participantId),
    checkpoint: () => void sqlite.pragma('wal_checkpoint(TRUNCATE)'),
  };
}
