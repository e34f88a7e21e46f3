import { describe, expect, it, vi } from 'vitest';
import type { FieldIssue } from '@contract';
import { ApiError } from '../../../src-renderer/api/errors';
import { applyServerIssues, encodeBilingual, pathHead, toNumberOrNull, useErrorText } from '../../../src-renderer/lib/forms';
import { i18n, render } from './render';

const issue = (path: string, sv: string): FieldIssue => ({ path, message: { sv, en: `${sv} (en)` } });
const invalid = (...issues: FieldIssue[]) => new ApiError({ code: 'validation', message: { sv: 'Kontrollera fälten.', en: 'Check the fields.' }, issues });

interface Values {
  name: string;
  leaderIds: string[];
  isLeader: boolean;
  dates: { value: string }[];
}

describe('server issues on form fields', () => {
  it('puts each issue on the field its path starts with, focusing only the first, and returns the rest', () => {
    const setError = vi.fn();
    const err = invalid(issue('name', 'Ange ett namn.'), issue('leaderIds.0', 'Okänd ledare.'), issue('budget', 'Finns inte.'));
    const unmatched = applyServerIssues<Values>(err, setError, ['name', 'leaderIds']);
    expect(setError.mock.calls).toEqual([
      ['name', { type: 'server', message: encodeBilingual({ sv: 'Ange ett namn.', en: 'Ange ett namn. (en)' }) }, { shouldFocus: true }],
      ['leaderIds', { type: 'server', message: encodeBilingual({ sv: 'Okänd ledare.', en: 'Okänd ledare. (en)' }) }, { shouldFocus: false }],
    ]);
    expect(unmatched).toEqual([issue('budget', 'Finns inte.')]);
  });

  it('follows aliases: an issue about one field shown at another', () => {
    const setError = vi.fn();
    applyServerIssues<Values>(invalid(issue('isSupervisor', 'Välj en roll.')), setError, ['name', 'isLeader'], { isSupervisor: 'isLeader' });
    expect(setError).toHaveBeenCalledWith('isLeader', expect.objectContaining({ type: 'server' }), { shouldFocus: true });
  });

  it('takes a function for paths that name a row of a list', () => {
    const setError = vi.fn();
    const place = (path: string) => (pathHead(path) === 'dates' ? (`dates.${Number(path.split('.')[1] ?? 0)}.value` as const) : null);
    const unmatched = applyServerIssues<Values>(invalid(issue('dates.2', 'Dagen finns redan.'), issue('note', 'För lång.')), setError, place);
    expect(setError).toHaveBeenCalledTimes(1);
    expect(setError.mock.calls[0]?.[0]).toBe('dates.2.value');
    expect(unmatched.map((i) => i.path)).toEqual(['note']);
  });

  it('returns every issue, and focuses nothing, when no field matches', () => {
    const setError = vi.fn();
    const unmatched = applyServerIssues<Values>(invalid(issue('x', 'a'), issue('y.1', 'b')), setError, ['name']);
    expect(setError).not.toHaveBeenCalled();
    expect(unmatched.map((i) => i.path)).toEqual(['x', 'y.1']);
  });

  it('has nothing to place for failures that are not the server answering (a crash, a lost connection)', () => {
    const setError = vi.fn();
    expect(applyServerIssues<Values>(new Error('boom'), setError, ['name'])).toEqual([]);
    expect(applyServerIssues<Values>(undefined, setError, ['name'])).toEqual([]);
    expect(setError).not.toHaveBeenCalled();
  });
});

describe('field error texts', () => {
  function ErrorText({ message }: { message: string | undefined }) {
    return <>{useErrorText()(message)}</>;
  }

  it('shows a client rule by its i18n key and a server message in the language showing', async () => {
    const server = encodeBilingual({ sv: 'Datumet ligger före starten.', en: 'The date is before the start.' });
    expect(render(<ErrorText message="validation.required" />)).toBe('Fältet måste fyllas i.');
    expect(render(<ErrorText message={server} />)).toBe('Datumet ligger före starten.');
    expect(render(<ErrorText message={undefined} />)).toBe('');
    await i18n.changeLanguage('en');
    try {
      expect(render(<ErrorText message="validation.required" />)).toBe('This field is required.');
      expect(render(<ErrorText message={server} />)).toBe('The date is before the start.');
    } finally {
      await i18n.changeLanguage('sv');
    }
  });
});

describe('number inputs', () => {
  it.each([
    ['', null],
    [null, null],
    [undefined, null],
    ['abc', null],
    ['0', 0],
    ['12', 12],
    ['-3', -3],
    ['2.5', 2.5],
    [7, 7],
  ] as const)('%j → %j', (input, expected) => expect(toNumberOrNull(input)).toBe(expected));
});

describe('issue paths', () => {
  it.each([
    ['dates.2', 'dates'],
    ['name', 'name'],
    ['', ''],
    ['leaders.0.rating', 'leaders'],
  ])('%j starts with %j', (path, head) => expect(pathHead(path)).toBe(head));
});
