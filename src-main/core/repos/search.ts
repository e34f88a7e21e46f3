import type Database from 'better-sqlite3';
import type { SearchResult } from '../../contract/schemas/search';
import { containsGlob } from '../domain/text';

/** How many of each kind the header's search shows. */
export const SEARCH_LIMIT = 8;

/**
 * The header's search over people, groups and leaders, by name in any letter case (å, ä, ö
 * included). Moved enrolments are left out: the person shows once, in the group they are in now.
 */
export function searchRepo(sqlite: Database.Database) {
  const participants = sqlite.prepare(`select pa.id as id, pa.display_name as displayName, pa.group_id as groupId,
      p.code as programmeCode, u.name as unitName, g.start_date as startDate
    from participants pa join groups g on g.id = pa.group_id join programmes p on p.id = g.programme_id join units u on u.id = g.unit_id
    where pa.display_name glob @pattern and coalesce(pa.manual_status, '') <> 'moved'
    order by g.start_date desc, pa.display_name limit @limit`);
  const groups = sqlite.prepare(`select g.id as id, p.code as programmeCode, u.name as unitName, g.venue as venue, g.start_date as startDate
    from groups g join programmes p on p.id = g.programme_id join units u on u.id = g.unit_id
    where g.venue glob @pattern or p.name glob @pattern or p.code glob @pattern or u.name glob @pattern
    order by g.start_date desc limit @limit`);
  const leaders = sqlite.prepare(`select s.id as id, s.name as name, u.name as unitName
    from staff s left join units u on u.id = s.unit_id
    where s.is_leader = 1 and s.name glob @pattern
    order by s.active desc, s.name limit @limit`);

  return {
    find(term: string): SearchResult {
      const params = { pattern: containsGlob(term), limit: SEARCH_LIMIT };
      return {
        participants: participants.all(params) as SearchResult['participants'],
        groups: groups.all(params) as SearchResult['groups'],
        leaders: leaders.all(params) as SearchResult['leaders'],
      };
    },
  };
}
