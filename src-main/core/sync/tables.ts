/**
 * Which tables sync, and how each column travels. Every column of a synced table is exactly one
 * of: a key column, part of a synced cell, derived (recomputed locally from synced data, never
 * taken from the wire) or local (this copy's own bookkeeping). A test holds this list against the
 * schema, and the capture triggers in the migrations are generated from it (scripts/sync-triggers.ts).
 */

/** Where a table's cells live: city reference data, a group, a group's identifying data, a leader's pathway. */
export type PartKind = 'ref' | 'group' | 'people' | 'pathway' | 'subject';

/** One cell in the engine. Columns that must change together (a check constraint spans them) travel as one cell. */
export interface CellDef {
  id: string;
  columns: readonly string[];
}

export interface PartDef {
  kind: PartKind;
  cells: readonly CellDef[];
}

export interface ParentRef {
  table: string;
  columns: readonly string[];
  /** A required parent holds the row back until it arrives; an optional one is left empty until then. */
  required: boolean;
}

export interface SyncedTable {
  name: string;
  key: readonly string[];
  parts: readonly PartDef[];
  derived: readonly string[];
  local: readonly string[];
  parents: readonly ParentRef[];
}

const cells = (...specs: (string | [string, ...string[]])[]): CellDef[] =>
  specs.map((s) => (typeof s === 'string' ? { id: s, columns: [s] } : { id: s[0], columns: s.slice(1) }));
const part = (kind: PartKind, ...specs: (string | [string, ...string[]])[]): PartDef => ({ kind, cells: cells(...specs) });
const parent = (table: string, column: string | string[], required = true): ParentRef => ({
  table,
  columns: typeof column === 'string' ? [column] : column,
  required,
});

/** In foreign-key order: a table's parents come before it. */
export const syncedTables: readonly SyncedTable[] = [
  {
    name: 'units',
    key: ['id'],
    parts: [part('ref', 'name', 'kind', 'active', 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [],
  },
  {
    // A unit's school breaks are calendar facts, not about anyone: every machine may warn with them.
    name: 'school_breaks',
    key: ['id'],
    parts: [part('ref', 'unit_id', 'name', 'start_date', 'end_date', 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [parent('units', 'unit_id')],
  },
  {
    name: 'programmes',
    key: ['id'],
    parts: [part('ref', 'name', 'code', 'audience', 'session_count', 'session_length_minutes', 'child_age_min', 'child_age_max', 'active', 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [],
  },
  {
    name: 'staff',
    key: ['id'],
    parts: [part('ref', 'name', 'unit_id', 'email', 'phone', 'is_leader', 'is_supervisor', 'active', 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [parent('units', 'unit_id', false)],
  },
  {
    name: 'dropout_reasons',
    key: ['id'],
    parts: [part('ref', 'code', 'label_sv', 'label_en', 'sort_order', 'active', 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [],
  },
  {
    name: 'programme_rules',
    key: ['programme_id'],
    parts: [part('ref', 'completion_percent', ['limits', 'dropout_after', 'at_risk_after'])],
    derived: [],
    local: ['updated_at'],
    parents: [parent('programmes', 'programme_id')],
  },
  {
    name: 'pathway_requirements',
    key: ['programme_id'],
    parts: [part('ref', 'min_course_days', 'require_supervised_group', 'supervised_group_min_held_percent', 'min_supervision_sessions')],
    derived: [],
    local: ['updated_at'],
    parents: [parent('programmes', 'programme_id')],
  },
  {
    name: 'session_plans',
    key: ['id'],
    parts: [part('ref', 'programme_id', 'number', 'title', 'components', 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [parent('programmes', 'programme_id')],
  },
  {
    // first_date and last_date travel so the row can stand before its days arrive, and are then
    // recomputed from the days that did.
    name: 'courses',
    key: ['id'],
    parts: [part('ref', 'programme_id', 'title', 'trainer_staff_id', 'trainer_name', 'note', 'first_date', 'last_date', 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [parent('programmes', 'programme_id'), parent('staff', 'trainer_staff_id', false)],
  },
  {
    name: 'course_days',
    key: ['course_id', 'date'],
    parts: [part('ref', 'course_id', 'date')],
    derived: [],
    local: [],
    parents: [parent('courses', 'course_id')],
  },
  {
    name: 'groups',
    key: ['id'],
    parts: [
      part(
        'group',
        'programme_id',
        'unit_id',
        'supervisor_id',
        'venue',
        'start_date',
        'weekday',
        'start_time',
        'note',
        'status',
        'tracks_attendance',
        'created_at',
      ),
    ],
    derived: [],
    local: ['updated_at'],
    parents: [parent('programmes', 'programme_id'), parent('units', 'unit_id'), parent('staff', 'supervisor_id', false)],
  },
  {
    name: 'group_leaders',
    key: ['group_id', 'staff_id'],
    parts: [part('group', 'created_at')],
    derived: [],
    local: [],
    parents: [parent('groups', 'group_id'), parent('staff', 'staff_id')],
  },
  {
    // participant_count is typed in where attendance is not tracked, and recomputed where it is.
    name: 'sessions',
    key: ['id'],
    parts: [
      part('group', 'group_id', 'number', 'planned_date', ['state', 'status', 'held_date', 'cancel_reason'], 'participant_count', 'is_extra', 'created_at'),
    ],
    derived: ['family_count', 'fidelity_percent'],
    local: ['updated_at'],
    parents: [parent('groups', 'group_id')],
  },
  {
    name: 'fidelity_records',
    key: ['session_id'],
    parts: [part('group', 'title', 'components', 'note', 'created_at')],
    derived: ['covered_count', 'total_count'],
    local: ['updated_at'],
    parents: [parent('sessions', 'session_id')],
  },
  {
    name: 'families',
    key: ['id'],
    parts: [part('group', 'child_birth_year', 'child_gender', 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [],
  },
  {
    // Names and contact details travel only in the group's identifying scope.
    name: 'participants',
    key: ['id'],
    parts: [
      part(
        'group',
        'person_id',
        'group_id',
        'family_id',
        'relation',
        'enrolment_date',
        ['consent', 'consent', 'consent_date'],
        ['manual', 'manual_status', 'dropout_reason_id', 'manual_last_session', 'moved_to_group_id'],
        'keep_active',
        'moved_from_group_id',
        'created_at',
      ),
      part('people', 'display_name', 'contact'),
    ],
    derived: ['status', 'at_risk', 'absent_streak', 'present_count', 'marked_count', 'held_count', 'last_session_attended'],
    local: ['updated_at'],
    parents: [
      parent('groups', 'group_id'),
      parent('families', 'family_id'),
      parent('dropout_reasons', 'dropout_reason_id', false),
      parent('groups', 'moved_from_group_id', false),
      parent('groups', 'moved_to_group_id', false),
    ],
  },
  {
    // The key travels in the row id only: a mark is one cell, and marks are the most numerous rows.
    name: 'attendance',
    key: ['participant_id', 'session_id'],
    parts: [part('group', 'state')],
    derived: [],
    local: ['updated_at'],
    parents: [parent('participants', 'participant_id'), parent('sessions', 'session_id')],
  },
  {
    name: 'supervision_sessions',
    key: ['id'],
    parts: [part('pathway', 'date', 'supervisor_id', 'format', 'mode', 'notes', 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [parent('staff', 'supervisor_id')],
  },
  {
    name: 'supervision_leaders',
    key: ['supervision_id', 'leader_id'],
    parts: [part('pathway', 'rating', 'note')],
    derived: [],
    local: [],
    parents: [parent('supervision_sessions', 'supervision_id'), parent('staff', 'leader_id')],
  },
  {
    name: 'supervision_groups',
    key: ['supervision_id', 'group_id'],
    parts: [part('pathway', 'supervision_id', 'group_id')],
    derived: [],
    local: [],
    parents: [parent('supervision_sessions', 'supervision_id'), parent('groups', 'group_id')],
  },
  {
    name: 'follow_ups',
    key: ['id'],
    parts: [part('pathway', 'supervision_id', 'leader_id', 'text', 'due_date', ['done', 'done', 'done_at'], 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [parent('supervision_sessions', 'supervision_id'), parent('staff', 'leader_id', false)],
  },
  {
    name: 'certifications',
    key: ['id'],
    parts: [
      part('pathway', 'leader_id', 'programme_id', 'date', 'supervisor_id', ['requirements', 'requirements_met', 'override_reason'], 'note', 'created_at'),
    ],
    derived: [],
    local: ['updated_at'],
    parents: [parent('staff', 'leader_id'), parent('programmes', 'programme_id'), parent('staff', 'supervisor_id')],
  },
  {
    name: 'course_attendance',
    key: ['course_id', 'date', 'staff_id'],
    parts: [part('pathway', 'course_id', 'date', 'staff_id')],
    derived: [],
    local: [],
    parents: [parent('course_days', ['course_id', 'date']), parent('staff', 'staff_id')],
  },
  {
    // Definitions are method, not about anyone: every machine scores with the same versions.
    name: 'instruments',
    key: ['code', 'version'],
    parts: [part('ref', 'definition', 'source', 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [],
  },
  {
    name: 'outcome_schedules',
    key: ['id'],
    parts: [
      part(
        'ref',
        'programme_id',
        'instrument_code',
        'respondent',
        ['timepoint', 'timepoint', 'months', 'window_days'],
        'missed_after_days',
        'double_entry',
        'created_at',
      ),
    ],
    derived: [],
    local: ['updated_at'],
    parents: [parent('programmes', 'programme_id')],
  },
  {
    name: 'outcome_statuses',
    key: ['participant_id', 'timepoint'],
    parts: [part('group', 'status', 'created_at')],
    derived: [],
    local: ['updated_at'],
    parents: [parent('participants', 'participant_id')],
  },
  {
    // Scores are not carried: each machine computes them from the answers and the definition.
    name: 'outcome_responses',
    key: ['id'],
    parts: [
      part(
        'group',
        'participant_id',
        ['instrument', 'instrument_code', 'instrument_version'],
        'timepoint',
        'date',
        'entered_by',
        'answers',
        'source',
        'created_at',
      ),
    ],
    derived: [],
    local: ['updated_at'],
    parents: [parent('participants', 'participant_id'), parent('instruments', ['instrument_code', 'instrument_version'])],
  },
  {
    // A first typing travels so the second person may type it on another computer.
    name: 'outcome_entries',
    key: ['id'],
    parts: [
      part(
        'group',
        'participant_id',
        ['instrument', 'instrument_code', 'instrument_version'],
        'timepoint',
        'date',
        'entered_by',
        'user_name',
        'answers',
        'created_at',
      ),
    ],
    derived: [],
    local: ['updated_at'],
    parents: [parent('participants', 'participant_id'), parent('instruments', ['instrument_code', 'instrument_version'])],
  },
  {
    // A conflict lives in the scope of the cell it is about, so it reaches exactly who holds that cell.
    name: 'sync_conflicts',
    key: ['id'],
    parts: [
      part(
        'subject',
        'tbl',
        'row_id',
        'cell',
        'value_a',
        'hlc_a',
        'at_a',
        'who_a',
        'value_b',
        'hlc_b',
        'at_b',
        'who_b',
        'detected_at',
        ['resolution', 'resolved_at', 'resolved_by'],
        'created_at',
      ),
      // Written only by the machine that still held the row (snapshot), or only for a code or name
      // two machines made at once (renamed_to): cells a conflict may lack.
      part('subject', 'snapshot', 'renamed_to'),
    ],
    derived: [],
    local: ['updated_at'],
    parents: [],
  },
];

export const syncedTableByName: ReadonlyMap<string, SyncedTable> = new Map(syncedTables.map((t) => [t.name, t]));

/** Tables that never leave this installation, whatever they hold. */
export const localOnlyTables = [
  'settings',
  'audit_log',
  'export_keys',
  'export_log',
  'export_recipients',
  'sync_state',
  'sync_outbox',
  'sync_cells',
  'sync_pending',
  'sync_meta',
  'sync_refusals',
  // Derived by triggers from attendance, sessions, groups and participants on each machine.
  'presence_years',
  // Each group's session span, derived by triggers from sessions and groups on each machine.
  'group_spans',
  // Derived from outcome_responses on each machine.
  'outcome_scores',
  // Per group sums of those scores, derived by triggers on each machine.
  'outcome_level_cells',
  'outcome_change_cells',
  'outcome_return_cells',
  // Per group counts of participants, derived by triggers on each machine.
  'outcome_enrolment_cells',
  // Per group and scheduled point, its participants still to answer, derived by triggers on each machine.
  'outcome_unanswered',
  // The statistics' sums per programme, unit, year and family, derived by triggers on each machine.
  'stats_group_cells',
  'stats_session_cells',
  'stats_participant_cells',
  'stats_family_cells',
  'stats_families',
  // The overview's yearly outcomes and head-count reach, derived by triggers on each machine.
  'dash_outcome_years',
  'dash_head_years',
  // Those cells summed per programme and group start date, derived by triggers on each machine.
  'outcome_scope_level_cells',
  'outcome_scope_change_cells',
  'outcome_scope_enrolments',
  'outcome_scope_returns',
  // A report's wording and budget are the writer's own document on this computer.
  'saved_reports',
] as const;

export const cellsOf = (t: SyncedTable): CellDef[] => t.parts.flatMap((p) => p.cells);
/** Every column the engine carries (key columns included). */
export const syncedColumnsOf = (t: SyncedTable): string[] => [...new Set([...t.key, ...cellsOf(t).flatMap((c) => c.columns)])];
/** Separator of a composite key in the engine's row ids; keys are uuids and dates, which never hold it. */
export const keySeparator = '|';
export const rowIdOf = (t: SyncedTable, row: Record<string, unknown>): string => t.key.map((k) => String(row[k])).join(keySeparator);
export const keyOfRowId = (t: SyncedTable, rowId: string): Record<string, string> => {
  const parts = rowId.split(keySeparator);
  return Object.fromEntries(t.key.map((k, i) => [k, parts[i] ?? '']));
};
