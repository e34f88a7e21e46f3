import type {
  AttendanceState,
  Audience,
  ChildGender,
  Consent,
  GroupStatus,
  ParticipantStatus,
  PathwayStatus,
  Relation,
  SessionStatus,
  SupervisionFormat,
  SupervisionMode,
  UnitKind,
} from '@contract/enums';
import type en from './en.json';
import type leadersEn from './locales/leaders.en.json';
import type leadersSv from './locales/leaders.sv.json';
import type participationEn from './locales/participation.en.json';
import type participationSv from './locales/participation.sv.json';
import type sv from './sv.json';

/**
 * The pickers list the contract's enum arrays and label each value from the catalogues: a value
 * added to contract/enums without a label in both languages fails the type check here instead of
 * showing a raw key in the UI. Types only; nothing of this reaches the bundle.
 */
type Labels<K extends string> = Record<K, string>;

interface MainLabels {
  audience: Labels<Audience>;
  unitKind: Labels<UnitKind>;
  status: { group: Labels<GroupStatus>; session: Labels<SessionStatus> };
}
interface ParticipationLabels {
  participants: {
    relations: Labels<Relation>;
    genders: Labels<ChildGender>;
    consents: Labels<Consent>;
    status: Labels<ParticipantStatus>;
  };
  attendance: { state: Labels<AttendanceState> };
}
interface LeaderLabels {
  supervision: { formats: Labels<SupervisionFormat>; modes: Labels<SupervisionMode> };
  leaders: { status: Labels<PathwayStatus> };
}

type Labelled<Catalogue extends Shape, Shape> = Catalogue;

export type CheckedCatalogues = [
  Labelled<typeof sv, MainLabels>,
  Labelled<typeof en, MainLabels>,
  Labelled<typeof participationSv, ParticipationLabels>,
  Labelled<typeof participationEn, ParticipationLabels>,
  Labelled<typeof leadersSv, LeaderLabels>,
  Labelled<typeof leadersEn, LeaderLabels>,
];
