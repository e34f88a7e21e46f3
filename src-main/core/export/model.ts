/**
 * The export engine's input: what the data-gathering repository hands over for one export.
 * It deliberately carries the raw, identifying fields (names, notes, birth years, exact dates)
 * so that the engine — not each caller — decides what leaves the machine, and the leak test
 * can prove that nothing identifying does.
 */

export { RELATIONS, PARTICIPANT_STATUSES, CONSENTS, ATTENDANCE_STATES, GROUP_STATUSES, SESSION_STATUSES } from '../../contract/enums';
export { STAFF_ROLES as LEADER_ROLES } from '../../contract/enums';
/** The export writes `unknown` where the app stores `not_stated` (see the codebook). */
export const CHILD_GENDERS = ['girl', 'boy', 'other', 'unknown'] as const;
export const FIDELITY_COMPONENTS = ['homework_review', 'theme', 'video', 'role_play', 'new_homework', 'other'] as const;

import type { ParticipantColumns } from './participant-columns';
import type { AttendanceState, Consent, GroupStatus, ParticipantStatus, Relation, SessionStatus, StaffRole as LeaderRole } from '../../contract/enums';

export type { AttendanceState, Consent, GroupStatus, LeaderRole, ParticipantStatus, Relation, SessionStatus };
export type ChildGender = (typeof CHILD_GENDERS)[number];
export type FidelityComponent = (typeof FIDELITY_COMPONENTS)[number];

/** ISO calendar date, YYYY-MM-DD. */
export type IsoDate = string;

export interface SourceProgramme {
  id: string;
  /** Short code such as "fKomet"; exported as the programme's value. */
  code: string;
  sessionCount: number;
}

export interface SourceUnit {
  id: string;
  /** Organisation name (a district or school, not a person); exported unless the unit is generalised. */
  name: string;
  /** district, municipality, school, sis_unit or other: the area of a unit that is not a Stockholm district. */
  kind?: string;
}

/** How a group took attendance: a mark per participant, or only a head count per session. */
export const ATTENDANCE_RECORDINGS = ['per_person', 'counts_only'] as const;

export interface SourceGroup {
  id: string;
  attendanceRecording: (typeof ATTENDANCE_RECORDINGS)[number];
  programmeId: string;
  unitId: string;
  startDate: IsoDate;
  status: GroupStatus;
  /** Never exported. */
  venue?: string;
  /** Never exported. */
  note?: string;
}

export interface SourceSession {
  id: string;
  groupId: string;
  number: number;
  plannedDate: IsoDate;
  heldDate: IsoDate | null;
  status: SessionStatus;
  isExtra: boolean;
  participantCount: number | null;
  /** Free text; never exported. */
  cancelReason?: string | null;
}

/** One enrolment: a participant moved between groups appears once per group, with the same id. */
export interface SourceParticipant {
  id: string;
  groupId: string;
  /** Caregivers of the same child share it; null means the participant is a family of their own. */
  familyId: string | null;
  relation: Relation;
  childBirthYear: number | null;
  childGender: ChildGender | null;
  status: ParticipantStatus;
  /** Session number of the last attended session, for dropouts. */
  lastSessionAttended: number | null;
  /** Code from the dropout reason list; anything that is not a plain code is exported as "other". */
  dropoutReason: string | null;
  consent: Consent;
  /** Never exported. */
  displayName?: string;
  /** Never exported. */
  contact?: string | null;
  /** Never exported. */
  note?: string | null;
  /** Never exported (exact date). */
  enrolledOn?: IsoDate;
}

/** One mark, with its session named by group and number so the engine holds no map of sessions. */
export interface SourceAttendance {
  participantId: string;
  groupId: string;
  sessionNumber: number;
  state: AttendanceState;
}

export interface SourceFidelity {
  groupId: string;
  sessionNumber: number;
  /** Position of the component in the session plan, 1-based. */
  componentNo: number;
  component: FidelityComponent;
  covered: boolean;
  /** Free text; never exported. */
  note?: string | null;
}

export interface SourceGroupStaff {
  groupId: string;
  staffId: string;
  role: LeaderRole;
  /** Never exported. */
  name?: string;
}

/** A questionnaire definition as stored: the canonical `komet-instrument/1` JSON of one version. */
export interface SourceInstrument {
  code: string;
  version: string;
  definition: string;
}

/** One response of a person in a group at a time point. */
export interface SourceResponse {
  /** The person id, as for participants. */
  participantId: string;
  groupId: string;
  instrumentCode: string;
  instrumentVersion: string;
  timepoint: string;
  /** Never exported (exact date): written as days from the group's start. */
  date: IsoDate;
  /** Item code → answer, null when blank; JSON as stored. */
  answers: string;
  /** How the answers came in ('form' or 'import'); null where that was not recorded. */
  source: string | null;
  /** The rowid of the enrolment, as read from the database (SourceOutcomes.keptEnrolments); never exported. */
  enrolmentRow?: number;
}

/** One stored scale score of a response. */
export interface SourceScore {
  participantId: string;
  groupId: string;
  instrumentCode: string;
  instrumentVersion: string;
  timepoint: string;
  scale: string;
  score: number | null;
  /** Index of the band in the scale's definition, null when the score is in none. */
  band: number | null;
  /** As for SourceResponse. */
  enrolmentRow?: number;
}

export interface SourceOutcomes {
  /** The versions the responses in scope were entered under: none when the scope holds no response. */
  instruments: SourceInstrument[];
  /** Re-readable streams in the files' order: at city scale millions of answers, never all held. */
  responses: SyncRowSource<SourceResponse>;
  scores: SyncRowSource<SourceScore>;
  /**
   * The responses of one page of groups (ids in ascending byte order), in the file's order: the
   * package writes responses.csv page by page, and a second thread may write some of the pages.
   */
  responsesOfGroups?: (groupIds: readonly string[]) => Iterable<SourceResponse>;
  /**
   * The rowids, ascending, of the enrolments whose questionnaire rows the streams keep: of a
   * person's enrolments in one group, the latest. Read from the database; the thread that writes
   * scores.csv from its own connection keeps the same rows with them.
   */
  keptEnrolments?: Float64Array;
}

/** Rows that may be many (attendance, fidelity) come as re-readable streams, e.g. SQLite iterate(). */
export type RowSource<T> = () => Iterable<T> | AsyncIterable<T>;

/** A re-readable stream that is read synchronously: the disclosure check runs before anything is written. */
export type SyncRowSource<T> = () => Iterable<T>;

export interface ExportScope {
  from: IsoDate | null;
  to: IsoDate | null;
  programmeCodes: string[];
  unitNames: string[];
}

/** Everything in scope, already filtered by the repository; see the report for the exact contract. */
export interface ExportSource {
  scope: ExportScope;
  programmes: SourceProgramme[];
  units: SourceUnit[];
  groups: SourceGroup[];
  /** Read twice: once for the disclosure check (which also counts each group's held sessions) and once for sessions.csv. */
  sessions: SyncRowSource<SourceSession>;
  /** All enrolments in scope, consenting or not: non-consenting ones count in aggregates only. Held column by column. */
  participants: ParticipantColumns;
  /**
   * Read as leaders.csv is written, which alone needs them: held from the start, the staff rows
   * (some 50,000 at city scale) lived through every table before it.
   */
  groupStaff: SyncRowSource<SourceGroupStaff>;
  attendance: RowSource<SourceAttendance>;
  fidelity: RowSource<SourceFidelity>;
  /** The dropout reasons' codes, for the codebook; none when left out. */
  dropoutReasonCodes?: readonly string[];
  /** Questionnaires of the enrolments in scope; none when left out. */
  outcomes?: SourceOutcomes;
}

export const PERIOD_GRANULARITIES = ['week', 'month', 'quarter', 'half', 'year'] as const;
export type PeriodGranularity = (typeof PERIOD_GRANULARITIES)[number];

/**
 * The least generalisation the user asks for. The export generalises further, and hides single
 * values, until every participant row shares its quasi-identifiers with at least k − 1 others.
 */
export interface Coarsening {
  period: PeriodGranularity;
  ageBands: boolean;
  dropUnit: boolean;
}

export const defaultCoarsening: Coarsening = { period: 'month', ageBands: false, dropUnit: false };

/** Child age: exact years → age bands → left out. */
export const AGE_DETAILS = ['exact', 'band', 'dropped'] as const;
export type AgeDetail = (typeof AGE_DETAILS)[number];
/** Unit: the unit's name → its area (part of the city, or kind of unit) → left out. */
export const UNIT_DETAILS = ['unit', 'area', 'dropped'] as const;
export type UnitDetail = (typeof UNIT_DETAILS)[number];

/** The detail the row-level files and the aggregates are written at. */
export interface Generalisation {
  period: PeriodGranularity;
  childAge: AgeDetail;
  unit: UnitDetail;
}

export const generalisationOf = (c: Coarsening): Generalisation => ({
  period: c.period,
  childAge: c.ageBands ? 'band' : 'exact',
  unit: c.dropUnit ? 'dropped' : 'unit',
});

/** Which enrolments may appear as rows: consent to evaluation is "yes", nothing else. */
export const isRowLevel = (consent: Consent): boolean => consent === 'yes';
