/**
 * Step-wise readings: a generator that yields between its costly queries, so that reading ahead
 * can give way to a call waiting (app/read-ahead.ts), while a call takes all steps at once.
 */

/** Runs what a step-wise reading has left in one go. */
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
