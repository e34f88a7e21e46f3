/** What can be imported, and the columns each kind reads (header names people use, sv and en). */
import { IMPORT_KINDS, type ImportKind } from '../../contract/enums';

export { IMPORT_KINDS, type ImportKind };

export interface FieldSpec {
  field: string;
  required: boolean;
  /** Header texts, compared after headerKey(): lower case, no spaces or punctuation. */
  headers: string[];
  label: { sv: string; en: string };
}

export const kindFields: Record<ImportKind, FieldSpec[]> = {
  staff: [
    { field: 'name', required: true, headers: ['namn', 'name', 'medarbetare', 'fullständigtnamn', 'fullname', 'staff'], label: { sv: 'Namn', en: 'Name' } },
    {
      field: 'unit',
      required: false,
      headers: ['enhet', 'unit', 'stadsdel', 'stadsdelsförvaltning', 'förvaltning', 'district'],
      label: { sv: 'Enhet', en: 'Unit' },
    },
    { field: 'email', required: false, headers: ['epost', 'epostadress', 'mejl', 'mail', 'email', 'emailaddress'], label: { sv: 'E-post', en: 'E-mail' } },
    {
      field: 'phone',
      required: false,
      headers: ['telefon', 'tel', 'telefonnummer', 'mobil', 'phone', 'phonenumber', 'mobile'],
      label: { sv: 'Telefon', en: 'Phone' },
    },
    { field: 'roles', required: false, headers: ['roll', 'roller', 'role', 'roles'], label: { sv: 'Roller', en: 'Roles' } },
    {
      field: 'leader',
      required: false,
      headers: ['gruppledare', 'ledare', 'leader', 'groupleader'],
      label: { sv: 'Gruppledare (ja/nej)', en: 'Group leader (yes/no)' },
    },
    { field: 'supervisor', required: false, headers: ['handledare', 'supervisor'], label: { sv: 'Handledare (ja/nej)', en: 'Supervisor (yes/no)' } },
  ],
  groups: [
    { field: 'programme', required: true, headers: ['program', 'programme', 'variant'], label: { sv: 'Program', en: 'Programme' } },
    { field: 'unit', required: true, headers: ['enhet', 'unit', 'stadsdel', 'stadsdelsförvaltning', 'district'], label: { sv: 'Enhet', en: 'Unit' } },
    {
      field: 'startDate',
      required: true,
      headers: ['startdatum', 'start', 'gruppstart', 'startdate', 'datum', 'date'],
      label: { sv: 'Startdatum', en: 'Start date' },
    },
    { field: 'time', required: true, headers: ['tid', 'starttid', 'klockslag', 'time', 'starttime'], label: { sv: 'Starttid', en: 'Start time' } },
    {
      field: 'leaders',
      required: true,
      headers: ['gruppledare', 'ledare', 'leaders', 'groupleaders', 'leader'],
      label: { sv: 'Gruppledare', en: 'Group leaders' },
    },
    { field: 'supervisor', required: false, headers: ['handledare', 'supervisor'], label: { sv: 'Handledare', en: 'Supervisor' } },
    { field: 'venue', required: false, headers: ['lokal', 'plats', 'venue', 'place'], label: { sv: 'Lokal', en: 'Venue' } },
  ],
  participants: [
    { field: 'programme', required: true, headers: ['program', 'programme', 'program', 'variant'], label: { sv: 'Program', en: 'Programme' } },
    { field: 'unit', required: true, headers: ['enhet', 'unit', 'stadsdel', 'stadsdelsförvaltning', 'district'], label: { sv: 'Enhet', en: 'Unit' } },
    {
      field: 'groupStart',
      required: true,
      headers: ['gruppstart', 'startdatum', 'start', 'grupp', 'group', 'groupstart', 'startdate'],
      label: { sv: 'Gruppens startdatum', en: 'Group start date' },
    },
    { field: 'name', required: true, headers: ['namn', 'deltagare', 'name', 'participant', 'förälder', 'parent'], label: { sv: 'Namn', en: 'Name' } },
    { field: 'relation', required: false, headers: ['relation', 'relationtillbarnet', 'roll', 'role'], label: { sv: 'Relation', en: 'Relation' } },
    {
      field: 'family',
      required: false,
      headers: ['familj', 'familjenyckel', 'familjnr', 'family', 'familykey', 'familyid'],
      label: { sv: 'Familj', en: 'Family' },
    },
    {
      field: 'enrolmentDate',
      required: false,
      headers: ['inskriven', 'inskrivningsdatum', 'inskrivning', 'enrolled', 'enrolmentdate', 'enrollmentdate'],
      label: { sv: 'Inskrivningsdatum', en: 'Enrolment date' },
    },
    { field: 'consent', required: false, headers: ['samtycke', 'consent'], label: { sv: 'Samtycke', en: 'Consent' } },
    {
      field: 'consentDate',
      required: false,
      headers: ['samtyckesdatum', 'datumförsamtycke', 'consentdate'],
      label: { sv: 'Samtyckesdatum', en: 'Consent date' },
    },
  ],
  attendance: [
    { field: 'programme', required: true, headers: ['program', 'programme', 'variant'], label: { sv: 'Program', en: 'Programme' } },
    { field: 'unit', required: true, headers: ['enhet', 'unit', 'stadsdel', 'stadsdelsförvaltning', 'district'], label: { sv: 'Enhet', en: 'Unit' } },
    {
      field: 'groupStart',
      required: true,
      headers: ['gruppstart', 'startdatum', 'start', 'grupp', 'group', 'groupstart', 'startdate'],
      label: { sv: 'Gruppens startdatum', en: 'Group start date' },
    },
    { field: 'name', required: true, headers: ['namn', 'deltagare', 'name', 'participant', 'förälder', 'parent'], label: { sv: 'Namn', en: 'Name' } },
    // A list with one row per mark names its session and state; a matrix has a column per session instead.
    {
      field: 'session',
      required: false,
      headers: ['tillfälle', 'träff', 'session', 'träffnummer', 'sessionnumber', 'träffdatum', 'sessiondate', 'datum', 'date'],
      label: { sv: 'Träff (nummer eller datum)', en: 'Session (number or date)' },
    },
    {
      field: 'state',
      required: false,
      headers: ['närvaro', 'närvarande', 'attendance', 'present', 'status', 'state'],
      label: { sv: 'Närvaro', en: 'Attendance' },
    },
  ],
};
