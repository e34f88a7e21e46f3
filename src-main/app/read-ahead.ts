import type { Clock } from '../core/clock';
import type { Services } from '../core/services';
import type { Handlers } from './router';

/** One piece of reading ahead: true while it has more steps to take. */
export type ReadAheadStep = () => boolean;

export interface ReadingAhead {
  /** A call came in: the next step waits until calls have been quiet a moment. */
  noteCall(): void;
  stop(): void;
}

/**
 * Takes the steps of `tasks` in turn, one per turn of the event loop, and only once no call has
 * come in for `quietMs`: a call that arrives meanwhile waits for one step at most, never for all
 * of them. A task that fails is left; the call that needs it reports the failure.
 */
export function readAhead(tasks: readonly ReadAheadStep[], { firstAfterMs = 500, quietMs = 250, now = () => Date.now() } = {}): ReadingAhead {
  let lastCall = now();
  let index = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let immediate: ReturnType<typeof setImmediate> | undefined;
  const tick = () => {
    timer = undefined;
    immediate = undefined;
    if (stopped || index >= tasks.length) return;
    const quietFor = now() - lastCall;
    if (quietFor < quietMs) {
      timer = setTimeout(tick, quietMs - quietFor).unref();
      return;
    }
    let more: boolean;
    try {
      more = tasks[index]!();
    } catch {
      more = false;
    }
    if (!more) index++;
    // After the I/O that came in during the step: a call waiting is answered before the next one.
    immediate = setImmediate(tick).unref();
  };
  // Nothing here keeps a process alive that has nothing else to do.
  timer = setTimeout(tick, firstAfterMs).unref();
  return {
    noteCall: () => {
      lastCall = now();
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    },
  };
}

/** The same handlers, each telling `onCall` as it is called. */
export function noticingCalls(handlers: Handlers, onCall: () => void): Handlers {
  const noticed: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown, ctx: unknown) => unknown][]) {
    noticed[name] = (input: unknown, ctx: unknown) => {
      onCall();
      return handler(input, ctx);
    };
  }
  return noticed as Handlers;
}

/**
 * What the screens behind the navigation make on their first call that costs from a few hundred
 * milliseconds to seconds on a city's database freshly opened, and then keep until a write:
 * Enkäter's worklist and first instrument's results, the leaders overview's rows (a step per
 * grouped query), the staff register's first page, and this year's activity report as the reports
 * screen opens with it (a step per query). Made in the app's shells after opening, so the first
 * click on those screens finds them kept.
 */
export function screenReadsAhead(services: Services, clock: Clock): ReadAheadStep[] {
  const once =
    (read: () => unknown): ReadAheadStep =>
    () => {
      read();
      return false;
    };
  const year = () => clock.today().slice(0, 4);
  // In the navigation's order, which puts the shortest first.
  return [
    once(() => services.outcomeViews.worklistPage({ offset: 0, limit: 100 })),
    // As Enkäter asks: the library's first instrument.
    once(() => services.outcomeViews.results({})),
    () => services.leaders.warmStep(),
    // The staff register's first page, as its list opens (archived hidden).
    once(() => services.staff.page({ offset: 0, limit: 100, search: '', includeArchived: false })),
    () => services.activityReport.warmStep({ from: `${year()}-01-01`, to: `${year()}-12-31`, unitIds: [], programmeIds: [] }),
  ];
}
