import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ErrorShape } from '../core/errors';

/** The hosts the browser shell answers to; anything else is DNS rebinding or a stray request. */
export const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
export const allowedOrigins = (port: number): string[] => allowedHosts(port).map((h) => `http://${h}`);

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host?.toLowerCase();
  return host !== undefined && allowedHosts(port).includes(host);
}

/** Browsers send Origin on cross-site requests; a page from anywhere else must not reach the API. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return allowedOrigins(port).includes(origin.toLowerCase());
}

/** Constant-time comparison; hashing first makes the lengths equal so length leaks nothing either. */
export function tokenMatches(given: string | undefined | null, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/**
 * The session cookie's name carries the port: cookies belong to a host, not a port, so two
 * servers on 127.0.0.1 in one browser would otherwise overwrite each other's.
 */
export const sessionCookieName = (port: number): string => `komet-session-${port}`;

/**
 * HttpOnly keeps it from the page's scripts; SameSite=Strict keeps every other site's requests
 * from carrying it. No Expires: it ends with the browser, and the server forgets it when it stops.
 */
export const sessionCookie = (port: number, id: string): string => `${sessionCookieName(port)}=${id}; Path=/; HttpOnly; SameSite=Strict`;

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export const unauthorized: ErrorShape = {
  code: 'unauthorized',
  message: {
    sv: 'Sidan har ingen giltig session. Starta Komet igen, eller öppna en ny adress från terminalen där Komet körs.',
    en: 'This page has no valid session. Start Komet again, or open a new address from the terminal where Komet runs.',
  },
};

export const forbidden: ErrorShape = {
  code: 'forbidden',
  message: {
    sv: 'Förfrågan kom från en annan adress än Komet och nekades.',
    en: 'The request came from an address other than Komet and was refused.',
  },
};
