import type { Certification, LeaderGroup, Pathway, PathwayRequirements } from '../../ipc/contract';
import { type AttentionParams, defaultAttentionParams } from '../domain/attention';
import { defaultInactiveAfterMonths, defaultRequirements, evaluatePathway, type LedGroup, type Requirements } from '../domain/pathway';
import type { Repos } from '../repos';
import type { CertificationRow } from '../repos/certification';
import type { LeaderPerson, LeaderSupervisionStats, OpenFollowUpRow } from '../repos/leaders-report';

export interface LeaderSettingsValue extends AttentionParams {
  inactiveAfterMonths: number;
}
const settingKeys = {
  inactiveAfterMonths: 'leaders.inactiveAfterMonths',
  noSupervisionWeeks: 'leaders.noSupervisionWeeks',
  lowAttendancePercent: 'leaders.lowAttendancePercent',
  lowFidelityPercent: 'leaders.lowFidelityPercent',
} as const;
const defaults: LeaderSettingsValue = { inactiveAfterMonths: defaultInactiveAfterMonths, ...defaultAttentionParams };

export function readLeaderSettings(repos: Repos): LeaderSettingsValue {
  const out = { ...defaults };
  for (const key of Object.keys(settingKeys) as (keyof LeaderSettingsValue)[]) {
    const v = Number(repos.settings.get(settingKeys[key]));
    if (Number.isInteger(v) && v > 0) out[key] = v;
  }
  return out;
}
export function writeLeaderSettings(repos: Repos, value: LeaderSettingsValue): void {
  for (const key of Object.keys(settingKeys) as (keyof LeaderSettingsValue)[]) repos.settings.set(settingKeys[key], String(value[key]));
}

export function requirementsOf(repos: Repos, programmeId: string): PathwayRequirements {
  const stored = repos.certification.requirements(programmeId);
  return { programmeId, ...(stored ?? defaultRequirements), isDefault: !stored };
}

export const toCertification = (r: CertificationRow): Certification => ({ ...r, requirementsMet: r.requirementsMet === 1 });

export interface GroupWithStats extends LeaderGroup {
  leaderId: string;
  label: string;
  lastHeldDate: string | null;
  present: number;
  marked: number;
}
export interface LeaderFacts {
  person: LeaderPerson;
  groups: GroupWithStats[];
  pathways: Pathway[];
  supervision: LeaderSupervisionStats | undefined;
  openFollowUps: OpenFollowUpRow[];
}

const groupLabel = (g: { programmeCode: string; unitName: string; venue: string; startDate: string }) =>
  `${g.programmeCode} ${g.unitName}${g.venue ? `, ${g.venue}` : ''} (${g.startDate})`;
const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/**
 * Everything the overview, the leader page and certification need about each leader (or one),
 * gathered with one grouped query per kind of fact and joined here.
 */
export function gatherLeaderFacts(repos: Repos, today: string, leaderId?: string, alsoProgrammeId?: string): LeaderFacts[] {
  const settings = readLeaderSettings(repos);
  const report = repos.leadersReport;
  const people = report.people(leaderId);
  if (!people.length) return [];

  const sessionStats = new Map(report.sessionStats(leaderId).map((r) => [r.groupId, r]));
  const participantStats = new Map(report.participantStats(leaderId).map((r) => [r.groupId, r]));
  const lastSupervision = new Map(report.lastSupervision(leaderId).map((r) => [r.groupId, r.lastDate]));
  const coLeaders = new Map<string, { id: string; name: string }[]>();
  const groupsByLeader = new Map<string, GroupWithStats[]>();
  const ledRows = report.ledGroups(leaderId);
  const namesByGroup = new Map<string, { id: string; name: string }[]>();
  const personName = new Map(people.map((p) => [p.id, p.name]));
  if (leaderId !== undefined) for (const c of report.coLeaders(leaderId)) push(coLeaders, c.groupId, { id: c.id, name: c.name });
  else for (const r of ledRows) push(namesByGroup, r.groupId, { id: r.leaderId, name: personName.get(r.leaderId) ?? '' });

  for (const r of ledRows) {
    const s = sessionStats.get(r.groupId);
    const p = participantStats.get(r.groupId);
    const group: GroupWithStats = {
      ...r,
      label: groupLabel(r),
      coLeaders: leaderId !== undefined ? (coLeaders.get(r.groupId) ?? []) : (namesByGroup.get(r.groupId) ?? []).filter((c) => c.id !== r.leaderId),
      sessionCount: s?.sessionCount ?? 0,
      heldCount: s?.heldCount ?? 0,
      lastHeldDate: s?.lastHeld ?? null,
      present: p?.present ?? 0,
      marked: p?.marked ?? 0,
      participants: p?.participants ?? 0,
      completed: p?.completed ?? 0,
      droppedOut: p?.droppedOut ?? 0,
      completionRate: p && p.known > 0 ? p.completed / p.known : null,
      meanAttendance: p && p.marked > 0 ? p.present / p.marked : null,
      meanFidelity: s?.fidelity ?? null,
      lastSupervisionDate: lastSupervision.get(r.groupId) ?? null,
    };
    push(groupsByLeader, r.leaderId, group);
  }

  const courseDays = new Map(report.courseDays(leaderId).map((r) => [`${r.leaderId}|${r.programmeId}`, r.n]));
  const supervisionCounts = new Map(report.supervisionByProgramme(leaderId).map((r) => [`${r.leaderId}|${r.programmeId}`, r.n]));
  const supervision = new Map(report.supervisionStats(leaderId).map((r) => [r.leaderId, r]));
  const certifications = new Map(repos.certification.list({ leaderId }).map((c) => [`${c.leaderId}|${c.programmeId}`, c]));
  const followUps = new Map<string, OpenFollowUpRow[]>();
  for (const f of report.openFollowUps(leaderId)) push(followUps, f.leaderId, f);

  const programmes = new Map(repos.programmes.list(true).map((p) => [p.id, p]));
  const stored = new Map(repos.certification.allRequirements().map((r) => [r.programmeId, r]));
  const requirements = (programmeId: string): PathwayRequirements => {
    const r = stored.get(programmeId);
    return { ...(r ?? defaultRequirements), programmeId, isDefault: !r };
  };

  // Which programmes each leader has anything recorded in.
  const programmesOf = new Map<string, Set<string>>();
  const note = (key: string) => {
    const [l, p] = key.split('|') as [string, string];
    const set = programmesOf.get(l) ?? new Set<string>();
    programmesOf.set(l, set.add(p));
  };
  for (const k of [...courseDays.keys(), ...supervisionCounts.keys(), ...certifications.keys()]) note(k);
  for (const [l, gs] of groupsByLeader) for (const g of gs) note(`${l}|${g.programmeId}`);
  if (alsoProgrammeId) for (const p of people) note(`${p.id}|${alsoProgrammeId}`);

  return people.map((person) => {
    const groups = (groupsByLeader.get(person.id) ?? []).sort((a, b) => b.startDate.localeCompare(a.startDate));
    const general = supervision.get(person.id)?.general ?? 0;
    const pathways = [...(programmesOf.get(person.id) ?? [])].flatMap((programmeId): Pathway[] => {
      const programme = programmes.get(programmeId);
      if (!programme) return [];
      const key = `${person.id}|${programmeId}`;
      const req = requirements(programmeId);
      const cert = certifications.get(key);
      const led: LedGroup[] = groups.filter((g) => g.programmeId === programmeId);
      const result = evaluatePathway(
        { leaderId: person.id, courseDays: courseDays.get(key) ?? 0, groups: led, supervisionSessions: (supervisionCounts.get(key) ?? 0) + general, certificationDate: cert?.date ?? null },
        req as Requirements,
        { today, inactiveAfterMonths: settings.inactiveAfterMonths },
      );
      return [{
        programmeId, programmeCode: programme.code, programmeName: programme.name, requirements: req,
        ...result, certification: cert ? toCertification(cert) : null,
      }];
    }).sort((a, b) => a.programmeCode.localeCompare(b.programmeCode, 'sv-SE'));
    return { person, groups, pathways, supervision: supervision.get(person.id), openFollowUps: followUps.get(person.id) ?? [] };
  });
}
