import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupInput, session } from '../../../src-main/contract/schemas/groups';
import { programmeInput, staffInput, unitInput } from '../../../src-main/contract/schemas/organisation';
import { participantInput } from '../../../src-main/contract/schemas/participants';
import { IMPORT_KINDS } from '../../../src-main/core/import/kinds';
import { auditEntities } from '../../../src-renderer/features/audit/audit-words';
import { catalogue, type Messages } from '../../../src-renderer/i18n/catalogues';

// The log is read by people, not developers: every action, entity and field a service records
// has a name in both languages, and every entity can be chosen in the filter.

const root = path.join(import.meta.dirname, '../../..');
const sources = (dir: string): string[] =>
  fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => fs.readFileSync(path.join(root, dir, f), 'utf8'));
const code = [...sources('src-main/core'), ...sources('src-main/app')].join('\n');

const all = (re: RegExp, text = code) => [...text.matchAll(re)].flatMap((m) => m.slice(1).filter(Boolean));
const words = (lists: string[]) => lists.flatMap((l) => all(/'(\w+)'/g, l));

const entities = new Set(all(/entity: '(\w+)'/g));
const actions = new Set([...all(/action: (?:[\w.]+ \? )?'(\w+)'(?: : '(\w+)')?/g), ...all(/\brecord\('(\w+)'/g)]);
const keys = (schema: { shape: object }) => Object.keys(schema.shape);
const fields = new Set([
  ...words(all(/fields: \[([^\]]*)\]/g)),
  ...words(all(/\brecord\('\w+', [\w.]+, \[([^\]]*)\]/g)),
  ...words(all(/auditVault\('[\w.]+', '\w+', \[([^\]]*)\]\)/g)),
  // Written from the whole input or row (changedFields).
  ...[unitInput, programmeInput, staffInput, groupInput, session, participantInput].flatMap(keys),
  // An import names what it brought in.
  ...IMPORT_KINDS,
]);

const lookup = (messages: Messages, key: string): unknown => key.split('.').reduce<unknown>((m, k) => (m as Messages | undefined)?.[k], messages);
const missing = (language: 'sv' | 'en', branch: string, names: Set<string>) =>
  [...names].filter((n) => typeof lookup(catalogue(language), `audit.${branch}.${n}`) !== 'string');

describe('the audit log in words', () => {
  it('finds what the services record', () => {
    expect(entities.size).toBeGreaterThan(15);
    expect([...actions]).toEqual(expect.arrayContaining(['create', 'update', 'delete', 'archive', 'move']));
    expect(fields.size).toBeGreaterThan(30);
  });

  it.each(['sv', 'en'] as const)('%s: names every action, entity and field', (language) => {
    expect(missing(language, 'actions', actions)).toEqual([]);
    expect(missing(language, 'entities', entities)).toEqual([]);
    expect(missing(language, 'fieldNames', fields)).toEqual([]);
  });

  it('offers every recorded entity in the filter, certification, supervision and export among them', () => {
    expect([...entities].filter((e) => !(auditEntities as readonly string[]).includes(e))).toEqual([]);
  });
});
