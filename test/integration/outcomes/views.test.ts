import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/db';
import { makeGroup, makeProgramme } from '../fixtures';
import { addParticipant, groupWith } from '../participants-fixtures';
import { importTrivsel } from './fixtures';

const apps: TestApp[] = [];
/** A figure compared to three decimals: the t values above come from a printed table. */
const close = (value: number, digits = 3) => expect.closeTo(value, digits);
/** 2025-04-01: the group below (four weekly sessions from Monday 2025-03-03) ended on 2025-03-24. */
const open = (now = '2025-04-01T10:00:00.000Z') => {
  const t = createTestApp({ now });
  apps.push(t);
  return t;
};
afterEach(() => {
  for (const t of apps.splice(0).reverse()) t.close();
});

async function scheduledGroup(t: TestApp, names: string[], enrolled = '2025-02-20') {
  await importTrivsel(t);
  const { setup, group } = await groupWith(t, 4);
  for (const timepoint of ['pre', 'post'])
    await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint });
  const people = [];
  for (const displayName of names) people.push(await addParticipant(t, group.id, { displayName, enrolmentDate: enrolled, consentDate: enrolled }));
  return { programme: setup.programme, group, people };
}

/** t1, t3 and t4 answered x, t2 answered 3 (reversed: 6 − 3 = 3): the sum is 3x + 3, the mean (3x + 3) / 4. */
const record = (t: TestApp, participantId: string, timepoint: string, x: number) =>
  t.ok('responses.record', {
    participantId,
    instrument: 'TRIVSEL',
    timepoint,
    date: '2025-03-30',
    enteredBy: 'Anna Lind',
    answers: { t1: x, t2: 3, t3: x, t4: x },
  });

describe('the definition an entry form reads', () => {
  it('gives every item with its range and texts where the definition has them, and the scales with their bands', async () => {
    const t = open();
    await importTrivsel(t);
    const detail = await t.ok('instruments.get', { code: 'TRIVSEL' });
    expect(detail.items).toEqual([
      { code: 't1', min: 1, max: 5, reverse: false, text: { sv: 'Träffarna var till hjälp.', en: 'The sessions helped.' } },
      { code: 't2', min: 1, max: 5, reverse: true },
      { code: 't3', min: 1, max: 5, reverse: false },
      { code: 't4', min: 1, max: 5, reverse: false },
    ]);
    expect(detail.scales.map((s) => [s.code, s.bands.map((b) => b.label.sv)])).toEqual([
      ['mean', ['Låg', 'Hög']],
      ['sum', []],
    ]);
    const ecbi = await t.ok('instruments.get', { code: 'ECBI', version: '1' });
    expect(ecbi.items).toHaveLength(72);
    expect(ecbi.items.some((i) => 'text' in i)).toBe(false);
    expect(ecbi.licence.itemTextsIncluded).toBe(false);
  });

  it('answers not found for an unknown instrument or version, and refuses a malformed code', async () => {
    const t = open();
    expect((await t.fail('instruments.get', { code: 'NOPE' })).code).toBe('not_found');
    expect((await t.fail('instruments.get', { code: 'ECBI', version: '9' })).code).toBe('not_found');
    const bad = await t.fail('instruments.get', { code: '../x' });
    expect(bad.code).toBe('validation');
    expect(bad.issues?.[0]?.path).toBe('code');
  });
});

describe('the worklist with names', () => {
  it('lists what is due and overdue with who and which group, cleared by a response or a mark', async () => {
    const t = open();
    const { group, people } = await scheduledGroup(t, ['Bo', 'Ann', 'Cia']);
    const [bo, ann, cia] = people;
    await record(t, ann!.id, 'pre', 4);
    await t.ok('outcomes.setStatus', { participantId: cia!.id, timepoint: 'post', status: 'declined' });
    const rows = await t.ok('outcomes.worklist', { groupId: group.id });
    // pre closed on the first session (2025-03-03): overdue; post runs 2025-03-24 to 2025-05-19: due.
    expect(rows.map((r) => [r.participantName, r.timepoint, r.dueFrom, r.dueTo, r.status])).toEqual([
      ['Bo', 'pre', '2025-02-03', '2025-03-03', 'overdue'],
      ['Cia', 'pre', '2025-02-03', '2025-03-03', 'overdue'],
      ['Ann', 'post', '2025-03-24', '2025-05-19', 'due'],
      ['Bo', 'post', '2025-03-24', '2025-05-19', 'due'],
    ]);
    expect(rows[0]).toMatchObject({ participantId: bo!.id, groupId: group.id, instrument: 'TRIVSEL', groupStartDate: '2025-03-03' });
    expect(rows[0]!.programmeName.length).toBeGreaterThan(0);
    expect(rows[0]!.unitName.length).toBeGreaterThan(0);
  });
});

describe('a page of the worklist, as the Enkäter screen shows it', () => {
  it('orders by group, then closing date and name; pages, filters by group and status, and names the groups', async () => {
    const t = open();
    await importTrivsel(t);
    const { setup, group: later } = await groupWith(t, 4);
    for (const timepoint of ['pre', 'post'])
      await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint });
    // Same programme and unit, a week earlier (four weekly sessions from Monday 2025-02-24).
    const earlier = await makeGroup(t, setup, { startDate: '2025-02-24' });
    for (const [groupId, names] of [
      [later.id, ['Bo', 'Ann']],
      [earlier.id, ['Åke', 'Cia']],
    ] as const)
      for (const displayName of names) await addParticipant(t, groupId, { displayName, enrolmentDate: '2025-02-20', consentDate: '2025-02-20' });
    const shown = (rows: { participantName: string; timepoint: string; status: string }[]) =>
      rows.map((r) => `${r.participantName} ${r.timepoint} ${r.status}`);

    // The earlier group first; in each, pre (closed at its first session, overdue) before post (due); Å after C.
    const whole = ['Cia pre overdue', 'Åke pre overdue', 'Cia post due', 'Åke post due', 'Ann pre overdue', 'Bo pre overdue', 'Ann post due', 'Bo post due'];
    const first = await t.ok('outcomes.worklistPage', { limit: 3 });
    expect(shown(first.rows)).toEqual(whole.slice(0, 3));
    expect(first).toMatchObject({ total: 8, overdue: 4 });
    // A page carries only its rows; the filter's groups are their own read.
    expect(first).not.toHaveProperty('groups');
    expect(await t.ok('outcomes.worklistGroups', {})).toEqual([
      { groupId: earlier.id, programmeName: setup.programme.name, unitName: setup.unit.name, groupStartDate: '2025-02-24' },
      { groupId: later.id, programmeName: setup.programme.name, unitName: setup.unit.name, groupStartDate: '2025-03-03' },
    ]);
    expect(first.rows[0]).toMatchObject({ groupId: earlier.id, instrument: 'TRIVSEL', dueTo: '2025-02-24', pending: null });
    expect(shown((await t.ok('outcomes.worklistPage', { limit: 10, offset: 3 })).rows)).toEqual(whole.slice(3));

    const laterOnly = await t.ok('outcomes.worklistPage', { groupId: later.id, limit: 10 });
    expect(shown(laterOnly.rows)).toEqual(whole.slice(4));
    // The group filter still offers every group, and the overdue count is the whole list's.
    expect(laterOnly).toMatchObject({ total: 4, overdue: 4 });
    expect(await t.ok('outcomes.worklistGroups')).toHaveLength(2);
    expect(shown((await t.ok('outcomes.worklistPage', { status: 'overdue', limit: 10 })).rows)).toEqual(whole.filter((r) => r.endsWith('overdue')));
    const dueInLater = await t.ok('outcomes.worklistPage', { groupId: later.id, status: 'due', limit: 10 });
    expect(shown(dueInLater.rows)).toEqual(['Ann post due', 'Bo post due']);
    expect(dueInLater.total).toBe(2);
    expect((await t.ok('outcomes.worklistPage', { limit: 10, offset: 8 })).rows).toEqual([]);
  });
});

describe('bad input to the reads', () => {
  it('is refused with the field named, and nothing is written', async () => {
    const t = open();
    const before = t.snapshot();
    const cases = [
      ['outcomes.worklist', { on: '2025-13-01' }, 'on'],
      ['outcomes.worklist', { groupId: 'not-an-id' }, 'groupId'],
      ['outcomes.worklistPage', { limit: 0 }, 'limit'],
      ['outcomes.worklistPage', { limit: 10, status: 'missed' }, 'status'],
      ['outcomes.worklistPage', { limit: 10, offset: -1 }, 'offset'],
      ['outcomes.group', { groupId: 'not-an-id' }, 'groupId'],
      ['outcomes.results', { instrument: 'ECBI', programmeId: 'x' }, 'programmeId'],
      ['outcomes.results', { instrument: '' }, 'instrument'],
      ['instruments.get', { code: 'ECBI', version: '../1' }, 'version'],
    ] as const;
    for (const [name, input, path] of cases) {
      const error = await t.fail(name, input as never);
      expect(error.code, name).toBe('validation');
      expect(
        error.issues?.map((i) => i.path),
        name,
      ).toContain(path);
    }
    expect(t.snapshot()).toBe(before);
  });
});

describe("a group's questionnaire grid", () => {
  it("shows each participant's state at every scheduled point, pre before post", async () => {
    const t = open();
    const { group, people } = await scheduledGroup(t, ['Bo', 'Ann', 'Cia']);
    const [, ann, cia] = people;
    await record(t, ann!.id, 'pre', 4);
    await t.ok('outcomes.setStatus', { participantId: cia!.id, timepoint: 'post', status: 'unreachable' });
    const grid = await t.ok('outcomes.group', { groupId: group.id });
    expect(grid.points).toEqual([
      { instrument: 'TRIVSEL', timepoint: 'pre' },
      { instrument: 'TRIVSEL', timepoint: 'post' },
    ]);
    expect(grid.rows.map((r) => [r.name, ...r.states])).toEqual([
      ['Ann', 'entered', 'due'],
      ['Bo', 'overdue', 'due'],
      ['Cia', 'overdue', 'unreachable'],
    ]);
  });

  it('says upcoming before a window opens', async () => {
    const t = open('2025-01-15T10:00:00.000Z');
    const { group } = await scheduledGroup(t, ['Bo'], '2025-01-10');
    const grid = await t.ok('outcomes.group', { groupId: group.id });
    expect(grid.rows.map((r) => r.states)).toEqual([['upcoming', 'upcoming']]);
  });

  it('says missed once a questionnaire has been overdue for the schedule’s days, and the worklist drops it', async () => {
    // pre closed on the first session, 2025-03-03: overdue through 2025-06-01 (90 days), missed from 2025-06-02.
    // post closed 2025-05-19 (eight weeks after 2025-03-24): still overdue.
    const onDay = async (now: string) => {
      const t = open(now);
      const { group } = await scheduledGroup(t, ['Bo']);
      const grid = await t.ok('outcomes.group', { groupId: group.id });
      const list = await t.ok('outcomes.worklist', {});
      return { states: grid.rows.map((r) => r.states), listed: list.map((r) => [r.timepoint, r.status]) };
    };
    expect(await onDay('2025-06-01T10:00:00.000Z')).toEqual({
      states: [['overdue', 'overdue']],
      listed: [
        ['pre', 'overdue'],
        ['post', 'overdue'],
      ],
    });
    expect(await onDay('2025-06-02T10:00:00.000Z')).toEqual({ states: [['missed', 'overdue']], listed: [['post', 'overdue']] });
  });

  it('is empty for a programme without a schedule, and not found for an unknown group', async () => {
    const t = open();
    const { group } = await groupWith(t, 4);
    await addParticipant(t, group.id, { displayName: 'Bo' });
    expect(await t.ok('outcomes.group', { groupId: group.id })).toEqual({ points: [], rows: [] });
    expect((await t.fail('outcomes.group', { groupId: '00000000-0000-4000-8000-000000000000' })).code).toBe('not_found');
  });
});

describe('results per scale and time point', () => {
  it('gives n, mean and the mean change from pre among those scored at both', async () => {
    const t = open();
    const { programme, people } = await scheduledGroup(t, ['A', 'B', 'C', 'D', 'E', 'F']);
    const pre = [1, 2, 3, 4, 5, 2];
    const post = [2, 3, 3, 5, 5];
    for (const [i, x] of pre.entries()) await record(t, people[i]!.id, 'pre', x);
    for (const [i, x] of post.entries()) await record(t, people[i]!.id, 'post', x);
    const results = await t.ok('outcomes.results', { instrument: 'TRIVSEL', programmeId: programme.id });
    expect(results.minRespondents).toBe(5);
    expect(results.timepoints).toEqual(['pre', 'post']);
    // Sums 3x + 3. pre: 6, 9, 12, 15, 18, 9 → 69 / 6 = 11.5; post: 9, 12, 12, 18, 18 → 69 / 5 = 13.8;
    // changes 3, 3, 0, 3, 0 → 9 / 5 = 1.8. Means (3x + 3) / 4: pre 17.25 / 6 = 2.875, post 17.25 / 5 = 3.45, change 2.25 / 5 = 0.45.
    // SDs (n − 1) of the sums: pre deviations from 11.5 are −5.5, −2.5, 0.5, 3.5, 6.5, −2.5, squares 97.5, variance 97.5 / 5;
    // post deviations from 13.8 are −4.8, −1.8, −1.8, 4.2, 4.2, squares 64.8, variance 64.8 / 4;
    // changes 3, 3, 0, 3, 0 deviate from 1.8 by 1.2 ×3 and −1.8 ×2, squares 10.8, variance 10.8 / 4.
    // The paired pre sums 6 … 18 have variance 90 / 4. The mean scale is the sum / 4 throughout.
    const sdPre = Math.sqrt(97.5 / 5);
    const sdPost = Math.sqrt(64.8 / 4);
    const sdChange = Math.sqrt(10.8 / 4);
    const sdPairedPre = Math.sqrt(90 / 4);
    // t(0.975, 5) = 2.5706 and t(0.975, 4) = 2.7764 from a t table.
    const ci = (mean: number, sd: number, n: number, t: number) => [close(mean - (t * sd) / Math.sqrt(n)), close(mean + (t * sd) / Math.sqrt(n))];
    const level = (scale: string, timepoint: string, n: number, mean: number, sd: number, t: number) => {
      const [ciLow, ciHigh] = ci(mean, sd, n, t);
      return { scale, timepoint, n, mean: close(mean), sd: close(sd), ciLow, ciHigh, suppressed: false };
    };
    const change = (scale: string, n: number, meanChange: number, sd: number, sdBefore: number, sdAfter: number) => {
      const [ciLow, ciHigh] = ci(meanChange, sd, n, 2.7764);
      return {
        scale,
        timepoint: 'post',
        n,
        meanChange: close(meanChange),
        sd: close(sd),
        ciLow,
        ciHigh,
        dz: close(meanChange / sd),
        dav: close(meanChange / ((sdBefore + sdAfter) / 2)),
        suppressed: false,
      };
    };
    expect(results.confidence).toBe(0.95);
    expect(results.levels).toEqual([
      level('mean', 'pre', 6, 2.875, sdPre / 4, 2.5706),
      level('mean', 'post', 5, 3.45, sdPost / 4, 2.7764),
      level('sum', 'pre', 6, 11.5, sdPre, 2.5706),
      level('sum', 'post', 5, 13.8, sdPost, 2.7764),
    ]);
    expect(results.changes).toEqual([change('mean', 5, 0.45, sdChange / 4, sdPairedPre / 4, sdPost / 4), change('sum', 5, 1.8, sdChange, sdPairedPre, sdPost)]);
    // By hand for the sums: SD 1.6432, CI 1.8 ± 2.7764 × 1.6432 / √5 = −0.240 … 3.840, dz 1.095, dav 1.8 / 4.3842 = 0.411.
    const sum = results.changes.find((c) => c.scale === 'sum')!;
    expect([sum.ciLow, sum.ciHigh, sum.dz, sum.dav]).toEqual([close(-0.24, 2), close(3.84, 2), close(1.095, 2), close(0.411, 2)]);
  });

  it("answers for the library's first instrument when none is named, and names it", async () => {
    const t = open();
    // The seeded library, by code: DASS-21, ECBI, SDQ-P. With nothing answered, no figures.
    const seeded = await t.ok('outcomes.results', {});
    expect(seeded.instrument).toBe('DASS-21');
    expect(seeded).toEqual(await t.ok('outcomes.results', { instrument: 'DASS-21' }));
    expect(seeded.levels).toEqual([]);
    // A code sorting before the seeded ones becomes the first; its figures are the ones answered.
    await importTrivsel(t, { code: 'A-TRIVSEL' });
    const { setup, group } = await groupWith(t, 4);
    await t.ok('outcomeSchedules.add', { programmeId: setup.programme.id, instrumentCode: 'A-TRIVSEL', respondent: 'parent', timepoint: 'pre' });
    for (const [i, x] of [1, 2, 3, 4, 5].entries()) {
      const person = await addParticipant(t, group.id, { displayName: `P${i}`, enrolmentDate: '2025-02-20', consentDate: '2025-02-20' });
      await t.ok('responses.record', {
        participantId: person.id,
        instrument: 'A-TRIVSEL',
        timepoint: 'pre',
        date: '2025-03-30',
        enteredBy: 'Anna Lind',
        answers: { t1: x, t2: 3, t3: x, t4: x },
      });
    }
    for (const input of [{}, { programmeId: setup.programme.id }]) {
      const results = await t.ok('outcomes.results', input);
      expect(results.instrument).toBe('A-TRIVSEL');
      // Sums 3x + 3 for x = 1 … 5: 6, 9, 12, 15, 18 → mean 12, deviations −6, −3, 0, 3, 6 → variance 90 / 4.
      expect(results.levels.find((l) => l.scale === 'sum')).toMatchObject({ timepoint: 'pre', n: 5, mean: 12, sd: close(Math.sqrt(90 / 4)) });
      expect(results).toEqual(await t.ok('outcomes.results', { ...input, instrument: 'A-TRIVSEL' }));
    }
  });

  it('answers for no instrument when the library is empty', async () => {
    const t = open();
    // No procedure empties the library; a fresh database could have none.
    t.app.db.sqlite.prepare('DELETE FROM instruments').run();
    const results = await t.ok('outcomes.results', {});
    expect(results).toMatchObject({ instrument: '', timepoints: [], responseRates: [], levels: [], changes: [] });
  });

  it('withholds every figure computed from fewer than five respondents, keeping the count', async () => {
    const t = open();
    const { people } = await scheduledGroup(t, ['A', 'B', 'C', 'D', 'E', 'F']);
    for (const [i, x] of [1, 2, 3, 4, 5].entries()) await record(t, people[i]!.id, 'pre', x);
    for (const [i, x] of [2, 3, 3, 5].entries()) await record(t, people[i]!.id, 'post', x);
    const results = await t.ok('outcomes.results', { instrument: 'TRIVSEL' });
    // pre sums 6, 9, 12, 15, 18 → 60 / 5 = 12.
    // pre sums deviate from 12 by −6, −3, 0, 3, 6: variance 90 / 4; t(0.975, 4) = 2.7764.
    const half = (2.7764 * Math.sqrt(90 / 4)) / Math.sqrt(5);
    expect(results.levels.filter((l) => l.scale === 'sum')).toEqual([
      { scale: 'sum', timepoint: 'pre', n: 5, mean: 12, sd: close(Math.sqrt(90 / 4)), ciLow: close(12 - half), ciHigh: close(12 + half), suppressed: false },
      { scale: 'sum', timepoint: 'post', n: 4, mean: null, sd: null, ciLow: null, ciHigh: null, suppressed: true },
    ]);
    expect(results.changes.find((c) => c.scale === 'sum')).toEqual({
      scale: 'sum',
      timepoint: 'post',
      n: 4,
      meanChange: null,
      sd: null,
      ciLow: null,
      ciHigh: null,
      dz: null,
      dav: null,
      suppressed: true,
    });
  });

  it('gives the response rate per scheduled time point, dropouts and declined counted as due', async () => {
    const t = open();
    const { programme, people } = await scheduledGroup(t, ['A', 'B', 'C', 'D', 'E', 'F']);
    // A follow-up at four months opens on 2025-07-24, after today: not yet due for anyone.
    await t.ok('outcomeSchedules.add', { programmeId: programme.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint: 'fu4', windowDays: 30 });
    for (const p of people) await record(t, p.id, 'pre', 3);
    for (const p of people.slice(0, 4)) await record(t, p.id, 'post', 4);
    const reasons = await t.ok('dropoutReasons.list', {});
    await t.ok('participants.setStatus', { id: people[4]!.id, status: 'dropped_out', reasonId: reasons[0]!.id, lastSessionNumber: 2 });
    await t.ok('outcomes.setStatus', { participantId: people[5]!.id, timepoint: 'post', status: 'declined' });
    const results = await t.ok('outcomes.results', { instrument: 'TRIVSEL', programmeId: programme.id });
    expect(results.responseRates).toEqual([
      { timepoint: 'pre', due: 6, returned: 6, rate: 1, suppressed: false },
      { timepoint: 'post', due: 6, returned: 4, rate: 4 / 6, suppressed: false },
    ]);
  });

  it('withholds a response rate over fewer than five due', async () => {
    const t = open();
    const { people } = await scheduledGroup(t, ['A', 'B', 'C']);
    await record(t, people[0]!.id, 'pre', 3);
    const results = await t.ok('outcomes.results', { instrument: 'TRIVSEL' });
    expect(results.responseRates).toEqual([
      { timepoint: 'pre', due: 3, returned: 1, rate: null, suppressed: true },
      { timepoint: 'post', due: 3, returned: 0, rate: null, suppressed: true },
    ]);
  });

  it('counts one programme-year only: its figures are those of its own people, computed here by hand', async () => {
    const t = open();
    // Programme A's group of 2025 (the year asked for), A's group of 2024 and programme B's group of 2025.
    const { programme, people } = await scheduledGroup(t, ['A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
    const { setup } = await groupWith(t, 4);
    const earlier = await makeGroup(t, { ...setup, programme }, { startDate: '2024-09-02' });
    const other = await makeProgramme(t, { sessionCount: 4 });
    const otherGroup = await makeGroup(t, { ...setup, programme: other }, {});
    for (const timepoint of ['pre', 'post'])
      await t.ok('outcomeSchedules.add', { programmeId: other.id, instrumentCode: 'TRIVSEL', respondent: 'parent', timepoint });
    const outside = [];
    for (const [i, groupId] of [earlier.id, earlier.id, otherGroup.id, otherGroup.id, otherGroup.id].entries())
      outside.push(await addParticipant(t, groupId, { displayName: `X${i}`, enrolmentDate: '2024-08-20', consentDate: '2024-08-20' }));
    const pre = [1, 4, 2, 5, 3, 1];
    const post = [3, 4, 4, 5, 2];
    for (const [i, x] of pre.entries()) await record(t, people[i]!.id, 'pre', x);
    for (const [i, x] of post.entries()) await record(t, people[i]!.id, 'post', x);
    // Those outside the scope answer far from them: counted, they would move every figure.
    for (const p of outside) {
      await record(t, p.id, 'pre', 5);
      await record(t, p.id, 'post', 1);
    }
    const results = await t.ok('outcomes.results', { instrument: 'TRIVSEL', programmeId: programme.id, from: '2025-01-01', to: '2025-12-31' });

    // By hand, the sums 3x + 3 of A's 2025 group only.
    const preSums = pre.map((x) => 3 * x + 3);
    const postSums = post.map((x) => 3 * x + 3);
    const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const sd = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - avg(v)) ** 2, 0) / (v.length - 1));
    const changes = postSums.map((v, i) => v - preSums[i]!);
    const pairedPre = preSums.slice(0, postSums.length);
    const near = (value: number) => expect.closeTo(value, 10);
    const sum = results.levels.filter((l) => l.scale === 'sum');
    expect(sum.map((l) => [l.timepoint, l.n, l.mean, l.sd])).toEqual([
      ['pre', 6, near(avg(preSums)), near(sd(preSums))],
      ['post', 5, near(avg(postSums)), near(sd(postSums))],
    ]);
    const change = results.changes.find((c) => c.scale === 'sum')!;
    expect([change.n, change.meanChange, change.sd, change.dz, change.dav]).toEqual([
      5,
      near(avg(changes)),
      near(sd(changes)),
      near(avg(changes) / sd(changes)),
      near(avg(changes) / ((sd(pairedPre) + sd(postSums)) / 2)),
    ]);
    expect(results.responseRates).toEqual([
      { timepoint: 'pre', due: 6, returned: 6, rate: 1, suppressed: false },
      { timepoint: 'post', due: 6, returned: 5, rate: 5 / 6, suppressed: false },
    ]);
    // The whole city from 2025 on: A's 2025 group and B's, not A's of 2024.
    const city = await t.ok('outcomes.results', { instrument: 'TRIVSEL', from: '2025-01-01' });
    const cityPre = [...preSums, 18, 18, 18];
    expect(city.levels.find((l) => l.scale === 'sum' && l.timepoint === 'pre')).toMatchObject({ n: 9, mean: near(avg(cityPre)), sd: near(sd(cityPre)) });
    expect(city.responseRates[0]).toEqual({ timepoint: 'pre', due: 9, returned: 9, rate: 1, suppressed: false });
  });

  it('counts only the chosen programme, and refuses an unknown instrument', async () => {
    const t = open();
    const { people } = await scheduledGroup(t, ['A']);
    await record(t, people[0]!.id, 'pre', 3);
    const other = await t.ok('outcomes.results', { instrument: 'TRIVSEL', programmeId: '00000000-0000-4000-8000-000000000000' });
    expect(other.levels).toEqual([]);
    expect(other.changes).toEqual([]);
    expect(other.responseRates).toEqual([]);
    expect((await t.fail('outcomes.results', { instrument: 'NOPE' })).code).toBe('not_found');
  });
});
