import { AREAS } from './areas';
import { ALL, MEASURES, type AggregatesResult } from './disclosure/aggregates';
import type { DisclosurePlan } from './disclosure';
import { AGE_BANDS, ageBand, childAgeAtStart, generalisePeriod, MAX_CHILD_AGE, PERIOD_PATTERNS, safeCode } from './generalise';
import * as L from './labels';
import {
  ATTENDANCE_RECORDINGS,
  ATTENDANCE_STATES,
  CHILD_GENDERS,
  FIDELITY_COMPONENTS,
  GROUP_STATUSES,
  LEADER_ROLES,
  PARTICIPANT_STATUSES,
  RELATIONS,
  SESSION_STATUSES,
  type ExportSource,
  type SourceGroup,
} from './model';
import { buildOutcomeTables, hasOutcomes } from './outcome-tables';
import type { Pseudonymiser } from './pseudonym';
import { PersonIndex } from './person-index';
import { bi, flag, type Cell, type ColumnDef, type TableDef } from './table-def';

/**
 * The exported tables. Every value written here passes through a pseudonym, a
 * generalisation, a code list or a count: nothing is copied from a free-text or identifying field.
 * The disclosure plan decides the detail of every quasi-identifier, which values are hidden ("*")
 * and which participant rows are left out.
 */

export interface TableContext {
  source: ExportSource;
  pseudo: Pseudonymiser;
  plan: DisclosurePlan;
}

/** A value hidden to keep the participant rows k-anonymous; '' stays "not recorded". */
export const HIDDEN = '*';

/** The tables of every package; responses and scores join them when the scope holds questionnaire answers (see outcome-tables). */
export const TABLE_NAMES = ['groups', 'sessions', 'participants', 'attendance', 'fidelity', 'leaders', 'aggregates'] as const;

const enumColumn = (
  name: string,
  description: ColumnDef['description'],
  labels: Record<string, ColumnDef['description']>,
  values: readonly string[],
  required = true,
): ColumnDef => ({
  name,
  type: 'string',
  required,
  description,
  enum: values,
  enumLabels: labels,
});

/**
 * Maps a row stream without turning a synchronous one into an asynchronous one: a promise per
 * attendance row would cost more than building the row.
 */
function mapRows<T>(rows: Iterable<T> | AsyncIterable<T>, map: (row: T) => Cell[] | undefined): Iterable<Cell[]> | AsyncIterable<Cell[]> {
  if (Symbol.asyncIterator in rows) {
    return (async function* () {
      for await (const row of rows) {
        const cells = map(row);
        if (cells) yield cells;
      }
    })();
  }
  return (function* () {
    for (const row of rows) {
      const cells = map(row);
      if (cells) yield cells;
    }
  })();
}

export function buildTables(ctx: TableContext): TableDef[] {
  const { source, plan } = ctx;
  const detail = plan.generalisation;
  const programmes = new Map(source.programmes.map((p) => [p.id, p]));
  const groups = new Map(source.groups.map((g) => [g.id, g]));
  // Indexes into source.participants of the rows participants.csv writes; each row's decision is
  // asked for again as it is written: a wrapper and a decision object per row would live as long
  // as the export, some 200,000 objects at city scale.
  const people = source.participants;
  const rows: number[] = [];
  for (let index = 0; index < people.length; index++) {
    const decision = plan.row(index);
    if (decision && !decision.withheld) rows.push(index);
  }
  const rowLevel = Int32Array.from(rows);
  // Attendance, responses and scores rows name a person and a group; the participant pseudonyms
  // are memoised there too, one per person with a row.
  const persons = new PersonIndex(people, rowLevel);
  const isEnrolled = (participantId: string, groupId: string) => persons.has(participantId, groupId);
  const pseudo: Pseudonymiser = (entity, id) => (entity === 'participant' ? persons.pseudonym(id, () => ctx.pseudo(entity, id)) : ctx.pseudo(entity, id));
  // Counted in the disclosure check's pass over the sessions: a pass of their own here would read them all again.
  const heldByGroup = plan.sessionsHeld;

  const programmeCode = (g: SourceGroup) => programmes.get(g.programmeId)?.code ?? '';
  const programmeCodes = [...new Set(source.programmes.map((p) => p.code))].sort();
  // By unit, which alone decides the label: a few hundred units, against a map entry per group.
  const unitLabels = new Map<string, string>();
  const unitLabel = (g: SourceGroup) => {
    let label = unitLabels.get(g.unitId);
    if (label === undefined) unitLabels.set(g.unitId, (label = plan.unitLabel(g)));
    return label;
  };
  const unitValues = detail.unit === 'unit' ? [...new Set(source.units.map((u) => u.name))].sort() : detail.unit === 'area' ? [...AREAS] : [];
  const periods = new Map<string, string>();
  const period = (date: string) => {
    let value = periods.get(date);
    if (value === undefined) periods.set(date, (value = generalisePeriod(date, detail.period)));
    return value;
  };
  const groupId = (id: string) => pseudo('group', id);

  const periodColumn = (name: string, description: ColumnDef['description']): ColumnDef =>
    detail.period === 'month'
      ? { name, type: 'yearmonth', required: true, description }
      : detail.period === 'year'
        ? { name, type: 'year', required: true, description }
        : { name, type: 'string', required: true, description, pattern: PERIOD_PATTERNS[detail.period] };
  const periodNote = {
    month: bi('år-månad, ÅÅÅÅ-MM', 'year-month, YYYY-MM'),
    week: bi('ISO-vecka, ÅÅÅÅ-Www', 'ISO week, YYYY-Www'),
    quarter: bi('kvartal, ÅÅÅÅ-Qn', 'quarter, YYYY-Qn'),
    half: bi('halvår, ÅÅÅÅ-Hn', 'half-year, YYYY-Hn'),
    year: bi('år, ÅÅÅÅ', 'year, YYYY'),
  }[detail.period];
  const groupIdColumn: ColumnDef = {
    name: 'group_id',
    type: 'string',
    required: true,
    description: bi('Gruppens pseudonym (G-…)', 'Pseudonym of the group (G-…)'),
    pattern: '^G-[A-Z2-7]{26}$',
  };
  const sessionNumberColumn: ColumnDef = {
    name: 'session_number',
    type: 'integer',
    required: true,
    description: bi('Träffens nummer i gruppen', 'Number of the session within the group'),
    minimum: 1,
  };
  const programmeColumn = enumColumn('programme', bi('Programmets kod', 'Programme code'), {}, programmeCodes);
  const unitColumns: ColumnDef[] =
    detail.unit === 'unit'
      ? [enumColumn('unit', bi('Enhet (stadsdelsförvaltning, skola …)', 'Unit (district, school …)'), {}, unitValues)]
      : detail.unit === 'area'
        ? [
            enumColumn(
              'area',
              bi('Enhetens område: stadsdel i Stockholm, annars typ av enhet', "The unit's area: part of Stockholm, else kind of unit"),
              L.areaLabels,
              unitValues,
            ),
          ]
        : [];
  const withUnit = detail.unit !== 'dropped';

  const groupsTable: TableDef = {
    name: 'groups',
    title: bi('Grupper', 'Groups'),
    description: bi('En rad per grupp i urvalet.', 'One row per group in scope.'),
    columns: [
      groupIdColumn,
      programmeColumn,
      ...unitColumns,
      periodColumn('start_period', bi(`Gruppens start (${periodNote.sv})`, `Group start (${periodNote.en})`)),
      enumColumn('status', bi('Gruppens status', 'Group status'), L.groupStatusLabels, GROUP_STATUSES),
      {
        name: 'sessions_planned',
        type: 'integer',
        required: true,
        minimum: 0,
        description: bi('Antal träffar enligt programmet', 'Sessions in the programme'),
      },
      { name: 'sessions_held', type: 'integer', required: true, minimum: 0, description: bi('Antal genomförda träffar', 'Sessions held') },
    ],
    primaryKey: ['group_id'],
    foreignKeys: [],
    *rows() {
      for (const g of source.groups) {
        yield [
          groupId(g.id),
          programmeCode(g),
          ...(withUnit ? [unitLabel(g)] : []),
          period(g.startDate),
          g.status,
          programmes.get(g.programmeId)?.sessionCount ?? null,
          heldByGroup.get(g.id) ?? 0,
        ];
      }
    },
  };

  const sessionsTable: TableDef = {
    name: 'sessions',
    title: bi('Träffar', 'Sessions'),
    description: bi('En rad per träff (planerad, genomförd eller inställd).', 'One row per session (planned, held or cancelled).'),
    columns: [
      groupIdColumn,
      sessionNumberColumn,
      periodColumn('period', bi(`När träffen hölls, annars planerades (${periodNote.sv})`, `When the session was held, else planned (${periodNote.en})`)),
      enumColumn('status', bi('Träffens status', 'Session status'), L.sessionStatusLabels, SESSION_STATUSES),
      {
        name: 'is_extra',
        type: 'boolean',
        required: true,
        description: bi('Extra träff utöver programmet (1 = ja, 0 = nej)', 'Extra session beyond the programme (1 = yes, 0 = no)'),
      },
      {
        name: 'participant_count',
        type: 'integer',
        required: false,
        minimum: 0,
        description: bi('Antal närvarande enligt gruppledaren (alla deltagare)', 'Number present as recorded by the leaders (all participants)'),
      },
    ],
    primaryKey: ['group_id', 'session_number'],
    foreignKeys: [{ fields: ['group_id'], reference: { resource: 'groups', fields: ['group_id'] } }],
    *rows() {
      for (const s of source.sessions()) {
        if (!groups.has(s.groupId)) continue;
        yield [groupId(s.groupId), s.number, period(s.heldDate ?? s.plannedDate), s.status, flag(s.isExtra), s.participantCount];
      }
    },
  };

  const hiddenNote = bi(' "*" = dold för att ingen ska kunna pekas ut.', ' "*" = hidden so that no one can be singled out.');
  const hideable = (column: ColumnDef): ColumnDef => ({
    ...column,
    required: false,
    description: bi(column.description.sv + hiddenNote.sv, column.description.en + hiddenNote.en),
  });
  const ageColumns: ColumnDef[] =
    detail.childAge === 'band'
      ? [hideable(enumColumn('child_age_band', bi('Barnets åldersgrupp vid gruppstart', "Child's age band at group start"), L.ageBandLabels, AGE_BANDS, false))]
      : detail.childAge === 'exact'
        ? [
            hideable({
              name: 'child_age',
              type: 'integer',
              required: false,
              minimum: 0,
              maximum: MAX_CHILD_AGE,
              description: bi(
                'Barnets ålder i hela år vid gruppstart: den ålder barnet fyller under startåret',
                "Child's age in whole years at group start: the age the child reaches in the start year",
              ),
            }),
          ]
        : [];
  const participantsTable: TableDef = {
    name: 'participants',
    title: bi('Deltagare', 'Participants'),
    description: bi(
      'En rad per deltagare och grupp, endast deltagare som samtyckt till utvärdering. Pseudonymiserade uppgifter. Varje rad delar enhet, program, startperiod, relation, barnets ålder och kön med minst k − 1 andra rader; enstaka värden är ersatta med "*" där det behövs. Den som lämnat en grupp och kommit tillbaka har en rad, med sin senaste inskrivning, och närvaron, svaren och poängen i paketet gäller den.',
      'One row per participant and group, only participants who consented to evaluation. Pseudonymised data. Every row shares unit, programme, start period, relation, child age and gender with at least k − 1 other rows; single values are replaced by "*" where needed. A person who left a group and came back has one row, with their latest enrolment, and the attendance, answers and scores in the package are those of it.',
    ),
    columns: [
      {
        name: 'participant_id',
        type: 'string',
        required: true,
        pattern: '^P-[A-Z2-7]{26}$',
        description: bi('Deltagarens pseudonym (P-…)', 'Pseudonym of the participant (P-…)'),
      },
      groupIdColumn,
      {
        name: 'family_id',
        type: 'string',
        required: true,
        pattern: '^F-[A-Z2-7]{26}$',
        description: bi(
          'Familjens pseudonym (F-…): vårdnadshavare till samma barn delar den',
          'Pseudonym of the family (F-…): caregivers of the same child share it',
        ),
      },
      ...unitColumns,
      programmeColumn,
      periodColumn('start_period', bi(`Gruppens start (${periodNote.sv})`, `Group start (${periodNote.en})`)),
      hideable(enumColumn('relation', bi('Deltagarens relation till barnet', "Participant's relation to the child"), L.relationLabels, RELATIONS)),
      ...ageColumns,
      hideable(enumColumn('child_gender', bi('Barnets kön', "Child's gender"), L.genderLabels, CHILD_GENDERS, false)),
      enumColumn('status', bi('Deltagarens status', 'Participant status'), L.participantStatusLabels, PARTICIPANT_STATUSES),
      enumColumn(
        'attendance_recording',
        bi(
          'Hur gruppen registrerade närvaro; vid counts_only finns ingen närvaro per person, och status bygger inte på närvaro',
          'How the group recorded attendance; with counts_only there is no attendance per person, and status is not based on attendance',
        ),
        L.attendanceRecordingLabels,
        ATTENDANCE_RECORDINGS,
      ),
      {
        name: 'last_session_attended',
        type: 'integer',
        required: false,
        minimum: 1,
        description: bi('Sista träff deltagaren var närvarande (vid avhopp)', 'Last session attended (for dropouts)'),
      },
      {
        name: 'dropout_reason',
        type: 'string',
        required: false,
        pattern: '^[a-z0-9_]{1,32}$',
        description: bi('Kod för orsak till avhopp', 'Code of the dropout reason'),
      },
    ],
    missingValues: ['', HIDDEN],
    primaryKey: ['participant_id', 'group_id'],
    foreignKeys: [{ fields: ['group_id'], reference: { resource: 'groups', fields: ['group_id'] } }],
    *rows() {
      for (const index of rowLevel) {
        const p = people.at(index);
        const decision = plan.row(index)!;
        const g = groups.get(p.groupId)!;
        const age = childAgeAtStart(p.childBirthYear, g.startDate);
        yield [
          pseudo('participant', p.id),
          groupId(g.id),
          p.familyId === null ? pseudo('family', `solo:${p.id}`) : pseudo('family', p.familyId),
          ...(withUnit ? [unitLabel(g)] : []),
          programmeCode(g),
          period(g.startDate),
          decision.hideRelation ? HIDDEN : p.relation,
          ...(detail.childAge === 'dropped' ? [] : [decision.hideAge ? HIDDEN : detail.childAge === 'band' ? ageBand(age) : age]),
          decision.hideGender ? HIDDEN : p.childGender,
          p.status,
          g.attendanceRecording,
          p.lastSessionAttended,
          safeCode(p.dropoutReason),
        ];
      }
    },
  };

  const participantIdColumn = participantsTable.columns[0]!;
  const attendanceTable: TableDef = {
    name: 'attendance',
    title: bi('Närvaro', 'Attendance'),
    description: bi('En rad per deltagare och träff där närvaro registrerats.', 'One row per participant and session with recorded attendance.'),
    columns: [participantIdColumn, groupIdColumn, sessionNumberColumn, enumColumn('state', bi('Närvaro', 'Attendance'), L.attendanceLabels, ATTENDANCE_STATES)],
    primaryKey: ['participant_id', 'group_id', 'session_number'],
    foreignKeys: [
      { fields: ['participant_id', 'group_id'], reference: { resource: 'participants', fields: ['participant_id', 'group_id'] } },
      { fields: ['group_id', 'session_number'], reference: { resource: 'sessions', fields: ['group_id', 'session_number'] } },
    ],
    rows: () =>
      mapRows(source.attendance(), (a) => {
        if (!groups.has(a.groupId) || !isEnrolled(a.participantId, a.groupId)) return undefined;
        return [pseudo('participant', a.participantId), groupId(a.groupId), a.sessionNumber, a.state];
      }),
  };

  const fidelityTable: TableDef = {
    name: 'fidelity',
    title: bi('Programtrohet', 'Fidelity'),
    description: bi('En rad per träff och moment i sessionsplanen.', 'One row per session and component of the session plan.'),
    columns: [
      groupIdColumn,
      sessionNumberColumn,
      {
        name: 'component_no',
        type: 'integer',
        required: true,
        minimum: 1,
        description: bi('Momentets plats i sessionsplanen', 'Position of the component in the session plan'),
      },
      enumColumn('component', bi('Typ av moment', 'Kind of component'), L.componentLabels, FIDELITY_COMPONENTS),
      { name: 'covered', type: 'boolean', required: true, description: bi('Momentet genomfördes (1 = ja, 0 = nej)', 'Component covered (1 = yes, 0 = no)') },
    ],
    primaryKey: ['group_id', 'session_number', 'component_no'],
    foreignKeys: [{ fields: ['group_id', 'session_number'], reference: { resource: 'sessions', fields: ['group_id', 'session_number'] } }],
    rows: () =>
      mapRows(source.fidelity(), (f) => {
        if (!groups.has(f.groupId)) return undefined;
        return [groupId(f.groupId), f.sessionNumber, f.componentNo, f.component, flag(f.covered)];
      }),
  };

  const leadersTable: TableDef = {
    name: 'leaders',
    title: bi('Gruppledare och handledare', 'Leaders and supervisors'),
    description: bi('En rad per grupp och medarbetare (pseudonymiserad).', 'One row per group and staff member (pseudonymised).'),
    columns: [
      groupIdColumn,
      {
        name: 'leader_id',
        type: 'string',
        required: true,
        pattern: '^L-[A-Z2-7]{26}$',
        description: bi('Medarbetarens pseudonym (L-…)', 'Pseudonym of the staff member (L-…)'),
      },
      enumColumn('role', bi('Roll i gruppen', 'Role in the group'), L.roleLabels, LEADER_ROLES),
    ],
    primaryKey: ['group_id', 'leader_id', 'role'],
    foreignKeys: [{ fields: ['group_id'], reference: { resource: 'groups', fields: ['group_id'] } }],
    *rows() {
      for (const gs of source.groupStaff()) {
        if (groups.has(gs.groupId)) yield [groupId(gs.groupId), pseudo('leader', gs.staffId), gs.role];
      }
    },
  };

  return [
    groupsTable,
    sessionsTable,
    participantsTable,
    attendanceTable,
    fidelityTable,
    leadersTable,
    ...(hasOutcomes(source.outcomes)
      ? buildOutcomeTables({
          outcomes: source.outcomes,
          pseudo,
          groups,
          isEnrolled,
          participantIdColumn,
          groupIdColumn,
        })
      : []),
    aggregatesTable(plan.assessment.aggregates, programmeCodes, unitValues, detail.unit === 'area' ? L.areaLabels : {}),
  ];
}

function aggregatesTable(aggregates: AggregatesResult, programmeCodes: string[], unitValues: string[], areaLabels: ColumnDef['enumLabels'] = {}): TableDef {
  return {
    name: 'aggregates',
    title: bi('Sammanställning', 'Aggregates'),
    description: bi(
      'Antal per program × enhet × år, alla deltagare oavsett samtycke. Enheten har samma detaljnivå som i radfilerna (enhet, område eller utelämnad). Värden 1–4 och celler som annars kan räknas fram, även med hjälp av radfilerna, är undertryckta; värden som radfilerna redan visar exakt (grupper, genomförda träffar) publiceras. Här betyder "*" summa; summorna är summor av cellerna.',
      'Counts by programme × unit × year, all participants regardless of consent. The unit has the same detail as in the row-level files (unit, area or left out). Values 1–4 and cells that could otherwise be derived, the row-level files included, are suppressed; values the row-level files already show exactly (groups, sessions held) are published. Here "*" means total; totals are sums of the cells.',
    ),
    columns: [
      { name: 'year', type: 'integer', required: true, minimum: 1900, maximum: 2999, description: bi('År', 'Year') },
      enumColumn('programme', bi('Programmets kod, * = alla program', 'Programme code, * = all programmes'), {}, [...programmeCodes, ALL]),
      enumColumn('unit', bi('Enhet eller område som i radfilerna, * = alla', 'Unit or area as in the row-level files, * = all'), areaLabels, [
        ...unitValues,
        ALL,
      ]),
      enumColumn('measure', bi('Mått', 'Measure'), L.measureLabels, MEASURES),
      { name: 'value', type: 'integer', required: false, minimum: 0, description: bi('Antal; tomt om undertryckt', 'Count; blank when suppressed') },
      {
        name: 'suppressed',
        type: 'boolean',
        required: true,
        description: bi('Värdet är undertryckt (1 = ja, 0 = nej)', 'The value is suppressed (1 = yes, 0 = no)'),
      },
    ],
    primaryKey: ['year', 'programme', 'unit', 'measure'],
    foreignKeys: [],
    *rows(): Iterable<Cell[]> {
      for (const r of aggregates.rows) yield [r.year, r.programme, r.unit, r.measure, r.value, flag(r.suppressed)];
    },
  };
}
