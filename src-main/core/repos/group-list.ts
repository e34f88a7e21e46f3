import type Database from 'better-sqlite3';
import type { GroupSummary } from '../../contract';
import { yearRange } from '../domain/dates';
import { containsGlob } from '../domain/text';
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

  function whereClause(f: GroupFilter): { text: string; params: Params; searching: boolean } {
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
      params.pattern = containsGlob(search);
      // Programme, unit and leader matches are resolved once as id sets, not per group row.
      parts.push(`(g.venue glob @pattern
        or g.programme_id in (select id from programmes where name glob @pattern)
        or g.unit_id in (select id from units where name glob @pattern)
        or g.id in (select gl.group_id from group_leaders gl join staff s on s.id = gl.staff_id where s.name glob @pattern))`);
    }
    return { text: parts.length ? `where ${parts.join(' and ')}` : '', params, searching: Boolean(search) };
  }

  // One seek in the start-date index per year, newest first: the latest start before each year
  // found names the year before it. Reading every group's date instead cost 4 ms a call at 17,000
  // groups, on every opening of the list.
  const startYears = sqlite
    .prepare<[], number>(
      `with recursive y(year) as (
         select cast(substr(max(start_date), 1, 4) as integer) from groups
         union all
         select (select cast(substr(max(start_date), 1, 4) as integer) from groups where start_date < printf('%04d', y.year))
         from y where y.year is not null
       )
       select year from y where year is not null`,
    )
    .pluck();

  return {
    years: (): number[] => startYears.all(),
    list(f: GroupFilter): { items: GroupSummary[]; total: number } {
      const w = whereClause(f);
      const joins = 'join programmes p on p.id = g.programme_id join units u on u.id = g.unit_id';
      const countSql = `select count(*) as n from groups g ${w.text}`;
      const total = (prepared(countSql).get(w.params) as { n: number }).n;
      if (total === 0 || f.offset >= total) return { items: [], total };
      // A search reads every group anyway: in storage order that is sequential, in date order random.
      const pageSql = `select ${summaryColumns} from groups g ${w.searching ? 'not indexed' : ''} ${joins} ${w.text}
        order by g.start_date desc, g.rowid desc limit @limit offset @offset`;
      const rows = prepared(pageSql).all({ ...w.params, limit: f.limit, offset: f.offset }) as Parameters<typeof complete>[0];
      return { items: complete(rows), total };
    },
  };
}
export type GroupListRepo = ReturnType<typeof groupListRepo>;
