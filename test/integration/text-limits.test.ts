// A text over its field's limit is refused with a message that names the limit, in both
// languages, and the limit is the one the forms give to the field's maxlength.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textLimits } from '../../src-main/contract/limits';
import { createTestApp, type TestApp } from '../helpers/db';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
});
afterEach(() => t.close());

async function expectLimitNamed(name: string, input: unknown, field: string, limit: number) {
  const before = t.snapshot();
  const error = await t.fail(name, input);
  expect(error.code).toBe('validation');
  const issue = error.issues?.find((i) => i.path === field);
  expect(issue, JSON.stringify(error.issues)).toBeDefined();
  expect(issue!.message.sv).toContain(`högst ${limit} tecken`);
  expect(issue!.message.en).toContain(`at most ${limit} characters`);
  expect(t.snapshot()).toBe(before);
}

describe('text limits at the contract', () => {
  it('names the limit of a name, a contact and a label', async () => {
    await expectLimitNamed('units.create', { name: 'x'.repeat(textLimits.name + 1), kind: 'district' }, 'name', textLimits.name);
    await expectLimitNamed(
      'staff.create',
      { name: 'Anna', phone: '1'.repeat(textLimits.phone + 1), isLeader: true, isSupervisor: false },
      'phone',
      textLimits.phone,
    );
    await expectLimitNamed('dropoutReasons.create', { sv: 'x'.repeat(textLimits.reasonLabel + 1) }, 'sv', textLimits.reasonLabel);
  });

  it('takes a text of exactly the limit', async () => {
    const unit = await t.ok('units.create', { name: 'x'.repeat(textLimits.name), kind: 'district' });
    expect(unit.name).toHaveLength(textLimits.name);
  });
});
