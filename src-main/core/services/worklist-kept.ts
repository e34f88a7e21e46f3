import type { DueItemValue, WorklistRow } from '../../contract';
import { addDays } from '../domain/dates';
import { openPoints, PRE_OPENS_DAYS_BEFORE, worklistReach, type OpenPoint, type WorklistGroup } from '../outcomes/worklist';
import type { Repos } from '../repos';
import type { ScheduleRow } from '../repos/outcomes';

export type NamedRow = Omit<WorklistRow, 'pending'>;

/** One group's share of the worklist on one day: its open points, and lazily who is due at them. */
interface Piece {
  points: OpenPoint[];
  due?: readonly DueItemValue[];
  named?: readonly NamedRow[];
}

/** What is kept for one day: the groups near it, their pieces, and lists made from them. */
export interface WorklistDay {
  readonly today: string;
  readonly from: string;
  readonly to: string;
  /** The city's groups whose span can give a listed window, in `spansNear`'s order; null until asked. */
  near: WorklistGroup[] | null;
  nearIds: Map<string, WorklistGroup> | null;
  pieces: Map<string, Piece>;
  /** Lists made from the pieces, let go when any group changes. */
  lists: Map<string, unknown>;
  /** Lists mended group by group, each with the groups changed since it was made or mended. */
  mended: Map<string, { value: unknown; changed: Set<string> }>;
}

interface Kept {
  otherWrites: number;
  noted: number;
  schedule: ScheduleRow[];
  reach: number;
  days: Map<string, WorklistDay>;
}

// Per open database (its outcome repo): what was read, and up to which noted change.
const keptOf = new WeakMap<object, Kept>();
/** Past this many days kept, the oldest is let go. */
const daysAtMost = 8;
/** Past this many groups changed at once (a bulk write), reading everything again costs less. */
const groupsAtMost = 500;

const freshKept = (repos: Repos, noted: number): Kept => {
  // Asked before reading: a commit by another connection after it is noticed at the next read.
  const otherWrites = repos.outcomes.otherWrites();
  const schedule = repos.outcomes.allSchedules();
  return { otherWrites, noted, schedule, reach: worklistReach(schedule), days: new Map() };
};

/**
 * The worklist's kept state, brought up to date with every write since it was read: on this
 * connection only the groups a write touched are read again (`repos.worklistChanges` notes them),
 * everything after a write to the schedules, programmes or units, after a write by another
 * connection (the CLI beside a running app), or after a bulk write. Inside a transaction, whose
 * writes a rollback would take back, nothing is kept: the state answers once and is dropped.
 */
function keptNow(repos: Repos): Kept {
  if (repos.outcomes.inTransaction()) return freshKept(repos, 0);
  let kept = keptOf.get(repos.outcomes);
  if (!kept || kept.otherWrites !== repos.outcomes.otherWrites()) {
    kept = freshKept(repos, repos.worklistChanges.start());
    keptOf.set(repos.outcomes, kept);
    return kept;
  }
  const changes = repos.worklistChanges.after(kept.noted, groupsAtMost);
  if (changes.upTo === kept.noted) return kept;
  if (changes.all) {
    kept = freshKept(repos, changes.upTo);
    keptOf.set(repos.outcomes, kept);
    return kept;
  }
  kept.noted = changes.upTo;
  forgetGroups(repos, kept, changes.groupIds);
  return kept;
}

// ISO dates and ids order the same byte by byte as in SQLite's own comparison.
const bytewise = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySpan = (a: WorklistGroup, b: WorklistGroup) =>
  bytewise(a.lastSession ?? '', b.lastSession ?? '') || bytewise(a.firstSession ?? '', b.firstSession ?? '') || bytewise(a.groupId, b.groupId);

/**
 * The changed groups' pieces go; each day's groups near it take their new spans, in the spans'
 * order. A span that did not move (most writes) leaves the day's groups as they are.
 */
function forgetGroups(repos: Repos, kept: Kept, groupIds: readonly string[]): void {
  if (groupIds.length === 0) return;
  let spans: Map<string, WorklistGroup> | null = null;
  for (const day of kept.days.values()) {
    for (const id of groupIds) day.pieces.delete(id);
    day.lists.clear();
    for (const m of day.mended.values()) for (const id of groupIds) m.changed.add(id);
    if (!day.near) continue;
    spans ??= new Map(groupIds.flatMap((id) => repos.outcomes.spanOf(id)).map((g) => [g.groupId, g]));
    const moved = groupIds.filter((id) => {
      const now = spans!.get(id);
      const was = day.nearIds!.get(id);
      const isNear = now !== undefined && now.lastSession !== null && now.firstSession !== null && now.lastSession >= day.from && now.firstSession <= day.to;
      if (!isNear) return was !== undefined;
      return !was || was.programmeId !== now.programmeId || was.firstSession !== now.firstSession || was.lastSession !== now.lastSession;
    });
    if (moved.length === 0) continue;
    const near = day.near.filter((g) => !moved.includes(g.groupId));
    for (const id of moved) {
      day.nearIds!.delete(id);
      const g = spans.get(id);
      if (!g || g.lastSession === null || g.firstSession === null || g.lastSession < day.from || g.firstSession > day.to) continue;
      let lo = 0;
      let hi = near.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (bySpan(near[mid]!, g) < 0) lo = mid + 1;
        else hi = mid;
      }
      near.splice(lo, 0, g);
      day.nearIds!.set(id, g);
    }
    day.near = near;
  }
}

/** The kept state of one day, up to date. */
export function worklistDay(repos: Repos, today: string): { day: WorklistDay; kept: Kept } {
  const kept = keptNow(repos);
  let day = kept.days.get(today);
  if (!day) {
    if (kept.days.size >= daysAtMost) kept.days.delete(kept.days.keys().next().value!);
    day = {
      today,
      from: addDays(today, -kept.reach),
      to: addDays(today, PRE_OPENS_DAYS_BEFORE),
      near: null,
      nearIds: null,
      pieces: new Map(),
      lists: new Map(),
      mended: new Map(),
    };
    kept.days.set(today, day);
  }
  return { day, kept };
}

/** The city's groups near the day (or the one group asked for, if its programme is scheduled and it has sessions). */
export function groupsOf(repos: Repos, day: WorklistDay, groupId?: string): WorklistGroup[] {
  if (groupId !== undefined) return repos.outcomes.spanOf(groupId);
  if (!day.near) {
    day.near = repos.outcomes.spansNear(day.from, day.to);
    day.nearIds = new Map(day.near.map((g) => [g.groupId, g]));
  }
  return day.near;
}

const keyOf = (p: OpenPoint) => [p.groupId, p.instrument, p.timepoint] as const;

/** Who is due at an open point, as both lists have it; the named list adds names and group words. */
const dueRow = (p: OpenPoint, participantId: string): DueItemValue => ({
  participantId,
  groupId: p.groupId,
  instrument: p.instrument,
  timepoint: p.timepoint,
  dueFrom: p.dueFrom,
  dueTo: p.dueTo,
  status: p.status,
});

/** The pieces of the given groups, those not kept read together: one query for all their points. */
function piecesOf(repos: Repos, kept: Kept, day: WorklistDay, groups: readonly WorklistGroup[], want: 'due' | 'named'): Piece[] {
  const missing = groups.filter((g) => !day.pieces.has(g.groupId));
  if (missing.length > 0) {
    const byGroup = new Map<string, OpenPoint[]>(missing.map((g) => [g.groupId, []]));
    for (const p of openPoints(missing, kept.schedule, day.today)) byGroup.get(p.groupId)!.push(p);
    for (const [id, points] of byGroup) day.pieces.set(id, { points });
  }
  const pieces = groups.map((g) => day.pieces.get(g.groupId)!);
  const lacking = pieces.filter((p) => p[want] === undefined);
  if (lacking.length === 0) return pieces;
  // Each piece's rows come in its points' order, then by participant id: the city's list is its
  // groups' pieces one after another.
  const points = lacking.flatMap((p) => p.points);
  const owner = lacking.flatMap((p) => p.points.map(() => p));
  const keys = points.map(keyOf);
  const rows = new Map<Piece, (DueItemValue | NamedRow)[]>(lacking.map((p) => [p, []]));
  const add = (point: number, row: DueItemValue | NamedRow) => rows.get(owner[point]!)!.push(Object.freeze(row));
  if (want === 'due') {
    for (const { point, participantId } of repos.outcomes.unanswered(keys)) add(point, dueRow(points[point]!, participantId));
  } else {
    const words = new Map(repos.outcomes.groupWords([...new Set(points.map((p) => p.groupId))]).map((w) => [w.groupId, w]));
    for (const { point, participantId, participantName } of repos.outcomes.unansweredNamed(keys)) {
      const p = points[point]!;
      const w = words.get(p.groupId);
      if (!w) continue;
      add(point, { ...dueRow(p, participantId), participantName, programmeName: w.programmeName, unitName: w.unitName, groupStartDate: w.groupStartDate });
    }
  }
  for (const [piece, list] of rows) {
    if (want === 'due') piece.due = Object.freeze(list as DueItemValue[]);
    else piece.named = Object.freeze(list as NamedRow[]);
  }
  return pieces;
}

export type KeptDay = ReturnType<typeof worklistDay>;

/** Per group (of the city near the day, or the one asked for), its due rows, in the list's order. */
export function duePieces(repos: Repos, { day, kept }: KeptDay, groupId?: string): (readonly DueItemValue[])[] {
  return piecesOf(repos, kept, day, groupsOf(repos, day, groupId), 'due').map((p) => p.due!);
}

/** The same with names and words. */
export function namedPieces(repos: Repos, { day, kept }: KeptDay, groupId?: string): (readonly NamedRow[])[] {
  return piecesOf(repos, kept, day, groupsOf(repos, day, groupId), 'named').map((p) => p.named!);
}

/** One group's named rows as the city's list has them: none when it is not near the day. */
export function cityGroupNamed(repos: Repos, { day, kept }: KeptDay, groupId: string): readonly NamedRow[] {
  groupsOf(repos, day);
  if (!day.nearIds!.has(groupId)) return [];
  return piecesOf(repos, kept, day, [day.nearIds!.get(groupId)!], 'named')[0]!.named!;
}

/** A list made from the day's pieces, kept until a group changes. */
export function keptList<T>(day: WorklistDay, key: string, make: () => T): T {
  if (day.lists.has(key)) return day.lists.get(key) as T;
  const value = make();
  day.lists.set(key, value);
  return value;
}

/**
 * A list kept across changes and mended for the groups changed since: `mend` gets the kept value
 * and those groups; past `atMost` of them it is made afresh.
 */
export function mendedList<T>(day: WorklistDay, key: string, make: () => T, mend: (value: T, changed: ReadonlySet<string>) => T, atMost = 64): T {
  const kept = day.mended.get(key);
  if (kept && kept.changed.size === 0) return kept.value as T;
  const value = kept && kept.changed.size <= atMost ? mend(kept.value as T, kept.changed) : make();
  day.mended.set(key, { value, changed: new Set() });
  return value;
}
