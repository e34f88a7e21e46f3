import { z } from 'zod';
import { AppError } from '../../errors';
import { decodeEnrolmentCode } from '../enrolment-code';
import { roles, type DeviceIdentity } from '../protocol';
import { pinnedPost } from './pinned';

export interface Membership {
  url: string;
  fingerprint: string;
  deviceId: string;
  /** `<deviceId>.<secret>`: what the device shows the server on every connection. */
  credential: string;
  identity: DeviceIdentity;
  server: { id: string; name: string };
}

const answer = z.object({
  deviceId: z.string().uuid(),
  secret: z.string().min(20).max(100),
  identity: z.object({ deviceId: z.string(), personId: z.string().nullable(), name: z.string(), role: z.enum(roles), units: z.array(z.string()) }),
  server: z.object({ id: z.string(), name: z.string() }),
});

/** Exchanges a one-time enrolment code with the server it names for this device's credential. */
export async function exchangeEnrolmentCode(code: string): Promise<Membership> {
  const decoded = decodeEnrolmentCode(code);
  const res = await pinnedPost(decoded.url, decoded.fingerprint, '/enrol', { code: decoded.secret });
  if (res.status !== 200) {
    const m = res.body as { sv?: unknown; en?: unknown } | null;
    throw new AppError(res.status === 403 || res.status === 410 ? 'forbidden' : 'io', {
      sv: typeof m?.sv === 'string' ? m.sv : `Servern svarade ${res.status}.`,
      en: typeof m?.en === 'string' ? m.en : `The server answered ${res.status}.`,
    });
  }
  const parsed = answer.safeParse(res.body);
  if (!parsed.success)
    throw new AppError('io', { sv: 'Servern svarade med något Komet inte förstår.', en: 'The server answered with something Komet does not understand.' });
  const a = parsed.data;
  return {
    url: decoded.url,
    fingerprint: decoded.fingerprint,
    deviceId: a.deviceId,
    credential: `${a.deviceId}.${a.secret}`,
    identity: a.identity,
    server: a.server,
  };
}
