import type Database from 'better-sqlite3';
import type { GroupSummary } from '../../ipc/contract';
import { yearRange } from '../domain/dates';
import { containsPattern } from '../domain/text';
import { summaryColumns, summaryCompleter } from './groups';

export interface GroupFilter {
  programmeId?: string | undefined;
  unitId?: string | undefined;
  status?: GroupSummary['status'] | undefined;
  year?: number | undefined;
  search?: string | undefined;
  limit: number;
  offset: number;
}

type Params = Record<string, string | number>;

/**
 * The group list: filters become a WHERE clause over indexed columns, the page is ordered by
 * start date through its index (rowid breaks ties without a sort), and the page's leaders and
 * session counts are fetched in bulk afterwards. Statements are prepared once per filter shape.
 */
export function groupListRepo(sqlite: Database.Database) {
  const complete = summaryCompleter(sqlite);
  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let s = statements.get(text);
    if (!s) statements.set(text, (s = sqlite.prepare(text)));
    return s;
  };

  function whereClause(f: GroupFilter): { text: string; params: Params; needsNames: boolean } {
    const parts: string[] = [];
    const params: Params = {};
    const equal = (column: string, key: string, value: string | undefined) => {
      if (!value) return;
      parts.push(`${column} = @${key}`);
      params[key] = value;
    };
    equal('g.programme_id', 'programmeId', f.programmeId);
    equal('g.unit_id', 'unitId', f.unitId);
    equal('g.status', 'status', f.status);
    if (f.year !== undefined) {
      const { from, to } = yearRange(f.year);
      parts.push('g.start_date >= @yearFrom and g.start_date < @yearTo');
      Object.assign(params, { yearFrom: from, yearTo: to });
    }
    const search = f.search?.trim();
    if (search) {
      params.pattern = containsPattern(search);
      parts.push(`(komet_fold(g.venue) like @pattern escape '\\' or komet_fold(p.name) like @pattern escape '\\'
        or komet_fold(u.name) like @pattern escape '\\'
        or exists (select 1 from group_leaders gl join staff s on s.id = gl.staff_id
                   where gl.group_id = g.id and komet_fold(s.name) like @pattern escape '\\'))`);
    }
    return { text: parts.length ? `where ${parts.join(' and ')}` : '', params, needsNames: Boolean(search) };
  }

  return {
    list(f: GroupFilter): { items: GroupSummary[]; total: number } {
      const w = whereClause(f);
      const joins = 'join programmes p on p.id = g.programme_id join units u on u.id = g.unit_id';
      const countSql = `select count(*) as n from groups g ${w.needsNames ? joins : ''} ${w.text}`;
      const total = (prepared(countSql).get(w.params) as { n: number }).n;
      if (total === 0 || f.offset >= total) return { items: [], total };
      const pageSql = `select ${summaryColumns} from groups g ${joins} ${w.text}
        order by g.start_date desc, g.rowid desc limit @limit offset @offset`;
      const rows = prepared(pageSql).all({ ...w.params, limit: f.limit, offset: f.offset }) as Parameters<typeof complete>[0];
      return { items: complete(rows), total };
    },
  };
}
export type GroupListRepo = ReturnType<typeof groupListRepo>;
