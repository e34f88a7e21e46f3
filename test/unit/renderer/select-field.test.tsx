import { describe, expect, it } from 'vitest';
import { reachingHandlers, SelectField } from '../../../src-renderer/components/SelectField';
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

describe("SelectField's reaching handlers", () => {
  // Stand-ins for React's events: the handlers only pass them on.
  const focus = { type: 'focus' } as unknown as Parameters<NonNullable<ReturnType<typeof reachingHandlers>['onFocus']>>[0];
  const pointer = { type: 'pointerdown' } as unknown as Parameters<NonNullable<ReturnType<typeof reachingHandlers>['onPointerDown']>>[0];

  it("runs the caller's focus and pointer handlers as well as bringing the held choices", () => {
    const seen: string[] = [];
    let reached = 0;
    const handlers = reachingHandlers(
      true,
      { onFocus: (e) => seen.push(`focus:${e.type}`), onPointerDown: (e) => seen.push(`pointer:${e.type}`) },
      () => reached++,
    );
    handlers.onFocus!(focus);
    handlers.onPointerDown!(pointer);
    expect(seen).toEqual(['focus:focus', 'pointer:pointerdown']);
    expect(reached).toBe(2);
  });

  it('brings the held choices when the caller has no handlers of its own', () => {
    let reached = 0;
    const handlers = reachingHandlers(true, {}, () => reached++);
    handlers.onFocus!(focus);
    handlers.onPointerDown!(pointer);
    expect(reached).toBe(2);
  });

  it("leaves the caller's handlers as they are once nothing is held", () => {
    const onFocus = () => undefined;
    const onPointerDown = () => undefined;
    let reached = 0;
    const handlers = reachingHandlers(false, { onFocus, onPointerDown }, () => reached++);
    expect(handlers.onFocus).toBe(onFocus);
    expect(handlers.onPointerDown).toBe(onPointerDown);
    expect(reachingHandlers(false, {}, () => reached++)).toEqual({ onFocus: undefined, onPointerDown: undefined });
    expect(reached).toBe(0);
  });
});
