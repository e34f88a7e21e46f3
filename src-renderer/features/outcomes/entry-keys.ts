/**
 * What a key does in an answer field of the entry form, decided from the field's text, the item's
 * range and the key alone, so the rules can be read (and tested) apart from the screen.
 *
 * - A digit extends the answer when the longer number is still in range and replaces it when the
 *   field's text is selected (focus selects it). The focus moves on as soon as no further digit could
 *   make a larger answer in range: at once for 0–2 or 1–7, after the second digit for 0–36 when needed.
 * - A digit that would leave the range is refused at the field; the text stays as it was.
 * - Tab, Enter, Space and ArrowDown move on, leaving a blank item blank; ArrowUp moves back.
 * - Backspace clears a filled field; on an empty field it goes back to the previous item.
 */
export type KeyOutcome =
  { kind: 'set'; text: string; advance: boolean } | { kind: 'refuse' } | { kind: 'next' } | { kind: 'previous' } | { kind: 'clear' } | { kind: 'default' };

export interface ItemRange {
  min: number;
  max: number;
}

export function keyOutcome(key: string, text: string, selectedAll: boolean, range: ItemRange): KeyOutcome {
  if (/^[0-9]$/.test(key)) {
    const next = (selectedAll ? '' : text) + key;
    const value = Number(next);
    const grows = canGrow(value, range);
    if (value >= range.min && value <= range.max) return { kind: 'set', text: next, advance: !grows };
    // "1" on a 10–36 item is the start of an answer, not a wrong one.
    return grows ? { kind: 'set', text: next, advance: false } : { kind: 'refuse' };
  }
  // A negative range is typed with its minus sign first.
  if (key === '-' && range.min < 0 && (text === '' || selectedAll)) return { kind: 'set', text: '-', advance: false };
  if (key === 'Enter' || key === ' ' || key === 'ArrowDown') return { kind: 'next' };
  if (key === 'ArrowUp') return { kind: 'previous' };
  if (key === 'Backspace') return text === '' ? { kind: 'previous' } : { kind: 'clear' };
  // Letters and other printable keys never enter an answer.
  if (key.length === 1) return { kind: 'refuse' };
  return { kind: 'default' };
}

/** Whether another digit could still give an answer in range (0 never grows: 01 is not an answer). */
function canGrow(value: number, range: ItemRange): boolean {
  if (value === 0) return false;
  return value > 0 ? value * 10 <= range.max : value * 10 >= range.min;
}

/** The field's text as an answer: empty is missing, anything else must be a whole number in range. */
export function answerOf(text: string, range: ItemRange): number | null | 'invalid' {
  if (text.trim() === '') return null;
  if (!/^-?\d+$/.test(text.trim())) return 'invalid';
  const value = Number(text);
  return value >= range.min && value <= range.max ? value : 'invalid';
}
