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

export const unauthorized: ErrorShape = {
  code: 'unauthorized',
  message: {
    sv: 'Saknar eller fel åtkomstnyckel. Öppna Komet igen från adressen som skrevs ut när det startade.',
    en: 'Missing or wrong access token. Open Komet again from the address printed when it started.',
  },
};

export const forbidden: ErrorShape = {
  code: 'forbidden',
  message: {
    sv: 'Förfrågan kom från en annan adress än Komet och nekades.',
    en: 'The request came from an address other than Komet and was refused.',
  },
};
