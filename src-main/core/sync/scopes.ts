import type { SyncScopeKind } from '../../contract/enums';
import type { RowValues } from '../repos/sync/rows';
import type { SyncedTable } from './tables';

/**
 * Scopes partition synced data by who may see it; each is one store in the engine.
 * - `ref`: city reference data (programmes, units, staff, plans, rules, reasons, requirements, courses).
 * - `group:<id>`: one group with its sessions, participants (no names), families, attendance, fidelity.
 * - `people:<id>`: the names and contact details of that group's participants (its unit only).
 * - `pathway:<staff id>`: one leader's courses attended, supervision, follow-ups and certifications.
 */
export type ScopeKind = SyncScopeKind;

export const refScope = 'ref';
export const groupScope = (groupId: string) => `group:${groupId}`;
export const peopleScope = (groupId: string) => `people:${groupId}`;
export const pathwayScope = (staffId: string) => `pathway:${staffId}`;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function parseScope(scope: unknown): { kind: ScopeKind; id: string } | null {
  if (scope === refScope) return { kind: 'ref', id: '' };
  if (typeof scope !== 'string') return null;
  const colon = scope.indexOf(':');
  const kind = scope.slice(0, colon);
  const id = scope.slice(colon + 1);
  if ((kind === 'group' || kind === 'people' || kind === 'pathway') && uuidPattern.test(id)) return { kind, id };
  return null;
}

/** What scope resolution reads from the database (for rows whose scope follows a parent). */
export interface ScopeLookups {
  groupOfParticipant(id: string): string | undefined;
  groupOfSession(id: string): string | undefined;
  groupsOfFamily(id: string): string[];
  leadersOfSupervision(id: string): string[];
  supervisorOfSupervision(id: string): string | undefined;
  /** Scopes that already hold a row (deletes, and rows shared by several scopes). */
  heldIn(table: string, rowId: string): string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const only = (...scopes: (string | undefined)[]) => scopes.filter((s): s is string => Boolean(s));

function supervisionScopes(supervisionId: string | undefined, lookups: ScopeLookups): string[] {
  if (!supervisionId) return [];
  const supervisor = lookups.supervisorOfSupervision(supervisionId);
  return only(supervisor && pathwayScope(supervisor), ...lookups.leadersOfSupervision(supervisionId).map(pathwayScope));
}

/**
 * The scopes each part of a row belongs to now, from the row's own values (and its parents').
 * A row shared by several scopes (a family with caregivers in two groups, a supervision meeting
 * of several leaders) is in all of them.
 */
export function scopesOfRow(t: SyncedTable, rowId: string, row: RowValues, lookups: ScopeLookups): string[][] {
  return t.parts.map((p) => {
    switch (p.kind) {
      case 'ref':
        return [refScope];
      case 'people':
        return only(str(row.group_id) && peopleScope(row.group_id as string));
      case 'subject':
        // A conflict is written into the scope of the cell it is about when it is noticed.
        return lookups.heldIn(t.name, rowId);
      case 'group':
        switch (t.name) {
          case 'groups':
            return [groupScope(rowId)];
          case 'fidelity_records': {
            const g = lookups.groupOfSession(String(row.session_id));
            return only(g && groupScope(g));
          }
          case 'attendance':
          case 'outcome_statuses':
          case 'outcome_responses':
          case 'outcome_entries': {
            const g = lookups.groupOfParticipant(String(row.participant_id));
            return only(g && groupScope(g));
          }
          case 'families':
            return [...new Set([...lookups.groupsOfFamily(rowId).map(groupScope), ...lookups.heldIn(t.name, rowId)])];
          default:
            return only(str(row.group_id) && groupScope(row.group_id as string));
        }
      case 'pathway':
        switch (t.name) {
          case 'supervision_sessions':
            return [...new Set([...supervisionScopes(rowId, lookups), ...lookups.heldIn(t.name, rowId)])];
          case 'supervision_groups':
            return [...new Set([...supervisionScopes(str(row.supervision_id), lookups), ...lookups.heldIn(t.name, rowId)])];
          case 'follow_ups':
            return str(row.leader_id)
              ? [pathwayScope(row.leader_id as string)]
              : [...new Set([...supervisionScopes(str(row.supervision_id), lookups), ...lookups.heldIn(t.name, rowId)])];
          case 'course_attendance':
            return only(str(row.staff_id) && pathwayScope(row.staff_id as string));
          default:
            return only(str(row.leader_id) && pathwayScope(row.leader_id as string));
        }
    }
  });
}
