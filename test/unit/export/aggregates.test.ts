import { describe, expect, it } from 'vitest';
import { buildAggregates } from '../../../src-main/core/export/disclosure/aggregates';
import { participantColumns } from '../../../src-main/core/export/participant-columns';
import { makeSource } from './fixtures';

describe('aggregates', () => {
  it('count each person and each family once in a cell, however many of their enrolments fall in it', () => {
    const source = makeSource({ groups: 12, participantsPerGroup: 9 });
    const list = [...source.participants];
    // Groups 0 and 6 share programme, unit and year: the same people enrolled in both count once.
    const group6 = source.groups[6]!.id;
    const moved = list.filter((p) => p.groupId === source.groups[0]!.id && p.status !== 'never_started').slice(0, 3);
    list.push(...moved.map((p) => ({ ...p, groupId: group6 })));
    const withMoves = { ...source, participants: participantColumns(list) };
    const units = new Map(source.units.map((u) => [u.id, u.name]));
    const programmes = new Map(source.programmes.map((p) => [p.id, p.code]));

    const expected = new Map<string, { people: Set<string>; families: Set<string> }>();
    for (const p of list) {
      const g = source.groups.find((x) => x.id === p.groupId)!;
      if (p.status === 'never_started') continue;
      const key = `${g.startDate.slice(0, 4)}|${programmes.get(g.programmeId)}|${units.get(g.unitId)}`;
      const cell = expected.get(key) ?? { people: new Set(), families: new Set() };
      cell.people.add(p.id);
      cell.families.add(p.familyId ?? `alone ${p.id}`);
      expected.set(key, cell);
    }

    const { rows } = buildAggregates(
      withMoves,
      { generalisation: { period: 'month', childAge: 'exact', unit: 'unit' }, unitLabel: (g) => units.get(g.unitId)!, visible: () => true },
      // Nothing suppressed: every count is compared.
      { min: 1, max: 0 },
    );
    const counted = (measure: string) =>
      new Map(
        rows
          .filter((r) => r.measure === measure && r.programme !== '*' && r.unit !== '*' && r.value)
          .map((r) => [`${r.year}|${r.programme}|${r.unit}`, r.value]),
      );
    expect(counted('participants')).toEqual(new Map([...expected].map(([key, c]) => [key, c.people.size])));
    expect(counted('families')).toEqual(new Map([...expected].map(([key, c]) => [key, c.families.size])));
    expect(moved.length).toBe(3);
  });
});
