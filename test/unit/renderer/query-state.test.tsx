import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-renderer/api/errors';
import { ErrorAlert } from '../../../src-renderer/components/ErrorAlert';
import { QueryState } from '../../../src-renderer/components/QueryState';
import { render } from './render';

const failure = new ApiError({ code: 'io', message: { sv: 'Kunde inte läsa listan.', en: 'Could not read the list.' } });
const list = (names: string[]) => (
  <ul>
    {names.map((n) => (
      <li key={n}>{n}</li>
    ))}
  </ul>
);

describe('QueryState', () => {
  it('says it is loading while there is nothing yet', () =>
    expect(render(<QueryState query={{ data: undefined, isPending: true, error: null }}>{list}</QueryState>)).toBe(
      '<p class="loading" role="status">Laddar …</p>',
    ));

  it("shows a failure in an alert, in the server's words", () =>
    expect(render(<QueryState query={{ data: undefined, isPending: false, error: failure }}>{list}</QueryState>)).toBe(
      '<div class="alert alert--error" role="alert"><p class="alert__title">Kunde inte läsa listan.</p></div>',
    ));

  it('shows the data once it is there', () =>
    expect(render(<QueryState query={{ data: ['Anna', 'Bo'], isPending: false, error: null }}>{list}</QueryState>)).toBe('<ul><li>Anna</li><li>Bo</li></ul>'));

  it('shows the empty state for an empty list, and the data otherwise', () => {
    const empty = <p>Inga ännu.</p>;
    expect(
      render(
        <QueryState query={{ data: [], isPending: false, error: null }} empty={empty}>
          {list}
        </QueryState>,
      ),
    ).toBe('<p>Inga ännu.</p>');
    expect(
      render(
        <QueryState query={{ data: ['Anna'], isPending: false, error: null }} empty={empty}>
          {list}
        </QueryState>,
      ),
    ).toBe('<ul><li>Anna</li></ul>');
  });

  it('shows a failure of its own query before one given beside it', () => {
    const other = new ApiError({ code: 'io', message: { sv: 'Kunde inte arkivera.', en: 'Could not archive.' } });
    expect(
      render(
        <QueryState query={{ data: [], isPending: false, error: null }} error={other}>
          {list}
        </QueryState>,
      ),
    ).toContain('Kunde inte arkivera.');
    expect(
      render(
        <QueryState query={{ data: undefined, isPending: false, error: failure }} error={other}>
          {list}
        </QueryState>,
      ),
    ).not.toContain('Kunde inte arkivera.');
  });
});

describe('ErrorAlert beside a form', () => {
  const invalid = new ApiError({ code: 'validation', message: { sv: 'Kontrollera fälten.', en: 'Check the fields.' } });
  const issue = { path: 'budget', message: { sv: 'Okänt fält.', en: 'Unknown field.' } };

  it('stays away when every issue of a validation failure is shown at a field', () =>
    expect(render(<ErrorAlert error={invalid} quietOnFieldErrors />)).toBe(''));
  it('speaks when some issue has no field to show it', () =>
    expect(render(<ErrorAlert error={invalid} extraIssues={[issue]} quietOnFieldErrors />)).toContain('<li>Okänt fält.</li>'));
  it('speaks for failures that are not about fields', () =>
    expect(render(<ErrorAlert error={failure} quietOnFieldErrors />)).toContain('Kunde inte läsa listan.'));
  it('always speaks when the form keeps it on', () => expect(render(<ErrorAlert error={invalid} />)).toContain('Kontrollera fälten.'));
});
