/**
 * The entities services record, in the order the filter offers them; a test checks that every
 * entity a service writes is here and named in both languages.
 */
export const auditEntities = [
  'group',
  'session',
  'participant',
  'attendance',
  'fidelity',
  'sessionPlan',
  'programme',
  'programmeRules',
  'unit',
  'staff',
  'dropoutReason',
  'certification',
  'supervision',
  'followUp',
  'course',
  'courseAttendance',
  'pathwayRequirements',
  'leaderSettings',
  'school_break',
  'instrument',
  'outcomeSchedule',
  'outcomeStatus',
  'response',
  'responseEntry',
  'export',
  'exportRecipient',
  'exportKey',
  'savedReport',
  'import',
  'settings',
  'vault',
] as const;

/**
 * The page an entry's entity lives on, where its id alone finds it. Other entities (a session, a
 * participant, a certification) are found through their group or leader, which the log does not hold.
 */
export function auditEntityRoute(entity: string, id: string): string | null {
  switch (entity) {
    case 'group':
      return `/groups/${id}`;
    case 'staff':
      return `/staff/${id}/edit`;
    case 'programme':
      return `/programmes/${id}/edit`;
    case 'programmeRules':
      return `/programmes/${id}/rules`;
    case 'sessionPlan':
      return `/programmes/${id}/plan`;
    case 'unit':
      return `/units/${id}/edit`;
    case 'course':
      return `/courses/${id}`;
    case 'supervision':
      return `/supervision/${id}/edit`;
    default:
      return null;
  }
}
