import { AppError } from '../errors';

/**
 * What an enrolment code carries: the server's wss address, the SHA-256 fingerprint of its
 * certificate (so the device trusts that server and no other) and a one-time secret.
 */
export interface EnrolmentCode {
  url: string;
  fingerprint: string;
  secret: string;
}

const prefix = 'KOMET1-';

export function encodeEnrolmentCode(c: EnrolmentCode): string {
  return prefix + Buffer.from(JSON.stringify({ u: c.url, f: c.fingerprint, c: c.secret })).toString('base64url');
}

const invalid = () =>
  new AppError('validation', {
    sv: 'Anslutningskoden är ogiltig. Kontrollera att hela koden kom med.',
    en: 'The enrolment code is invalid. Check that the whole code was copied.',
  });

export function decodeEnrolmentCode(text: string): EnrolmentCode {
  const code = text.trim();
  if (!code.startsWith(prefix) || code.length > 2000) throw invalid();
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(code.slice(prefix.length), 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { u, f, c } = (raw ?? {}) as { u?: unknown; f?: unknown; c?: unknown };
  if (typeof u !== 'string' || typeof f !== 'string' || typeof c !== 'string' || !/^[0-9a-f]{64}$/.test(f) || !/^[A-Za-z0-9_-]{20,100}$/.test(c))
    throw invalid();
  const url = serverUrl(u);
  return { url, fingerprint: f, secret: c };
}

/** A server address as devices may use it: wss only, never plain ws. */
export function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid();
  }
  if (url.protocol !== 'wss:') {
    throw new AppError('validation', {
      sv: `Komet synkar bara krypterat (wss://), inte via ${url.protocol}//.`,
      en: `Komet syncs only encrypted (wss://), never over ${url.protocol}//.`,
    });
  }
  return `wss://${url.host}`;
}
