import { describe, expect, it } from 'vitest';
import { answerOf, keyOutcome } from '../../../src-renderer/features/outcomes/entry-keys';

const sdq = { min: 0, max: 2 };
const ecbi = { min: 1, max: 7 };
const wide = { min: 0, max: 36 };
const late = { min: 10, max: 36 };
const signed = { min: -3, max: 3 };

describe('a key in an answer field', () => {
  it('types a one-digit answer and moves on at once', () => {
    expect(keyOutcome('2', '', false, sdq)).toEqual({ kind: 'set', text: '2', advance: true });
    expect(keyOutcome('0', '', false, sdq)).toEqual({ kind: 'set', text: '0', advance: true });
    expect(keyOutcome('7', '', false, ecbi)).toEqual({ kind: 'set', text: '7', advance: true });
  });

  it('refuses a digit outside the range and keeps the text', () => {
    expect(keyOutcome('3', '', false, sdq)).toEqual({ kind: 'refuse' });
    expect(keyOutcome('8', '', false, ecbi)).toEqual({ kind: 'refuse' });
    expect(keyOutcome('0', '', false, ecbi)).toEqual({ kind: 'refuse' });
    expect(keyOutcome('5', '4', false, wide)).toEqual({ kind: 'refuse' });
    expect(keyOutcome('x', '', false, sdq)).toEqual({ kind: 'refuse' });
  });

  it('replaces a selected answer rather than appending to it', () => {
    expect(keyOutcome('1', '2', true, sdq)).toEqual({ kind: 'set', text: '1', advance: true });
  });

  it('waits for a second digit while one could still follow, and moves on after it', () => {
    expect(keyOutcome('3', '', false, wide)).toEqual({ kind: 'set', text: '3', advance: false });
    expect(keyOutcome('6', '3', false, wide)).toEqual({ kind: 'set', text: '36', advance: true });
    expect(keyOutcome('4', '', false, wide)).toEqual({ kind: 'set', text: '4', advance: true });
    expect(keyOutcome('1', '', false, late)).toEqual({ kind: 'set', text: '1', advance: false });
  });

  it('takes a minus sign first where the range has negative answers', () => {
    expect(keyOutcome('-', '', false, signed)).toEqual({ kind: 'set', text: '-', advance: false });
    expect(keyOutcome('2', '-', false, signed)).toEqual({ kind: 'set', text: '-2', advance: true });
    expect(keyOutcome('4', '-', false, signed)).toEqual({ kind: 'refuse' });
    expect(keyOutcome('-', '', false, sdq)).toEqual({ kind: 'refuse' });
  });

  it('moves on blank with Enter, Space or ArrowDown, back with ArrowUp, and Backspace clears before it goes back', () => {
    expect(keyOutcome('Enter', '', false, sdq)).toEqual({ kind: 'next' });
    expect(keyOutcome(' ', '', false, sdq)).toEqual({ kind: 'next' });
    expect(keyOutcome('ArrowDown', '1', false, sdq)).toEqual({ kind: 'next' });
    expect(keyOutcome('ArrowUp', '', false, sdq)).toEqual({ kind: 'previous' });
    expect(keyOutcome('Backspace', '1', true, sdq)).toEqual({ kind: 'clear' });
    expect(keyOutcome('Backspace', '', false, sdq)).toEqual({ kind: 'previous' });
    expect(keyOutcome('ArrowLeft', '1', false, sdq)).toEqual({ kind: 'default' });
  });
});

describe('a field as an answer', () => {
  it('is missing when empty, the number when in range, and invalid otherwise', () => {
    expect(answerOf('', ecbi)).toBeNull();
    expect(answerOf('  ', ecbi)).toBeNull();
    expect(answerOf('7', ecbi)).toBe(7);
    expect(answerOf('-2', signed)).toBe(-2);
    expect(answerOf('9', ecbi)).toBe('invalid');
    expect(answerOf('1', late)).toBe('invalid');
    expect(answerOf('2.5', ecbi)).toBe('invalid');
    expect(answerOf('-', signed)).toBe('invalid');
  });
});
