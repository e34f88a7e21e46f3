import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Malformed inputs for a contract procedure, derived from its own input schema so the fuzzing
 * follows the contract as it grows: mostly near misses (a valid-looking input with one or a few
 * things wrong, which reach the refinements), plus arbitrary values of any type.
 */

// zod keeps its structure in `_zod.def`; only the parts the walker needs are typed here.
interface Def {
  type: string;
  format?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema that decides the shape: wrappers (optional, default, nullable, pipe) peeled off. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (d.type === 'pipe' && d.in) s = d.in;
    else if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(d.type) && d.innerType) s = d.innerType;
    else break;
  }
  return s;
}

const isOptionalField = (schema: z.ZodType) => schema.safeParse(undefined).success;

const longText = 'å'.repeat(10_000);
const sparse = (): unknown[] => {
  const a: unknown[] = [];
  a[2] = 1;
  return a;
};
/** Values that break typical fields: wrong types, edge numbers, overlong or invalid strings. */
export const badValues: readonly unknown[] = [
  null,
  undefined,
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  2 ** 53 + 2,
  -(2 ** 31),
  1e308,
  NaN,
  Infinity,
  -Infinity,
  1n,
  '',
  ' ',
  '   \t\n',
  longText,
  '\u0000',
  '\uD800',
  '<script>alert(1)</script>',
  "x'); drop table units; --",
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ZZZZZZZZ-ZZZZ-4ZZZ-8ZZZ-ZZZZZZZZZZZZ',
  '2025-02-30',
  '2025-13-01',
  '1999-12-31',
  '2101-01-01',
  '2025-1-1',
  '2025-03-03T10:00:00Z',
  '25:00',
  '9:00',
  new Date(Number.NaN),
  new Date(0),
  [],
  [null],
  {},
  Object.create(null),
  { length: 1 },
  new Map([[1, 2]]),
  new Set([1]),
  new Uint8Array(4),
  sparse(),
  { valueOf: 1, toString: 2 },
];

/** Plausible values of the common field kinds; each field keeps those its schema accepts. */
function plausible(known: readonly string[]): unknown[] {
  return [
    ...known,
    '2025-03-03',
    '2024-02-29',
    '2026-11-23',
    '18:00',
    '09:30',
    'Anna',
    'Grupp A',
    'x',
    '',
    'korrekt häst batteri häftklammer',
    'anna@example.se',
    '+46 70 123 45 67',
    'KOM2',
    0,
    1,
    2,
    3,
    5,
    10,
    12,
    50,
    100,
    2020,
    2025,
    true,
    false,
    null,
  ];
}

const protoKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'unexpected', ''];

const cache = new WeakMap<z.ZodType, fc.Arbitrary<unknown>>();

/** Values shaped like the schema wants them; many are valid, some miss a cross-field rule. */
export function validish(schema: z.ZodType, known: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  const hit = cache.get(schema);
  if (hit) return hit;
  const arb = build(schema, known, depth);
  cache.set(schema, arb);
  return arb;
}

function build(schema: z.ZodType, known: readonly string[], depth: number): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  const inner = (s: z.ZodType) => validish(s, known, depth + 1);
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'prefault':
      return d.innerType ? inner(d.innerType) : fc.constant(undefined);
    case 'nullable':
      return d.innerType ? fc.oneof(fc.constant(null), inner(d.innerType)) : fc.constant(null);
    case 'pipe':
      return d.in ? inner(d.in) : fc.anything();
    case 'object': {
      const shape = d.shape ?? {};
      const keys = Object.keys(shape);
      const fields = Object.fromEntries(keys.map((k) => [k, inner(shape[k] as z.ZodType)]));
      return fc.record(fields, { requiredKeys: keys.filter((k) => !isOptionalField(shape[k] as z.ZodType)) });
    }
    case 'array':
      return depth > 6 || !d.element ? fc.constant([]) : fc.array(inner(d.element), { maxLength: 3 });
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries ?? { none: 'none' }));
    case 'literal':
      return fc.constantFrom(...(d.values ?? [null]));
    case 'union':
      return fc.oneof(...(d.options ?? []).map(inner));
    case 'boolean':
      return fc.boolean();
    default: {
      const fits = plausible(known).filter((v) => schema.safeParse(v).success);
      const extra = d.type === 'number' ? fc.integer({ min: -5, max: 3000 }) : d.type === 'string' && !d.format ? fc.string({ maxLength: 30 }) : null;
      if (fits.length === 0) return extra ?? fc.constantFrom(...plausible(known));
      return extra ? fc.oneof(fc.constantFrom(...fits), extra) : fc.constantFrom(...fits);
    }
  }
}

const anythingDeep = fc.anything({
  maxDepth: 2,
  maxKeys: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...protoKeys)),
});

const replacement = fc.oneof(fc.constantFrom(...badValues), anythingDeep);

/** An own key, even `__proto__`, as JSON.parse and structured clone make it. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** One deterministic mutation of `value`, steered by `choices`, at any depth the schema allows. */
export function mutate(value: unknown, schema: z.ZodType, choices: number[], repl: unknown): unknown {
  const u = unwrap(schema);
  const d = defOf(u);
  if (d.type === 'union' && d.options?.length) {
    // Mutate as one of the alternatives, so a near miss of a discriminated union keeps its tag.
    return mutate(value, d.options[(choices[0] ?? 0) % d.options.length]!, choices.slice(1), repl);
  }
  const c = choices.shift() ?? 0;
  if (d.type === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const shape = d.shape ?? {};
    const keys = Object.keys(shape);
    const key = keys.length ? keys[(choices[0] ?? 0) % keys.length]! : 'unexpected';
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    switch (c % 7) {
      case 0:
        delete copy[key];
        return copy;
      case 1:
        setOwn(copy, key, repl);
        return copy;
      case 2:
        setOwn(copy, protoKeys[(choices[0] ?? 0) % protoKeys.length]!, repl);
        return copy;
      case 3:
        // A polluted prototype: the fields are inherited, not own.
        return Object.assign(Object.create(copy) as object, { [`x${c}`]: repl });
      case 4:
      case 5:
        choices.shift();
        if (keys.length) setOwn(copy, key, mutate(copy[key], shape[key] as z.ZodType, choices, repl));
        return copy;
      default:
        return repl;
    }
  }
  if (d.type === 'array' && Array.isArray(value) && d.element) {
    switch (c % 5) {
      case 0:
        return [...value, repl];
      case 1:
        // Longer than any limit in the contract, cheap enough to parse many times.
        return Array.from({ length: 300 }, () => value[0] ?? repl);
      case 2:
        return value.length ? [mutate(value[0], d.element, choices, repl), ...value.slice(1)] : [repl];
      case 3:
        return [...value, ...value, ...value];
      default:
        return repl;
    }
  }
  return repl;
}

/** Inputs the schema rejects: near misses of a valid-looking input, wrong shapes, anything. */
export function malformedInput(schema: z.ZodType, known: readonly string[]): fc.Arbitrary<unknown> {
  const nearMiss = fc
    .tuple(validish(schema, known), fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 8 }), replacement, fc.integer({ min: 1, max: 3 }))
    .map(([base, choices, repl, times]) => {
      let v = base;
      for (let i = 0; i < times; i++) v = mutate(v, schema, [...choices.slice(i)], repl);
      return v;
    });
  return fc
    .oneof({ arbitrary: nearMiss, weight: 6 }, { arbitrary: replacement, weight: 2 }, { arbitrary: anythingDeep, weight: 1 })
    .filter((v) => !schema.safeParse(v).success);
}

/** A few extreme inputs per procedure, too slow to be a share of the random stream. */
export function extremeInputs(schema: z.ZodType): unknown[] {
  const keys = Object.keys(defOf(unwrap(schema)).shape ?? {});
  const overlong = 'x'.repeat(100_000);
  const out: unknown[] = [
    'x'.repeat(1_000_000),
    Array.from({ length: 100_000 }, (_, i) => i),
    Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])),
  ];
  for (const key of keys) out.push({ [key]: overlong }, { [key]: Array.from({ length: 10_000 }, () => 'x') });
  let deep: unknown = {};
  for (let i = 0; i < 2_000; i++) deep = { [keys[0] ?? 'a']: deep };
  out.push(deep);
  return out.filter((v) => !schema.safeParse(v).success);
}
