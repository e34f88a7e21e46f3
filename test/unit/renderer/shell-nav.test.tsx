import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, NavLink } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { navItems, ShellNav } from '../../../src-renderer/app/ShellNav';
import { RowLinkRouter } from '../../../src-renderer/components/RowLink';
import { i18n } from './render';

const at = (path: string, node: React.ReactNode) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter initialEntries={[path]}>{node}</MemoryRouter>
    </I18nextProvider>,
  );

// The router's NavLinks are the reference: the shell's navigation must render the very anchors
// they rendered (the current one with class "active" and aria-current), at every address.
const reference = (
  <nav aria-label="Huvudmeny">
    <ul className="nav">
      {navItems.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} end={item.end} className="nav__link">
            {i18n.t(item.key)}
          </NavLink>
        </li>
      ))}
    </ul>
  </nav>
);
const withoutMarker = (html: string) => html.replaceAll(' data-discover="true"', '');

const paths = [
  '/',
  '/groups',
  '/groups/g-1/sessions/s-2/record',
  '/GROUPS',
  '/groupsx',
  '/staff/new',
  '/export',
  '/export/log',
  '/open-export',
  '/settings/sync',
  '/search',
  '/nowhere',
];

describe('ShellNav', () => {
  for (const path of paths) {
    it(`renders the same links as the router's NavLinks at ${path}`, () => {
      const expected = withoutMarker(at(path, reference));
      expect(
        at(
          path,
          <RowLinkRouter>
            <ShellNav label="Huvudmeny" reads={{}} />
          </RowLinkRouter>,
        ),
      ).toBe(expected);
      // Alone, outside the app shell, it is made of NavLinks.
      expect(withoutMarker(at(path, <ShellNav label="Huvudmeny" reads={{}} />))).toBe(expected);
    });
  }

  it('marks exactly one link current where a screen of the navigation is shown', () => {
    const current = (path: string) =>
      [
        ...at(
          path,
          <RowLinkRouter>
            <ShellNav label="x" reads={{}} />
          </RowLinkRouter>,
        ).matchAll(/aria-current="page"[^>]*href="([^"]*)"/g),
      ].map((m) => m[1]);
    expect(current('/')).toEqual(['/']);
    expect(current('/groups/g-1')).toEqual(['/groups']);
    expect(current('/export/log')).toEqual(['/export']);
    expect(current('/open-export')).toEqual(['/open-export']);
    expect(current('/nowhere')).toEqual([]);
  });
});
