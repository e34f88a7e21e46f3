/** Time source for services, replaceable in tests so date rules can be checked at their edges. */
export interface Clock {
  /** ISO-8601 UTC timestamp. */
  now(): string;
  /** Local calendar date, YYYY-MM-DD. */
  today(): string;
}

const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export const systemClock: Clock = {
  now: () => new Date().toISOString(),
  today: () => localDate(new Date()),
};

export const fixedClock = (isoTimestamp: string): Clock => ({
  now: () => isoTimestamp,
  today: () => isoTimestamp.slice(0, 10),
});
