/**
 * The audit trail's name for the rows of each synced table: a change applied from another
 * machine is announced in the same words as one made here ('unit', not 'units'), so whoever
 * listens to the change feed needs one vocabulary.
 */
export const entityOfTable: Readonly<Record<string, string>> = {
  units: 'unit',
  school_breaks: 'school_break',
  programmes: 'programme',
  staff: 'staff',
  dropout_reasons: 'dropoutReason',
  programme_rules: 'programmeRules',
  pathway_requirements: 'pathwayRequirements',
  session_plans: 'sessionPlan',
  courses: 'course',
  course_days: 'course',
  groups: 'group',
  group_leaders: 'group',
  sessions: 'session',
  fidelity_records: 'fidelity',
  families: 'participant',
  participants: 'participant',
  attendance: 'attendance',
  supervision_sessions: 'supervision',
  supervision_leaders: 'supervision',
  supervision_groups: 'supervision',
  follow_ups: 'followUp',
  certifications: 'certification',
  course_attendance: 'courseAttendance',
  instruments: 'instrument',
  outcome_schedules: 'outcomeSchedule',
  outcome_statuses: 'outcomeStatus',
  outcome_responses: 'response',
  outcome_entries: 'responseEntry',
  sync_conflicts: 'syncConflict',
};

/** The entities a batch of synced tables holds, each once, sorted. */
export function entitiesOfTables(tables: Iterable<string>): string[] {
  return [...new Set([...tables].map((t) => entityOfTable[t] ?? t))].sort();
}
