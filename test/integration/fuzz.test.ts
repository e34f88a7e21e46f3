import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src-main/app/runtime';
import type { ErrorShape, Result } from '../../src-main/core/errors';
import { contract, procedureNames, type ProcedureName } from '../../src-main/contract';
import { tempDataDir, testScrypt } from '../helpers/crash-files';
import { extremeInputs, malformedInput } from '../helpers/fuzz-inputs';
import { dbChanges, folderState, validationProblem } from '../helpers/fuzz-state';

/**
 * Every procedure of the contract, called the way the shells call it (through the runtime,
 * on an unlocked encrypted database with data in it), with at least 1,000 inputs its schema
 * rejects: each must come back as a typed, bilingual validation error, never throw, never write.
 */
const runsPerProcedure = 1000;
const seed = process.env.KOMET_FUZZ_SEED ? Number(process.env.KOMET_FUZZ_SEED) : undefined;
const passphrase = 'korrekt häst batteri häftklammer';

let dir: string;
let cleanup: () => void;
let gate: Runtime;
/** Real ids and names from the seeded database, used in the near misses. */
const known: string[] = [];

async function ok<T>(name: string, input: unknown = {}): Promise<T> {
  const r = await gate.call(name, input);
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDataDir('komet-fuzz-'));
  gate = createRuntime({ dataDir: dir, shell: 'test', scrypt: testScrypt, backupCheckMs: 0 });
  const { recoveryKey } = await ok<{ recoveryKey: string }>('vault.setup', { userName: 'Fuzz Testsson', passphrase, passphraseRepeat: passphrase });
  // Real ids in the near misses, so a rejected input is as close to a real call as it gets.
  const programmes = await ok<{ id: string }[]>('programmes.list');
  const units = await ok<{ id: string }[]>('units.list');
  const leader = await ok<{ id: string }>('staff.create', { name: 'Fuzz Ledare', isLeader: true, isSupervisor: true });
  const group = await ok<{ id: string; sessions: { id: string }[] }>('groups.create', {
    programmeId: programmes[0]!.id,
    unitId: units[0]!.id,
    startDate: '2025-03-03',
    startTime: '18:00',
    leaderIds: [leader.id],
  });
  const participant = await ok<{ id: string }>('participants.create', {
    groupId: group.id,
    displayName: 'Fuzz Förälder',
    relation: 'mother',
    enrolmentDate: '2025-03-03',
    consent: 'not_asked',
  });
  const backup = await ok<{ name: string }>('backups.create');
  known.push(programmes[0]!.id, units[0]!.id, leader.id, group.id, group.sessions[0]!.id, participant.id, backup.name, recoveryKey);
});

afterAll(() => {
  gate?.close();
  cleanup?.();
});

async function expectRejected(name: ProcedureName, input: unknown, changesBefore: number): Promise<void> {
  let result: Result<unknown>;
  try {
    result = await gate.call(name, input);
  } catch (err) {
    throw new Error(`${name} threw instead of answering: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const problem = validationProblem(result);
  if (problem) throw new Error(`${name}: ${problem}`);
  if (dbChanges(gate) !== changesBefore) throw new Error(`${name} wrote to the database on malformed input`);
}

describe('every contract procedure refuses malformed input', () => {
  it('a valid write moves both parts of the fingerprint, so the no-write check can fail', async () => {
    const changes = dbChanges(gate);
    const files = folderState(dir);
    await ok('units.create', { name: 'Fuzzdistriktet', kind: 'district' });
    expect(dbChanges(gate)).toBeGreaterThan(changes);
    expect(folderState(dir)).not.toBe(files);

    // A write outside the database (the auto-lock setting file) shows in the folder state too.
    const before = folderState(dir);
    await ok('vault.setAutoLock', { minutes: 15 });
    expect(folderState(dir)).not.toBe(before);
  });

  it('the result check refuses what is not a proper validation error', () => {
    const shape = (over: Partial<ErrorShape>): Result<unknown> => ({
      ok: false,
      error: { code: 'validation', message: { sv: 'Fel.', en: 'Wrong.' }, issues: [{ path: 'name', message: { sv: 'Fel.', en: 'Wrong.' } }], ...over },
    });
    expect(validationProblem(shape({}))).toBeNull();
    expect(validationProblem({ ok: true, value: {} })).toBe('accepted');
    expect(validationProblem(shape({ code: 'internal' }))).toBe('code internal');
    expect(validationProblem(shape({ message: { sv: '', en: 'Wrong.' } }))).toBe('message not bilingual');
    expect(validationProblem(shape({ issues: [] }))).toBe('no field issues');
    expect(validationProblem(shape({ issues: [{ path: 'name', message: { sv: 'msg:tooLong', en: 'msg:tooLong' } }] }))).toMatch(/not bilingual/);
  });

  const covered = new Set<ProcedureName>();

  it.each(procedureNames)(
    '%s: 1,000 malformed inputs, each a typed bilingual validation error, nothing written',
    async (name) => {
      const schema = contract[name].input as z.ZodType;
      const app = gate.app();
      const changes = dbChanges(gate);
      const files = folderState(dir);
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(malformedInput(schema, known), async (input) => {
          runs++;
          await expectRejected(name, input, changes);
        }),
        { numRuns: runsPerProcedure, ...(seed === undefined ? {} : { seed }) },
      );
      for (const input of extremeInputs(schema)) await expectRejected(name, input, changes);

      expect(runs).toBeGreaterThanOrEqual(runsPerProcedure);
      expect(gate.app()).toBe(app);
      expect(dbChanges(gate)).toBe(changes);
      expect(folderState(dir)).toBe(files);
      covered.add(name);
    },
    60_000,
  );

  it('covered the whole contract', () => {
    expect(procedureNames.length).toBe(Object.keys(contract).length);
    expect([...covered].sort()).toEqual([...procedureNames].sort());
  });
});
