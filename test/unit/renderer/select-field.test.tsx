import { describe, expect, it } from 'vitest';
import { SelectField } from '../../../src-renderer/components/SelectField';
import { elements, render } from './render';

const choices = [
  { value: 'a', label: 'Anna' },
  { value: 'b', label: 'Bo' },
  { value: 'c', label: 'Cilla' },
];

const options = (html: string) => elements(html, 'option').map((o) => [o.attrs.value, o.text]);

describe('SelectField with deferred choices', () => {
  it('offers every choice when nothing holds them back', () => {
    const html = render(<SelectField id="s" label="Visa" placeholder="Alla" options={choices} value="b" onChange={() => undefined} />);
    expect(options(html)).toEqual([
      ['', 'Alla'],
      ['a', 'Anna'],
      ['b', 'Bo'],
      ['c', 'Cilla'],
    ]);
  });

  it('holds only the placeholder and the chosen one while the choices are deferred, so the shown value is the same', () => {
    const html = render(<SelectField id="s" label="Visa" placeholder="Alla" options={choices} value="b" onChange={() => undefined} deferOptions />);
    expect(options(html)).toEqual([
      ['', 'Alla'],
      ['b', 'Bo'],
    ]);
    expect(elements(html, 'label').map((l) => l.text)).toEqual(['Visa']);
  });

  it('holds only the placeholder when nothing is chosen', () => {
    const html = render(<SelectField id="s" label="Visa" placeholder="Alla" options={choices} value="" onChange={() => undefined} deferOptions />);
    expect(options(html)).toEqual([['', 'Alla']]);
  });
});
