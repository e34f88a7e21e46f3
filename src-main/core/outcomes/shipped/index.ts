import type { InstrumentDefinition } from '../../../contract/schemas/instruments';
import { validateInstrumentDefinition } from '../definition';
import dass21 from './dass-21.json' with { type: 'json' };
import ecbi from './ecbi.json' with { type: 'json' };
import sdqP from './sdq-p.json' with { type: 'json' };

/**
 * The definitions Komet ships: codes, ranges, reverse keys, scales and rules, never item texts
 * (see each licence notice). They pass the same validator as an imported file, so a mistake in
 * one fails loudly here rather than scoring wrongly.
 */
export const shippedInstrumentFiles: readonly unknown[] = [ecbi, sdqP, dass21];

let shipped: InstrumentDefinition[] | undefined;
export function shippedInstruments(): readonly InstrumentDefinition[] {
  shipped ??= shippedInstrumentFiles.map((file) => validateInstrumentDefinition(file));
  return shipped;
}

export function shippedInstrument(code: string): InstrumentDefinition {
  const found = shippedInstruments().find((d) => d.code === code);
  if (!found) throw new Error(`no shipped instrument ${code}`);
  return found;
}
