import type {
  GroupOutcomes,
  InstrumentDetail,
  OutcomeResults,
  OutcomesReport,
  ParsedInput,
  WorklistGroupOption,
  WorklistPage,
  WorklistRow,
  WorklistSummary,
} from '../../contract';
import { isCompositeScale } from '../../contract/schemas/instruments';
import { notFound } from '../errors';
import { groupStates } from '../outcomes/group-states';
import { computeResults, responseRatesOfSpans } from '../outcomes/results';
import { enteredKey, closedKey, type DueItem } from '../outcomes/worklist';
import type { Repos } from '../repos';
import type { ResultScope } from '../repos/outcomes';
import type { PendingEntryState } from '../../contract/enums';
import { compareSwedish } from '../domain/text';
import type { ServiceContext } from './context';
import { definitionOf, instrumentMissing } from './instruments';
import { keptBetweenWrites } from './kept-between-writes';
import { dueList } from './outcomes';
import { cityGroupNamed, keptList, mendedList, namedPieces, worklistDay, type KeptDay, type NamedRow } from './worklist-kept';

/** Where a form typed twice stands, for a worklist row: null when it is not waiting for anything. */
function pendingOf(repos: Repos): (item: DueItem) => PendingEntryState | null {
  const forms = new Map(repos.outcomeMarks.pendingForms().map((f) => [enteredKey(f.participantId, f.instrumentCode, f.timepoint), f.typings]));
  return (item) => {
    const typings = forms.get(enteredKey(item.participantId, item.instrument, item.timepoint));
    return typings === undefined ? null : typings >= 2 ? 'awaiting_reconciliation' : 'awaiting_second';
  };
}

type WorklistOrdered = Pick<WorklistRow, 'dueTo' | 'participantName' | 'instrument' | 'timepoint' | 'participantId'>;
/**
 * The worklist's order: closing date, name, instrument, time point. Ties (two people with the same
 * initials) fall back to ids, so the order is the same on every call.
 */
const byClosingThenName = (a: WorklistOrdered, b: WorklistOrdered) =>
  a.dueTo.localeCompare(b.dueTo) ||
  compareSwedish(a.participantName, b.participantName) ||
  a.instrument.localeCompare(b.instrument) ||
  a.timepoint.localeCompare(b.timepoint) ||
  a.participantId.localeCompare(b.participantId);

function detailOf(repos: Repos, code: string, version?: string): InstrumentDetail {
  const row = version === undefined ? repos.outcomes.latestInstrument(code) : repos.outcomes.instrument(code, version);
  if (!row) throw instrumentMissing();
  const d = definitionOf(row);
  return {
    code: d.code,
    version: d.version,
    name: d.name,
    respondent: d.respondent,
    licence: d.licence,
    items: d.items.map((i) => ({ code: i.code, min: i.min, max: i.max, reverse: i.reverse, ...(i.text ? { text: i.text } : {}) })),
    scales: d.scales.map((s) => ({ code: s.code, bands: s.bands })),
  };
}

function resultsFor(repos: Repos, instrument: string, { programmeId, from, to }: ResultScope, today: string): OutcomeResults {
  const latest = repos.outcomes.latestInstrument(instrument);
  if (!latest) throw instrumentMissing();
  const definition = definitionOf(latest);
  const scaleOrder = definition.scales.map((s) => s.code);
  // Composite scales read last in a definition; keep them after their parts here as well.
  scaleOrder.sort((a, b) => Number(isComposite(a)) - Number(isComposite(b)));
  function isComposite(code: string) {
    const scale = definition.scales.find((s) => s.code === code);
    return scale ? isCompositeScale(scale) : false;
  }
  // Filters and sums happen in the database: only counts, means and sums of squares come back.
  const scope = { programmeId, from, to };
  const responseRates = responseRatesOfSpans({
    spans: repos.outcomes.spanCounts(instrument, scope),
    returned: repos.outcomes.spanReturned(instrument, scope),
    schedule: repos.outcomes.allSchedules().filter((p) => p.instrumentCode === instrument),
    today,
  });
  const moments = { levels: repos.outcomes.levelMoments(instrument, scope), changes: repos.outcomes.changeMoments(instrument, scope) };
  return computeResults(instrument, scaleOrder, moments, responseRates);
}

/** The screens' reads of outcomes: a definition for entry, the worklist with names, a group's grid, results. */
export function outcomeViewService({ repos, clock }: ServiceContext) {
  // Enkäter asks for an instrument's results each time it opens, and making them reads every
  // answer of the city (over a hundred milliseconds at city scale): kept until the next write.
  const keptResults = keptBetweenWrites<OutcomeResults>(repos.writeStamp);
  /**
   * The worklist's counts and its first rows in the worklist's order, with names read only for
   * the rows that can be among them: the whole city's names are what makes the full list slow.
   * Those rows close on or before the `limit`-th earliest closing day, found by counting rows per
   * day rather than sorting the city (ISO dates order the same byte by byte as in words).
   */
  const summaryOf = (today: string, limit: number) => {
    const items = dueList(repos, today);
    let overdue = 0;
    const perDay = new Map<string, number>();
    for (const i of items) {
      if (i.status === 'overdue') overdue++;
      perDay.set(i.dueTo, (perDay.get(i.dueTo) ?? 0) + 1);
    }
    let last: string | undefined;
    if (items.length >= limit) {
      let seen = 0;
      for (const d of [...perDay.keys()].sort()) {
        seen += perDay.get(d)!;
        if (seen >= limit) {
          last = d;
          break;
        }
      }
    }
    const candidates = last === undefined ? items : items.filter((i) => i.dueTo <= last);
    const names = new Map(repos.outcomes.enrolmentNamesOf([...new Set(candidates.map((i) => i.participantId))]).map((n) => [n.participantId, n]));
    const pending = pendingOf(repos);
    const first = candidates
      .flatMap((item) => {
        const n = names.get(item.participantId);
        return n
          ? [
              {
                ...item,
                participantName: n.participantName,
                programmeName: n.programmeName,
                unitName: n.unitName,
                groupStartDate: n.groupStartDate,
                pending: pending(item),
              },
            ]
          : [];
      })
      .sort(byClosingThenName)
      .slice(0, limit);
    return { due: items.length - overdue, overdue, first: Object.freeze(first.map((row) => Object.freeze(row))) };
  };

  type PageGroup = WorklistGroupOption;
  interface PageOrder {
    /** The groups with rows, by programme, unit and start date in words (ties by id). */
    groups: readonly PageGroup[];
    /** Each of those groups' rows by closing date, name, instrument and time point. */
    rowsOf: ReadonlyMap<string, readonly NamedRow[]>;
    ordered: readonly NamedRow[];
    overdue: number;
  }
  const labelOf = (g: PageGroup) => `${g.programmeName} – ${g.unitName}, ${g.groupStartDate}`;
  const byLabel = (a: PageGroup, b: PageGroup) => compareSwedish(labelOf(a), labelOf(b)) || a.groupId.localeCompare(b.groupId);
  const groupOf = (r: NamedRow): PageGroup => ({ groupId: r.groupId, programmeName: r.programmeName, unitName: r.unitName, groupStartDate: r.groupStartDate });
  const ordering = (groups: readonly PageGroup[], rowsOf: ReadonlyMap<string, readonly NamedRow[]>): PageOrder => {
    const ordered = groups.flatMap((g) => rowsOf.get(g.groupId)!);
    return { groups, rowsOf, ordered, overdue: ordered.filter((r) => r.status === 'overdue').length };
  };
  /** Where `item` goes in `list`, kept in `order`'s order. */
  const placeOf = <T>(list: readonly T[], item: T, order: (a: T, b: T) => number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(list[mid]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /**
   * The whole worklist in the page's order: by group (programme, unit, start date), then by closing
   * date, name, instrument and time point; with the groups for the filter. Kept, and after a write
   * mended for the groups it touched: turning a page or filtering does not sort the city again.
   */
  const pageOrderOf = (kept: KeptDay): PageOrder =>
    mendedList(
      kept.day,
      'page',
      () => {
        const rowsOf = new Map<string, readonly NamedRow[]>();
        const groups: PageGroup[] = [];
        for (const rows of namedPieces(repos, kept)) {
          if (rows.length === 0) continue;
          rowsOf.set(rows[0]!.groupId, [...rows].sort(byClosingThenName));
          groups.push(groupOf(rows[0]!));
        }
        return ordering(groups.sort(byLabel), rowsOf);
      },
      (before, changed) => {
        const rowsOf = new Map(before.rowsOf);
        const groups = before.groups.filter((g) => !changed.has(g.groupId));
        for (const id of changed) {
          rowsOf.delete(id);
          const rows = cityGroupNamed(repos, kept, id);
          if (rows.length === 0) continue;
          rowsOf.set(id, [...rows].sort(byClosingThenName));
          const g = groupOf(rows[0]!);
          groups.splice(placeOf(groups, g, byLabel), 0, g);
        }
        return ordering(groups, rowsOf);
      },
    );

  /** The city's worklist with names and pending forms, in the worklist's order; mended after a write like the page's. */
  const cityWorklist = (kept: KeptDay): readonly WorklistRow[] =>
    mendedList(
      kept.day,
      'worklist',
      () => {
        const pending = pendingOf(repos);
        return namedPieces(repos, kept)
          .flat()
          .map((row) => Object.freeze({ ...row, pending: pending(row) }))
          .sort(byClosingThenName);
      },
      (before, changed) => {
        const pending = pendingOf(repos);
        const rows = before.filter((r) => !changed.has(r.groupId));
        for (const id of changed)
          for (const row of cityGroupNamed(repos, kept, id)) {
            const r = Object.freeze({ ...row, pending: pending(row) });
            rows.splice(placeOf(rows, r, byClosingThenName), 0, r);
          }
        return rows;
      },
    );

  return {
    instrument: ({ code, version }: ParsedInput<'instruments.get'>): InstrumentDetail => detailOf(repos, code, version),

    worklist: ({ groupId, on }: ParsedInput<'outcomes.worklist'>): WorklistRow[] => {
      const kept = worklistDay(repos, on ?? clock.today());
      if (groupId === undefined) return [...cityWorklist(kept)];
      const pending = pendingOf(repos);
      return namedPieces(repos, kept, groupId)
        .flat()
        .map((row) => ({ ...row, pending: pending(row) }))
        .sort(byClosingThenName);
    },

    /**
     * A page of the worklist in the screen's order: by group (programme, unit, start date), then by
     * closing date, name, instrument and time point. The whole list is made, as for the worklist, but
     * only the page is sent (and marked for forms typed twice); the groups for the filter are
     * `worklistGroups`.
     */
    worklistPage: ({ on, groupId, status, offset, limit }: ParsedInput<'outcomes.worklistPage'>): WorklistPage => {
      const { ordered, overdue } = pageOrderOf(worklistDay(repos, on ?? clock.today()));
      // The order is total (a participant is asked each instrument once per time point), so the
      // filtered rows keep it.
      const shown = groupId || status ? ordered.filter((r) => (!groupId || r.groupId === groupId) && (!status || r.status === status)) : ordered;
      const pending = pendingOf(repos);
      return {
        rows: shown.slice(offset, offset + limit).map((r) => ({ ...r, pending: pending(r) })),
        total: shown.length,
        overdue,
      };
    },

    /**
     * The groups with a point on the worklist, for the page's filter, in its order: kept with the
     * page's order, and mended with it group by group after a write.
     */
    worklistGroups: ({ on }: ParsedInput<'outcomes.worklistGroups'>): WorklistGroupOption[] => [...pageOrderOf(worklistDay(repos, on ?? clock.today())).groups],

    /** The worklist's counts and its first rows, kept until a group on the list changes. */
    worklistSummary: ({ on, limit }: ParsedInput<'outcomes.worklistSummary'>): WorklistSummary => {
      const today = on ?? clock.today();
      const summary = keptList(worklistDay(repos, today).day, `summary|${limit}`, () => summaryOf(today, limit));
      return { ...summary, first: [...summary.first] };
    },

    group: ({ groupId }: ParsedInput<'outcomes.group'>): GroupOutcomes => {
      const group = repos.groups.row(groupId);
      if (!group) throw notFound({ sv: 'Gruppen', en: 'The group' });
      // Only this group's rows are read: the page opens often, the city's enrolments are many.
      const enrolments = repos.outcomes.groupEnrolmentDates(groupId);
      const schedule = repos.outcomes.schedulesFor(group.programmeId);
      const entered = new Set(repos.outcomes.groupResponseKeys(groupId).map((r) => enteredKey(r.participantId, r.instrumentCode, r.timepoint)));
      const marks = new Map(repos.outcomes.groupStatuses(groupId).map((s) => [closedKey(s.participantId, s.timepoint), s.status] as const));
      const names = new Map(repos.outcomes.groupNames(groupId).map((n) => [n.participantId, n.participantName]));
      const pending = new Map(
        repos.outcomeMarks.groupPendingForms(groupId).map((f) => [enteredKey(f.participantId, f.instrumentCode, f.timepoint), f.typings]),
      );
      const imported = new Map(
        repos.outcomeMarks
          .groupResponseOrigins(groupId)
          .filter((r) => r.source === 'import')
          .map((r) => [enteredKey(r.participantId, r.instrumentCode, r.timepoint), r.createdAt.slice(0, 10)]),
      );
      const states = groupStates({ enrolments, schedule, entered, marks, pending, today: clock.today() });
      return {
        points: states.points,
        rows: states.rows
          .map((r) => ({
            ...r,
            name: names.get(r.participantId) ?? '',
            imported: states.points.map((p, i) =>
              r.states[i] === 'entered' ? (imported.get(enteredKey(r.participantId, p.instrument, p.timepoint)) ?? null) : null,
            ),
          }))
          .sort((a, b) => compareSwedish(a.name, b.name)),
      };
    },

    results: ({ instrument: asked, programmeId, from, to }: ParsedInput<'outcomes.results'>): OutcomeResults => {
      const today = clock.today();
      // The library's first, in the order instruments.list gives it.
      const instrument = asked ?? repos.outcomes.listInstruments()[0]?.code;
      if (instrument === undefined) return computeResults('', [], { levels: [], changes: [] });
      return keptResults(JSON.stringify([instrument, programmeId ?? null, from ?? null, to ?? null, today]), () =>
        resultsFor(repos, instrument, { programmeId, from, to }, today),
      );
    },

    report: ({ programmeId, from, to }: ParsedInput<'outcomes.report'>): OutcomesReport => {
      const codes = [...new Set(repos.outcomes.listInstruments().map((i) => i.code))];
      return {
        from: from ?? null,
        to: to ?? null,
        programmeId: programmeId ?? null,
        instruments: codes
          .map((code) => resultsFor(repos, code, { programmeId, from, to }, clock.today()))
          .filter((r) => r.levels.length > 0 || r.responseRates.length > 0),
      };
    },
  };
}
