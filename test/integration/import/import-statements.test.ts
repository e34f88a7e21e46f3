import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/core/clock';
import { adjustMapping, guessMapping } from '../../../src-main/core/import/mapping';
import { readTable } from '../../../src-main/core/import/read-table';
import { createServices } from '../../../src-main/core/services';
import { createTestApp, testNow, type TestApp } from '../../helpers/db';

let t: TestApp;
let services: ReturnType<typeof createServices>;
let prepared: number;
beforeEach(async () => {
  t = createTestApp();
  services = createServices(t.app.db, { clock: fixedClock(testNow), audit: { record: () => {} } });
  const bromma = services.units.list({ includeArchived: false }).find((u) => u.name === 'Bromma stadsdelsförvaltning')!;
  const fKomet = services.programmes.list({ includeArchived: false }).find((p) => p.code === 'fKomet')!;
  const leader = services.staff.create({ name: 'Lena Ledare', unitId: bromma.id, email: null, phone: null, isLeader: true, isSupervisor: false });
  await t.ok('groups.create', { programmeId: fKomet.id, unitId: bromma.id, startDate: '2025-03-04', startTime: '17:30', leaderIds: [leader.id] });
  // Counts the statements SQLite is asked to compile from here on.
  prepared = 0;
  const sqlite = t.app.db.sqlite;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    prepared++;
    return prepare(source);
  }) as typeof sqlite.prepare;
});
afterEach(() => t.close());

async function tableOf(name: string, people: number) {
  const lines = ['Program;Enhet;Gruppstart;Namn;Relation;Familj;Samtycke;Samtyckesdatum'];
  for (let i = 0; i < people; i++) lines.push(`fKomet;Bromma;2025-03-04;Person ${name} ${i};${i % 2 ? 'mamma' : 'pappa'};F${Math.floor(i / 2)};ja;2025-03-04`);
  const file = path.join(t.dir, `${name}.csv`);
  fs.writeFileSync(file, lines.join('\n'));
  const table = await readTable(file);
  return { table, mapping: adjustMapping('participants', table.headers, guessMapping('participants', table.headers), {}) };
}

/** Statements compiled by one dry run and commit of a list of this many people. */
async function statementsFor(name: string, people: number) {
  const { table, mapping } = await tableOf(name, people);
  const before = prepared;
  const preview = services.imports.preview('participants', table, mapping);
  const { plan } = services.imports.commit('participants', table, mapping);
  expect(preview.counts.new).toBe(people);
  expect(plan.counts.new).toBe(people);
  return prepared - before;
}

describe('a large import', () => {
  it('compiles its statements once, however many rows the list has', async () => {
    // A statement compiled per row made a list of ten thousand take most of a minute.
    const few = await statementsFor('a', 10);
    const many = await statementsFor('b', 60);
    expect(many).toBe(few);
  });

  it('is undone with the same statements however many rows it added', async () => {
    const undone = async (name: string, people: number) => {
      await statementsFor(name, people);
      const before = prepared;
      expect(services.imports.undo()).toEqual({ kind: 'participants', removed: people });
      return prepared - before;
    };
    const few = await undone('c', 10);
    const many = await undone('d', 60);
    expect(many).toBe(few);
  });
});
