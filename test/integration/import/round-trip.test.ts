import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/core/clock';
import { addDemoData } from '../../../src-main/core/demo/add-demo';
import type { ImportKind } from '../../../src-main/core/import/kinds';
import { adjustMapping, guessMapping } from '../../../src-main/core/import/mapping';
import { readTable } from '../../../src-main/core/import/read-table';
import { createServices } from '../../../src-main/core/services';
import { noAudit } from '../../../src-main/core/audit';
import { createTestApp, type TestApp } from '../../helpers/db';

const today = '2026-03-15';
let source: TestApp;
let target: TestApp;
beforeEach(() => {
  source = createTestApp({ now: `${today}T10:00:00.000Z` });
  target = createTestApp({ now: `${today}T10:00:00.000Z` });
});
afterEach(() => {
  source.close();
  target.close();
});

type Row = Record<string, string | number | null>;
const all = (t: TestApp, sql: string) => t.app.db.sqlite.prepare(sql).all() as Row[];

// The lists as a district keeps them: staff, the groups they lead, the parents in the groups.
const staffSql = `select s.name, u.name as unit, s.email, s.phone, s.is_leader as leader, s.is_supervisor as supervisor
  from staff s left join units u on u.id = s.unit_id where s.active = 1`;
const groupsSql = `select g.id, p.code as programme, u.name as unit, g.start_date as start, g.start_time as time, g.venue,
    (select group_concat(coalesce(l.email, l.name), ', ') from (select s.email, s.name from group_leaders gl join staff s on s.id = gl.staff_id
      where gl.group_id = g.id order by coalesce(s.email, s.name)) l) as leaders,
    (select coalesce(s.email, s.name) from staff s where s.id = g.supervisor_id) as supervisor
  from groups g join programmes p on p.id = g.programme_id join units u on u.id = g.unit_id
  where g.status <> 'cancelled'
    and not exists (select 1 from group_leaders gl join staff s on s.id = gl.staff_id where gl.group_id = g.id and s.active = 0)
    and not exists (select 1 from staff s where s.id = g.supervisor_id and s.active = 0)`;
const participantsSql = (groupIds: string) => `select p.code as programme, u.name as unit, g.start_date as start, pa.display_name as name,
    pa.relation, pa.family_id as family, pa.enrolment_date as enrolled, pa.consent, pa.consent_date as consentDate
  from participants pa join groups g on g.id = pa.group_id join programmes p on p.id = g.programme_id join units u on u.id = g.unit_id
  where pa.manual_status is not 'moved' and pa.group_id in (${groupIds})`;

const relationWord: Record<string, string> = {
  mother: 'mother',
  father: 'father',
  other_caregiver: 'other caregiver',
  foster_parent: 'foster parent',
  teacher: 'teacher',
  preschool_staff: 'preschool staff',
};
const consentWord: Record<string, string> = { yes: 'yes', no: 'no', not_asked: 'not asked' };

const csv = (rows: unknown[][]) => '\uFEFF' + rows.map((r) => r.map((c) => `"${String(c ?? '').replace(/"/g, '""')}"`).join(';')).join('\r\n') + '\r\n';

async function importFile(kind: ImportKind, rows: unknown[][]) {
  const file = path.join(target.dir, `${kind}.csv`);
  fs.writeFileSync(file, csv(rows));
  const table = await readTable(file);
  const mapping = adjustMapping(kind, table.headers, guessMapping(kind, table.headers), {});
  const services = createServices(target.app.db, { clock: fixedClock(`${today}T10:00:00.000Z`), audit: noAudit });
  const { plan } = services.imports.commit(kind, table, mapping);
  return plan.counts;
}

describe('the demo lists, written out as spreadsheets and imported into an empty database', () => {
  it('come back the same: staff, groups with their leaders and supervisors, participants with their families', async () => {
    addDemoData(source.app.db, { scale: 0.1, seed: 3, today });
    const staff = all(source, staffSql);
    const groups = all(source, groupsSql);
    const participants = all(source, participantsSql(groups.map((g) => `'${g.id}'`).join(',')));
    expect(staff.length).toBeGreaterThan(5);
    expect(groups.length).toBeGreaterThan(3);
    expect(participants.length).toBeGreaterThan(20);

    const yes = (v: unknown) => (v ? 'ja' : 'nej');
    expect(
      await importFile('staff', [
        ['Namn', 'Enhet', 'E-post', 'Telefon', 'Gruppledare', 'Handledare'],
        ...staff.map((s) => [s.name, s.unit, s.email, s.phone, yes(s.leader), yes(s.supervisor)]),
      ]),
    ).toEqual({ new: staff.length, existing: 0, duplicate: 0, invalid: 0 });
    expect(
      await importFile('groups', [
        ['Program', 'Enhet', 'Startdatum', 'Tid', 'Gruppledare', 'Handledare', 'Lokal'],
        ...groups.map((g) => [g.programme, g.unit, g.start, g.time, g.leaders, g.supervisor, g.venue]),
      ]),
    ).toEqual({ new: groups.length, existing: 0, duplicate: 0, invalid: 0 });
    expect(
      await importFile('participants', [
        ['Program', 'Enhet', 'Gruppstart', 'Namn', 'Relation', 'Familj', 'Inskriven', 'Samtycke', 'Samtyckesdatum'],
        ...participants.map((p) => [
          p.programme,
          p.unit,
          p.start,
          p.name,
          relationWord[p.relation!],
          p.family,
          p.enrolled,
          consentWord[p.consent!],
          p.consentDate,
        ]),
      ]),
    ).toEqual({ new: participants.length, existing: 0, duplicate: 0, invalid: 0 });

    const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();
    const withoutIds = (rows: Row[]) => rows.map(({ id: _, ...r }) => r);
    expect(sorted(all(target, staffSql))).toEqual(sorted(staff));
    expect(sorted(withoutIds(all(target, groupsSql)))).toEqual(sorted(withoutIds(groups)));
    // Family ids are new in the target: compare who shares a family, not the ids.
    const families = (rows: Row[]) => {
      const byFamily = new Map<string, string[]>();
      for (const r of rows) byFamily.set(String(r.family), [...(byFamily.get(String(r.family)) ?? []), `${r.start}|${r.name}`]);
      return [...byFamily.values()].map((names) => names.sort().join(' + ')).sort();
    };
    const targetParticipants = all(
      target,
      participantsSql(
        all(target, 'select id from groups')
          .map((g) => `'${g.id}'`)
          .join(','),
      ),
    );
    const withoutFamily = (rows: Row[]) => rows.map(({ family: _, ...r }) => r);
    expect(sorted(withoutFamily(targetParticipants))).toEqual(sorted(withoutFamily(participants)));
    expect(families(targetParticipants)).toEqual(families(participants));
  });
});
