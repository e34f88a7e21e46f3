import { createHash, randomBytes } from 'node:crypto';

/**
 * How a browser gets into the browser shell without a lasting secret in any URL. The process that
 * started the server hands the browser a launch address with a nonce; the nonce is good for one
 * exchange within a short time, and the exchange sets an HttpOnly session cookie that the page's
 * calls and event stream then carry. A nonce seen later in `ps`, a history file or a terminal
 * scroll-back has already been spent or has expired.
 */
export interface Sessions {
  /** A fresh single-use nonce. */
  issueNonce(): string;
  /** Spends the nonce (whatever the outcome) and returns a new session id, or null when it is unknown, spent or expired. */
  redeem(nonce: string | null | undefined): string | null;
  isSession(id: string | null | undefined): boolean;
}

export interface SessionOptions {
  /** How long a nonce stays usable. */
  nonceTtlMs: number;
  now: () => number;
}

/** A browser's session lasts as long as the server; this many are kept, the oldest dropped first. */
export const maxSessions = 32;

const secret = () => randomBytes(32).toString('base64url');
// Only digests are kept, so a lookup's timing says nothing about the secret being guessed.
const digest = (value: string) => createHash('sha256').update(value).digest('base64url');

export function createSessions(options: SessionOptions): Sessions {
  const nonces = new Map<string, number>();
  const sessions = new Set<string>();

  const forgetExpired = () => {
    const now = options.now();
    for (const [key, expires] of nonces) if (expires <= now) nonces.delete(key);
  };

  return {
    issueNonce() {
      forgetExpired();
      const nonce = secret();
      nonces.set(digest(nonce), options.now() + options.nonceTtlMs);
      return nonce;
    },
    redeem(nonce) {
      if (!nonce) return null;
      const key = digest(nonce);
      const expires = nonces.get(key);
      nonces.delete(key);
      if (expires === undefined || expires <= options.now()) return null;
      const id = secret();
      sessions.add(digest(id));
      if (sessions.size > maxSessions) sessions.delete(sessions.values().next().value!);
      return id;
    },
    isSession(id) {
      return Boolean(id) && sessions.has(digest(id!));
    },
  };
}
