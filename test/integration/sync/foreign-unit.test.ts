import { afterEach, describe, expect, it } from 'vitest';
import { protocolVersion } from '../../../src-main/core/sync/protocol';
import { channelPair } from '../../helpers/memory-channel';
import { groupInput } from '../fixtures';
import { leadersInTwoUnits } from './two-leaders';

/** Real groups, names and pathways of another unit, asked for and written by devices that are not theirs. */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const noAccess = { sv: 'Du har inte behörighet till de här uppgifterna.', en: 'You do not have access to this data.' };

/** Two units; the other unit has a group with a parent, and its leader has a course day on her pathway. */
async function world() {
  const { s, join, admin, unit, other, lea, uno } = await leadersInTwoUnits(cleanups);
  const programme = (await admin.t.ok('programmes.list', {})).find((p) => p.code === 'fKomet')!;
  const theirs = await admin.t.ok('groups.create', groupInput({ programme, unit: other, leaders: [uno], supervisor: { id: null } } as never) as never);
  await admin.t.ok('participants.create', {
    groupId: theirs.id,
    displayName: 'Maja Andersson',
    relation: 'mother',
    contact: 'maja@example.se',
    enrolmentDate: '2025-03-03',
    consent: 'not_asked',
    consentDate: null,
    childBirthYear: 2019,
    childGender: 'girl',
  } as never);
  const course = await admin.t.ok('courses.create', { programmeId: programme.id, title: 'Gruppledarutbildning', trainerName: 'Extern', dates: ['2025-01-13'] });
  await admin.t.ok('courses.setAttendance', { courseId: course.id, leaderId: uno.id, dates: ['2025-01-13'] });
  expect(await admin.sync()).toBe(true);
  return { s, join, admin, unit, other, lea, uno, theirs, programme };
}

describe('another unit’s data', () => {
  it('is closed to a leader who asks for a real group, its names and a leader’s pathway there, with a message saying so', async () => {
    const w = await world();
    const pair = channelPair();
    const messages: { t: string; s?: string; sv?: string; en?: string }[] = [];
    pair.client.onMessage((m) => messages.push(m as never));
    w.s.hub.attach(pair.server, { deviceId: crypto.randomUUID(), personId: w.lea.id, name: 'Lea Ledare', role: 'leader', units: [w.unit.id] });
    cleanups.push(() => pair.cut());
    pair.client.send({ t: 'hello', v: protocolVersion, clock: Date.now(), scopes: [] });
    const asked = [`group:${w.theirs.id}`, `people:${w.theirs.id}`, `pathway:${w.uno.id}`];
    for (const s of asked) pair.client.send({ t: 'open', s });
    const deadline = Date.now() + 20_000;
    while (messages.filter((m) => m.t === 'closed').length < asked.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    const welcome = messages.find((m) => m.t === 'welcome') as unknown as { scopes: string[] };
    for (const s of asked) expect(welcome.scopes).not.toContain(s);
    expect(messages.filter((m) => m.t === 'closed')).toEqual(asked.map((s) => ({ t: 'closed', s, ...noAccess })));
    expect(messages.filter((m) => m.s && asked.includes(m.s) && m.t !== 'closed')).toEqual([]);
  });

  it('refuses a unit server’s change to a group of a unit it does not serve, and a group it tries to make there', async () => {
    const w = await world();
    const server = await w.join({ personId: null, name: 'Enhetsservern', role: 'unit-server', units: [w.unit.id] });
    expect(await server.sync()).toBe(true);
    expect(server.t.app.db.sqlite.prepare('select count(*) from groups where id = ?').pluck().get(w.theirs.id)).toBe(0);

    // A tampered copy: the other unit's group written straight into the unit server's database, with a new venue.
    const sqlite = server.t.app.db.sqlite;
    const row = w.admin.t.app.db.sqlite.prepare('select * from groups where id = ?').get(w.theirs.id) as Record<string, unknown>;
    const changed = { ...row, venue: 'Någon annanstans', updated_at: new Date().toISOString() };
    sqlite.pragma('foreign_keys = off');
    sqlite
      .prepare(
        `insert into groups (${Object.keys(changed).join(', ')}) values (${Object.keys(changed)
          .map(() => '?')
          .join(', ')})`,
      )
      .run(...Object.values(changed));
    // And a new group of the other unit, made the same way.
    const made = { ...row, id: crypto.randomUUID(), venue: 'Ny lokal', updated_at: new Date().toISOString() };
    sqlite
      .prepare(
        `insert into groups (${Object.keys(made).join(', ')}) values (${Object.keys(made)
          .map(() => '?')
          .join(', ')})`,
      )
      .run(...Object.values(made));
    sqlite.pragma('foreign_keys = on');
    server.t.app.events.emit({ source: 'local', entities: ['group'] });
    await server.sync();

    const refusals = sqlite.prepare('select id, scope, message_sv as sv, message_en as en from sync_refusals order by scope').all() as {
      id: string;
      scope: string;
      sv: string;
      en: string;
    }[];
    expect(refusals.find((r) => r.scope === `group:${w.theirs.id}`)).toMatchObject({ id: `closed:group:${w.theirs.id}`, ...noAccess });
    expect(refusals.find((r) => r.scope === `group:${made.id}`)).toMatchObject({ sv: 'Du kan bara lägga upp grupper i en enhet du hör till.' });

    expect(await w.admin.sync()).toBe(true);
    expect(w.admin.t.app.db.sqlite.prepare('select venue from groups where id = ?').pluck().get(w.theirs.id)).toBe(row.venue);
    expect(w.admin.t.app.db.sqlite.prepare('select count(*) from groups where id = ?').pluck().get(made.id)).toBe(0);
  });
});
