import { Link } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { RowLink, RowLinkRouter } from '../../../src-renderer/components/RowLink';
import { render } from './render';

// The router's own Link is the reference: a row link must render the very anchor it rendered,
// but for the marker Link leaves for the router's route discovery (framework mode, unused here).
const withoutMarker = (html: string) => html.replace(' data-discover="true"', '');
const cases = [
  { to: '/groups/g-1', className: 'session-list__link', label: 'Träff 1, tKomet Norr' },
  { to: '/programmes/p-9/edit', className: 'button button--small button--secondary', label: 'Redigera, Testprogram', ariaLabel: 'Redigera, Testprogram' },
  { to: '/leaders/l-2', label: 'Astrid Ledare' },
];

describe('RowLink', () => {
  for (const c of cases) {
    it(`renders the same anchor as the router's Link for ${c.to}, under the app shell and alone`, () => {
      const reference = withoutMarker(
        render(
          <Link to={c.to} className={c.className} aria-label={c.ariaLabel}>
            {c.label}
          </Link>,
        ),
      );
      const row = (
        <RowLink to={c.to} className={c.className} aria-label={c.ariaLabel}>
          {c.label}
        </RowLink>
      );
      expect(render(<RowLinkRouter>{row}</RowLinkRouter>)).toBe(reference);
      // Alone, outside the app shell, it is the router's Link itself.
      expect(withoutMarker(render(row))).toBe(reference);
      expect(reference).toContain(`href="${c.to}"`);
    });
  }
});
