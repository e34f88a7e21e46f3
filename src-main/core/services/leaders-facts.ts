import type { Certification, LeaderGroup, Pathway, PathwayRequirements } from '../../contract';
import { type AttentionParams, defaultAttentionParams } from '../domain/attention';
import {
  defaultInactiveAfterMonths,
  defaultRequirements,
  evaluatePathway,
  evaluatePathwayStatus,
  type PathwayFacts,
  type PathwayStatus,
  type Requirements,
} from '../domain/pathway';
import { compareSwedish } from '../domain/text';
import type { Repos } from '../repos';
import type { CertificationRow } from '../repos/certification';
import type { LeaderPerson, LeaderSupervisionStats, OpenFollowUpRow } from '../repos/leaders-report';
import { finish } from '../steps';

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
/** What the supervisor overview needs of a pathway: no checklist texts, only whether it is certified. */
export interface PathwaySummary {
  programmeId: string;
  programmeCode: string;
  status: PathwayStatus;
  requirementsMet: boolean;
  certified: boolean;
}
/** One leader for the overview: groups without co-leaders (the overview does not list groups). */
export interface LeaderSummary extends Omit<LeaderFacts, 'pathways'> {
  pathways: PathwaySummary[];
}

const groupLabel = (g: { programmeCode: string; unitName: string; venue: string; startDate: string }) =>
  `${g.programmeCode} ${g.unitName}${g.venue ? `, ${g.venue}` : ''} (${g.startDate})`;
const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byCode = (a: { programmeCode: string }, b: { programmeCode: string }) => compareSwedish(a.programmeCode, b.programmeCode);

interface PathwayInput {
  programmeId: string;
  programme: { code: string; name: string };
  requirements: PathwayRequirements;
  facts: PathwayFacts;
  options: { today: string; inactiveAfterMonths: number };
}
type Certified = { leaderId: string; programmeId: string; date: string };

/**
 * Joins the grouped queries into per-leader facts; `evaluate` turns each programme the leader has
 * anything recorded in into a pathway. With a leader (or a list of them), only their groups are read.
 * Every order that reaches the answer is total (ties broken by id), so a leader's facts are the
 * same whether read alone, in a list, or with everyone.
 */
function collect<C extends Certified, P>(
  repos: Repos,
  today: string,
  certificationRows: C[],
  evaluate: (input: PathwayInput, cert: C | undefined) => P,
  coLeadersOf: (groupId: string, leaderId: string) => { id: string; name: string }[],
  leaderId?: string | readonly string[],
  alsoProgrammeId?: string,
  settings = readLeaderSettings(repos),
): (Omit<LeaderFacts, 'pathways'> & { pathways: P[] })[] {
  return finish(collectSteps(repos, today, () => certificationRows, evaluate, coLeadersOf, leaderId, alsoProgrammeId, settings));
}

/**
 * `collect`, pausing after each grouped query: over everyone each takes a good part of a second
 * at city scale, so a reading ahead of the first call (see warmLeaders) can let other calls in
 * between them.
 */
function* collectSteps<C extends Certified, P>(
  repos: Repos,
  today: string,
  certificationRows: () => C[],
  evaluate: (input: PathwayInput, cert: C | undefined) => P,
  coLeadersOf: (groupId: string, leaderId: string) => { id: string; name: string }[],
  leaderId?: string | readonly string[],
  alsoProgrammeId?: string,
  settings = readLeaderSettings(repos),
): Generator<void, (Omit<LeaderFacts, 'pathways'> & { pathways: P[] })[]> {
  const report = repos.leadersReport;
  const people = report.people(leaderId);
  if (!people.length) return [];
  yield;

  const sessionStats = new Map(report.sessionStats(leaderId).map((r) => [r.groupId, r]));
  yield;
  const participantStats = new Map(report.participantStats(leaderId).map((r) => [r.groupId, r]));
  yield;
  const lastSupervision = new Map(report.lastSupervision(leaderId).map((r) => [r.groupId, r.lastDate]));
  yield;
  const groupsByLeader = new Map<string, GroupWithStats[]>();
  const ledRows = report.ledGroups(leaderId);
  yield;
  for (const r of ledRows) {
    const s = sessionStats.get(r.groupId);
    const p = participantStats.get(r.groupId);
    const group: GroupWithStats = {
      ...r,
      label: groupLabel(r),
      coLeaders: coLeadersOf(r.groupId, r.leaderId),
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

  // What each leader has recorded per programme; a programme appears once anything is recorded in it.
  const byLeader = new Map<string, Map<string, { courseDays: number; supervision: number; cert: C | undefined }>>();
  const slot = (l: string, p: string) => {
    let programmes = byLeader.get(l);
    if (!programmes) byLeader.set(l, (programmes = new Map()));
    let facts = programmes.get(p);
    if (!facts) programmes.set(p, (facts = { courseDays: 0, supervision: 0, cert: undefined }));
    return facts;
  };
  for (const r of report.courseDays(leaderId)) slot(r.leaderId, r.programmeId).courseDays = r.n;
  yield;
  for (const r of report.supervisionByProgramme(leaderId)) slot(r.leaderId, r.programmeId).supervision = r.n;
  yield;
  for (const c of certificationRows()) slot(c.leaderId, c.programmeId).cert = c;
  for (const r of ledRows) slot(r.leaderId, r.programmeId);
  if (alsoProgrammeId) for (const p of people) slot(p.id, alsoProgrammeId);
  const supervision = new Map(report.supervisionStats(leaderId).map((r) => [r.leaderId, r]));
  yield;
  const followUps = new Map<string, OpenFollowUpRow[]>();
  for (const f of report.openFollowUps(leaderId)) push(followUps, f.leaderId, f);

  const programmes = new Map(report.programmes().map((p) => [p.id, p]));
  const stored = new Map(repos.certification.allRequirements().map((r) => [r.programmeId, r]));
  const requirements = new Map<string, PathwayRequirements>();
  const requirementsOf = (programmeId: string): PathwayRequirements => {
    let req = requirements.get(programmeId);
    if (!req) {
      const r = stored.get(programmeId);
      requirements.set(programmeId, (req = { ...(r ?? defaultRequirements), programmeId, isDefault: !r }));
    }
    return req;
  };

  const options = { today, inactiveAfterMonths: settings.inactiveAfterMonths };
  return people.map((person) => {
    // Latest first; ISO dates order byte by byte, without a collator call per pair.
    const groups = (groupsByLeader.get(person.id) ?? []).sort((a, b) => byText(b.startDate, a.startDate) || byText(a.groupId, b.groupId));
    const general = supervision.get(person.id)?.general ?? 0;
    const pathways: P[] = [];
    for (const [programmeId, recorded] of byLeader.get(person.id) ?? []) {
      const programme = programmes.get(programmeId);
      if (!programme) continue;
      const { cert } = recorded;
      const facts: PathwayFacts = {
        leaderId: person.id,
        courseDays: recorded.courseDays,
        groups: groups.filter((g) => g.programmeId === programmeId),
        supervisionSessions: recorded.supervision + general,
        certificationDate: cert?.date ?? null,
      };
      pathways.push(evaluate({ programmeId, programme, requirements: requirementsOf(programmeId), facts, options }, cert));
    }
    const open = (followUps.get(person.id) ?? []).sort((a, b) => byText(a.dueDate, b.dueDate) || byText(a.id, b.id));
    return { person, groups, pathways, supervision: supervision.get(person.id), openFollowUps: open };
  });
}

/** Everything the leader page and certification need about one leader, pathways with their checklists. */
export function gatherLeaderFacts(
  repos: Repos,
  today: string,
  leaderId: string,
  alsoProgrammeId?: string,
  settings = readLeaderSettings(repos),
): LeaderFacts[] {
  const coLeaders = new Map<string, { id: string; name: string }[]>();
  for (const c of repos.leadersReport.coLeaders(leaderId)) push(coLeaders, c.groupId, { id: c.id, name: c.name });
  const facts = collect(
    repos,
    today,
    repos.certification.list({ leaderId }),
    ({ programmeId, programme, requirements, facts: f, options }, cert): Pathway => ({
      programmeId,
      programmeCode: programme.code,
      programmeName: programme.name,
      requirements,
      ...evaluatePathway(f, requirements as Requirements, options),
      certification: cert ? toCertification(cert) : null,
    }),
    (groupId) => coLeaders.get(groupId) ?? [],
    leaderId,
    alsoProgrammeId,
    settings,
  );
  for (const f of facts) f.pathways.sort(byCode);
  return facts;
}

/**
 * Every leader for the supervisor overview (or those listed: the ones a write touched), gathered
 * with one grouped query per kind of fact. Pathways carry only their status: the same evaluation
 * as the leader page, without the texts; leaders listed who are not leaders are left out.
 */
export function gatherLeaderSummaries(repos: Repos, today: string, settings = readLeaderSettings(repos), leaderIds?: readonly string[]): LeaderSummary[] {
  return finish(gatherLeaderSummariesSteps(repos, today, settings, leaderIds));
}

/** gatherLeaderSummaries, pausing between its grouped queries (see collectSteps). */
export function* gatherLeaderSummariesSteps(
  repos: Repos,
  today: string,
  settings = readLeaderSettings(repos),
  leaderIds?: readonly string[],
): Generator<void, LeaderSummary[]> {
  const noCoLeaders: { id: string; name: string }[] = [];
  const summaries = yield* collectSteps(
    repos,
    today,
    () => repos.leadersReport.certified(leaderIds),
    ({ programmeId, programme, requirements, facts, options }, cert): PathwaySummary => ({
      programmeId,
      programmeCode: programme.code,
      ...pick(evaluatePathwayStatus(facts, requirements as Requirements, options)),
      certified: cert !== undefined,
    }),
    () => noCoLeaders,
    leaderIds,
    undefined,
    settings,
  );
  for (const f of summaries) f.pathways.sort(byCode);
  return summaries;
}
const pick = (r: { status: PathwayStatus; requirementsMet: boolean }) => ({ status: r.status, requirementsMet: r.requirementsMet });
