/**
 * How long the next unlock attempt must wait after `failures` consecutive wrong attempts: three
 * free tries for typos, then 1 s doubling to a 5-minute ceiling. The real protection against
 * guessing is the scrypt cost; this only slows a person at the keyboard.
 */
export function unlockDelayMs(failures: number): number {
  const free = 3;
  if (!Number.isFinite(failures) || failures < free) return 0;
  return Math.min(1000 * 2 ** (failures - free), 5 * 60 * 1000);
}
