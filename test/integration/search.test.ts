import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/db';
import { makeGroup } from './fixtures';
import { addParticipant, groupWith } from './participants-fixtures';

let t: TestApp;
beforeAll(() => {
  t = createTestApp({ now: '2025-03-10T10:00:00.000Z' });
});
afterAll(() => t.close());

describe('the header search', () => {
  it('finds people, groups and leaders by part of the name in any letter case, a person once after a move', async () => {
    const { setup, group } = await groupWith(t, 4, { venue: 'Östermalms familjecentral' });
    const other = await makeGroup(t, setup, { startDate: '2025-03-04', venue: 'Skärholmen' });
    const asa = await addParticipant(t, group.id, { displayName: 'Åsa Öst' });
    await addParticipant(t, group.id, { displayName: 'Bertil' });
    await t.ok('participants.move', { id: asa.id, toGroupId: other.id, enrolmentDate: '2025-03-05' });

    const people = await t.ok('search.find', { term: 'åSA' });
    expect(people.participants.map((p) => [p.displayName, p.groupId])).toEqual([['Åsa Öst', other.id]]);

    const byVenue = await t.ok('search.find', { term: 'östermalm' });
    expect(byVenue.groups.map((g) => g.id)).toEqual([group.id]);
    expect(byVenue.participants).toEqual([]);

    const leaders = await t.ok('search.find', { term: 'lind' });
    expect(leaders.leaders.map((l) => l.name)).toEqual(['Anna Lind']);
    // The supervisor is no group leader.
    expect((await t.ok('search.find', { term: 'Öberg' })).leaders).toEqual([]);
  });

  it('treats GLOB characters as text and refuses empty, too long or multi-line terms', async () => {
    const all = await t.ok('search.find', { term: '*' });
    expect([...all.participants, ...all.groups, ...all.leaders]).toEqual([]);
    for (const term of ['   ', 'x'.repeat(101), 'a\nb']) expect((await t.fail('search.find', { term })).code).toBe('validation');
  });
});
