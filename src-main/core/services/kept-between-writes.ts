/**
 * Results a read made, kept by what it was asked until the next write on this connection or
 * another (`stamp` differs then). For reads whose making costs more than a screen can wait and
 * that the screens ask again on every visit; the first read after a write makes them again.
 */
export function keptBetweenWrites<T>(stamp: () => string, keepAtMost = 8) {
  const kept = new Map<string, T>();
  let keptUnder = '';
  return (key: string, make: () => T): T => {
    const now = stamp();
    if (now !== keptUnder) {
      kept.clear();
      keptUnder = now;
    }
    let value = kept.get(key);
    if (value === undefined) {
      value = make();
      // The oldest asked goes first: a few periods and scopes are looked at in turn, not hundreds.
      if (kept.size >= keepAtMost) kept.delete(kept.keys().next().value!);
      kept.set(key, value);
    }
    return value;
  };
}
