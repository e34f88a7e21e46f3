/**
 * Every closed set of values Komet stores or shows, written once. The drizzle schema, the zod
 * schemas and the renderer's pickers all read these arrays, so a new value reaches the database
 * check, the contract and the UI together (and the UI's label check fails until it has a label).
 * Plain data: no zod here, so the renderer can import the values.
 */

export const AUDIENCES = ['parents', 'teachers', 'preschool_staff', 'individual_family'] as const;
export const UNIT_KINDS = ['district', 'municipality', 'school', 'sis_unit', 'other'] as const;
export const STAFF_ROLES = ['leader', 'supervisor'] as const;
export const LANGUAGES = ['sv', 'en'] as const;
/** The sections a saved activity report may show, in the order the page and the PDF show them. */
export const REPORT_SECTIONS = ['summary', 'groups', 'parents', 'leaders', 'outcomes', 'costs'] as const;
/** A report's budget line is a cost or an income (course fees) that lowers the net cost. */
export const BUDGET_KINDS = ['cost', 'income'] as const;
export const SHELLS = ['electron', 'browser', 'cli', 'test'] as const;

export const GROUP_STATUSES = ['planned', 'running', 'completed', 'cancelled'] as const;
export const SESSION_STATUSES = ['planned', 'held', 'cancelled'] as const;

export const RELATIONS = ['mother', 'father', 'other_caregiver', 'foster_parent', 'teacher', 'preschool_staff'] as const;
export const CHILD_GENDERS = ['girl', 'boy', 'other', 'not_stated'] as const;
export const CONSENTS = ['yes', 'no', 'not_asked'] as const;
export const ATTENDANCE_STATES = ['present', 'absent', 'absent_with_notice'] as const;
/** What a spreadsheet import reads. */
export const IMPORT_KINDS = ['staff', 'groups', 'participants', 'attendance'] as const;
export const IMPORT_ROW_STATUSES = ['new', 'existing', 'duplicate', 'invalid'] as const;
/**
 * not_completed: the group ended and the participant attended less than the programme's completion
 * share; moved: this enrolment ended with a move to another group (the person's id is the same there).
 */
/** `ended_unrecorded`: the group ended, but recorded head counts only, so no outcome per person is known. */
export const PARTICIPANT_STATUSES = ['active', 'completed', 'not_completed', 'dropped_out', 'never_started', 'moved', 'ended_unrecorded'] as const;
/** The statuses a person sets by hand; the others follow from attendance and the group's end. */
export const MANUAL_STATUSES = ['dropped_out', 'never_started', 'moved'] as const;

export const SUPERVISION_FORMATS = ['group', 'individual'] as const;
export const SUPERVISION_MODES = ['in_person', 'video'] as const;
export const PATHWAY_STATUSES = ['not_started', 'in_training', 'requirements_met', 'certified', 'inactive'] as const;
export const PATHWAY_CHECKS = ['course_days', 'supervised_group', 'supervision_sessions'] as const;
export const ATTENTION_RULES = ['no_supervision', 'low_attendance', 'low_fidelity', 'ready_for_certification', 'follow_up_overdue'] as const;

/** Who fills in a questionnaire; a definition names one. */
export const RESPONDENTS = ['parent', 'teacher', 'leader', 'self'] as const;
/** How an item scale combines its item values. */
export const SCALE_METHODS = ['sum', 'mean'] as const;
/** Where a stored instrument definition came from: shipped with Komet, imported from a file, or authored here. */
export const INSTRUMENT_SOURCES = ['shipped', 'imported', 'own'] as const;
/** Why a participant has no response at a time point, recorded so the worklist stops asking. */
export const OUTCOME_STATUSES = ['declined', 'unreachable'] as const;
/** Where a worklist row stands on the day it is computed. */
export const DUE_STATES = ['due', 'overdue'] as const;
/** A participant at one scheduled questionnaire, as the group page shows it; `upcoming` has not opened yet, `missed` stayed overdue past its schedule's limit. */
export const GROUP_OUTCOME_STATES = [
  'entered',
  'declined',
  'unreachable',
  'awaiting_second',
  'awaiting_reconciliation',
  'due',
  'overdue',
  'missed',
  'upcoming',
] as const;
/** A form typed twice that is not a response yet: typed once and waiting for its second typing, or typed twice and differing. */
export const PENDING_ENTRY_STATES = ['awaiting_second', 'awaiting_reconciliation'] as const;
/** How a stored response's answers came in: typed into the entry form, or read from a response file. */
export const RESPONSE_SOURCES = ['form', 'import'] as const;

export const EXPORT_PERIODS = ['week', 'month', 'quarter', 'half', 'year'] as const;
export const EXPORT_RUN_STATUSES = ['started', 'completed', 'failed'] as const;

/** The lock state every layer speaks of, from the vault session to the lock screen. */
export const VAULT_STATES = ['new', 'legacy', 'locked', 'unlocked', 'damaged'] as const;
export const BACKUP_PROBLEMS = ['missing', 'unreadable', 'not_komet', 'damaged', 'not_encrypted', 'other_key'] as const;

/** Sync: what an enrolled device is to its server, and the state the header shows. */
export const SYNC_ROLES = ['leader', 'supervisor', 'admin', 'unit-server'] as const;
export const SYNC_STATES = ['unjoined', 'synced', 'pending', 'offline', 'syncing'] as const;
/** Where synced data lives: city reference data, a group's data, a unit's identifying data, a leader's pathway. */
export const SYNC_SCOPE_KINDS = ['ref', 'group', 'people', 'pathway'] as const;
/** The two sides of a sync conflict, in the order the list shows them. */
export const CONFLICT_SIDES = ['a', 'b'] as const;

export type Audience = (typeof AUDIENCES)[number];
export type UnitKind = (typeof UNIT_KINDS)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Language = (typeof LANGUAGES)[number];
export type Shell = (typeof SHELLS)[number];
export type GroupStatus = (typeof GROUP_STATUSES)[number];
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type Relation = (typeof RELATIONS)[number];
export type ChildGender = (typeof CHILD_GENDERS)[number];
export type Consent = (typeof CONSENTS)[number];
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];
export type ManualStatus = (typeof MANUAL_STATUSES)[number];
export type SupervisionFormat = (typeof SUPERVISION_FORMATS)[number];
export type SupervisionMode = (typeof SUPERVISION_MODES)[number];
export type PathwayStatus = (typeof PATHWAY_STATUSES)[number];
export type AttentionRule = (typeof ATTENTION_RULES)[number];
export type Respondent = (typeof RESPONDENTS)[number];
export type ScaleMethod = (typeof SCALE_METHODS)[number];
export type InstrumentSource = (typeof INSTRUMENT_SOURCES)[number];
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];
export type DueState = (typeof DUE_STATES)[number];
export type GroupOutcomeState = (typeof GROUP_OUTCOME_STATES)[number];
export type PendingEntryState = (typeof PENDING_ENTRY_STATES)[number];
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];
export type ExportPeriod = (typeof EXPORT_PERIODS)[number];
export type VaultState = (typeof VAULT_STATES)[number];
export type BackupProblem = (typeof BACKUP_PROBLEMS)[number];
export type SyncRole = (typeof SYNC_ROLES)[number];
export type SyncState = (typeof SYNC_STATES)[number];
export type SyncScopeKind = (typeof SYNC_SCOPE_KINDS)[number];
export type ConflictSide = (typeof CONFLICT_SIDES)[number];
