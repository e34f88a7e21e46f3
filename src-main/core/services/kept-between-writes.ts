/**
 * Values kept by what was asked, at most `keepAtMost` of them, all let go whenever `stamp` differs
 * from what it was when they were last looked up. For a reader that mends what it keeps after some
 * writes (the activity report, after this connection's) and must make everything again after the
 * others (`stamp` then says which). Look a key up before keeping a value under it: the stamp is
 * read then, so a write while the value is made lets it go at the next look-up.
 */
export function keptByInput<T>(stamp: () => string | number, keepAtMost = 8) {
  const kept = new Map<string, T>();
  let keptUnder: string | number | undefined;
  return {
    get(key: string): T | undefined {
      const now = stamp();
      if (now !== keptUnder) {
        kept.clear();
        keptUnder = now;
      }
      return kept.get(key);
    },
    set(key: string, value: T): void {
      // The oldest asked goes first: a few periods and scopes are looked at in turn, not hundreds.
      if (!kept.has(key) && kept.size >= keepAtMost) kept.delete(kept.keys().next().value!);
      kept.set(key, value);
    },
    delete(key: string): void {
      kept.delete(key);
    },
  };
}

/**
 * Results a read made, kept by what it was asked until the next write on this connection or
 * another (`stamp` differs then). For reads whose making costs more than a screen can wait and
 * that the screens ask again on every visit; the first read after a write makes them again.
 */
export function keptBetweenWrites<T>(stamp: () => string, keepAtMost = 8) {
  const kept = keptByInput<T>(stamp, keepAtMost);
  return (key: string, make: () => T): T => {
    let value = kept.get(key);
    if (value === undefined) {
      value = make();
      kept.set(key, value);
    }
    return value;
  };
}
