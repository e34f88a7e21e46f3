import type { Bilingual } from '../errors';
import type { Area } from './areas';
import { AGE_BANDS } from './generalise';
import type {
  AttendanceState,
  ChildGender,
  SourceGroup,
  FidelityComponent,
  GroupStatus,
  LeaderRole,
  ParticipantStatus,
  Relation,
  SessionStatus,
} from './model';
import type { Measure } from './disclosure/aggregates';
import { bi } from './table-def';

/** Codebook labels for every coded value, Swedish first. */

export const relationLabels: Record<Relation, Bilingual> = {
  mother: bi('mamma', 'mother'),
  father: bi('pappa', 'father'),
  other_caregiver: bi('annan vårdnadshavare', 'other caregiver'),
  foster_parent: bi('familjehemsförälder', 'foster parent'),
  teacher: bi('lärare', 'teacher'),
  preschool_staff: bi('förskolepersonal', 'preschool staff'),
};

export const genderLabels: Record<ChildGender, Bilingual> = {
  girl: bi('flicka', 'girl'),
  boy: bi('pojke', 'boy'),
  other: bi('annat', 'other'),
  unknown: bi('okänt', 'unknown'),
};

export const attendanceRecordingLabels: Record<SourceGroup['attendanceRecording'], Bilingual> = {
  per_person: bi('närvaro markerad per deltagare och träff', 'attendance marked per participant and session'),
  counts_only: bi('bara antal närvarande per träff', 'only the number present per session'),
};

export const participantStatusLabels: Record<ParticipantStatus, Bilingual> = {
  active: bi('pågående', 'active'),
  completed: bi('fullföljt', 'completed'),
  ended_unrecorded: bi(
    'gruppen avslutad; närvaro registrerades inte per person, så utfallet är okänt',
    'group ended; attendance was not recorded per person, so the outcome is unknown',
  ),
  not_completed: bi('ej fullföljt (gruppen avslutad, för låg närvaro)', 'not completed (group ended, attendance too low)'),
  dropped_out: bi('avhopp', 'dropped out'),
  never_started: bi('påbörjade aldrig', 'never started'),
  moved: bi('flyttad till annan grupp', 'moved to another group'),
};

export const attendanceLabels: Record<AttendanceState, Bilingual> = {
  present: bi('närvarande', 'present'),
  absent: bi('frånvarande', 'absent'),
  absent_with_notice: bi('anmäld frånvaro', 'absent with notice'),
};

export const groupStatusLabels: Record<GroupStatus, Bilingual> = {
  planned: bi('planerad', 'planned'),
  running: bi('pågår', 'running'),
  completed: bi('avslutad', 'completed'),
  cancelled: bi('inställd', 'cancelled'),
};

export const sessionStatusLabels: Record<SessionStatus, Bilingual> = {
  planned: bi('planerad', 'planned'),
  held: bi('genomförd', 'held'),
  cancelled: bi('inställd', 'cancelled'),
};

export const roleLabels: Record<LeaderRole, Bilingual> = {
  leader: bi('gruppledare', 'group leader'),
  supervisor: bi('handledare', 'supervisor'),
};

export const componentLabels: Record<FidelityComponent, Bilingual> = {
  homework_review: bi('genomgång av hemuppgift', 'review of homework'),
  theme: bi('tema', 'theme'),
  video: bi('filmexempel', 'video example'),
  role_play: bi('rollspel', 'role play'),
  new_homework: bi('ny hemuppgift', 'new homework'),
  other: bi('annat moment', 'other component'),
};

export const measureLabels: Record<Measure, Bilingual> = {
  groups: bi('antal grupper som startade under året', 'groups started in the year'),
  sessions_held: bi('antal genomförda träffar under året', 'sessions held in the year'),
  participants: bi('antal deltagare som påbörjat (alla, även utan samtycke)', 'participants who started (all, consent or not)'),
  families: bi('antal familjer bland deltagarna', 'families among the participants'),
  completed: bi('antal som fullföljt', 'participants who completed'),
  dropped_out: bi('antal avhopp', 'participants who dropped out'),
};

export const ageBandLabels: Record<string, Bilingual> = Object.fromEntries(
  AGE_BANDS.map((band) => [band, bi(`${band.replace('-', '–')} år`, `${band.replace('-', '–')} years`)]),
);

export const areaLabels: Record<Area, Bilingual> = {
  innerstaden: bi('Innerstaden (Kungsholmen, Norrmalm, Södermalm, Östermalm)', 'Inner city (Kungsholmen, Norrmalm, Södermalm, Östermalm)'),
  soderort: bi(
    'Söderort (Enskede-Årsta-Vantör, Farsta, Hägersten-Älvsjö, Skarpnäck, Skärholmen)',
    'Southern suburbs (Enskede-Årsta-Vantör, Farsta, Hägersten-Älvsjö, Skarpnäck, Skärholmen)',
  ),
  vasterort: bi(
    'Västerort (Bromma, Hässelby-Vällingby, Rinkeby-Kista, Spånga-Tensta)',
    'Western suburbs (Bromma, Hässelby-Vällingby, Rinkeby-Kista, Spånga-Tensta)',
  ),
  district: bi('annan stadsdelsförvaltning', 'other district administration'),
  municipality: bi('kommun', 'municipality'),
  school: bi('skola', 'school'),
  sis_unit: bi('SiS-institution', 'SiS institution'),
  other: bi('annan enhet', 'other unit'),
};
