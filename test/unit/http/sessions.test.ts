import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { cookieValue, sessionCookie, sessionCookieName } from '../../../src-main/http/guards';
import { createSessions, maxSessions } from '../../../src-main/http/sessions';

describe('launch nonces and sessions', () => {
  it('spends a nonce on its first use, even a late one', () => {
    let now = 0;
    const sessions = createSessions({ nonceTtlMs: 1000, now: () => now });
    const late = sessions.issueNonce();
    const onTime = sessions.issueNonce();
    expect(sessions.redeem(onTime)).toMatch(/^[\w-]{43}$/);
    expect(sessions.redeem(onTime)).toBeNull();
    now = 1000;
    expect(sessions.redeem(late)).toBeNull();
    now = 0;
    expect(sessions.redeem(late)).toBeNull();
    for (const bad of [undefined, null, '', 'x']) expect(sessions.redeem(bad)).toBeNull();
  });

  it('knows the sessions it gave out, and drops the oldest past the limit', () => {
    const sessions = createSessions({ nonceTtlMs: 1000, now: () => 0 });
    const ids = Array.from({ length: maxSessions + 1 }, () => sessions.redeem(sessions.issueNonce())!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sessions.isSession(ids[0])).toBe(false);
    expect(ids.slice(1).every((id) => sessions.isSession(id))).toBe(true);
    for (const bad of [undefined, null, '', `${ids[1]}x`]) expect(sessions.isSession(bad)).toBe(false);
  });

  it('reads only its own cookie from the Cookie header', () => {
    const req = (cookie?: string) => ({ headers: cookie === undefined ? {} : { cookie } }) as unknown as IncomingMessage;
    const name = sessionCookieName(4000);
    expect(cookieValue(req(`other=1; ${name}=abc; x=2`), name)).toBe('abc');
    expect(cookieValue(req(`${sessionCookieName(4001)}=abc`), name)).toBeUndefined();
    expect(cookieValue(req(`x${name}=abc`), name)).toBeUndefined();
    expect(cookieValue(req(), name)).toBeUndefined();
    expect(sessionCookie(4000, 'abc')).toBe(`${name}=abc; Path=/; HttpOnly; SameSite=Strict`);
  });
});
