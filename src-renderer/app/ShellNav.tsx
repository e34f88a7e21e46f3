import { memo, useContext, useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router-dom';
import { RowLinkContext } from '../components/RowLink';

export const navItems = [
  { to: '/', key: 'nav.dashboard', end: true },
  { to: '/groups', key: 'nav.groups', end: false },
  { to: '/outcomes', key: 'nav.outcomes', end: false },
  { to: '/leaders', key: 'nav.leaders', end: false },
  { to: '/staff', key: 'nav.staff', end: false },
  { to: '/programmes', key: 'nav.programmes', end: false },
  { to: '/units', key: 'nav.units', end: false },
  { to: '/reports', key: 'nav.reports', end: false },
  { to: '/import', key: 'nav.import', end: false },
  { to: '/export', key: 'nav.export', end: false },
  { to: '/open-export', key: 'nav.openExport', end: false },
  { to: '/backups', key: 'nav.backups', end: false },
  { to: '/audit', key: 'nav.audit', end: false },
  { to: '/settings', key: 'nav.settings', end: false },
] as const;

/** What each screen reads as it opens, by its link's address (see screenReads); the link's click asks for it. */
export type ScreenReads = Partial<Record<string, () => void>>;

/**
 * Whether a navigation link is the current page's, as the router's NavLink decides it: the same
 * path, or (unless `end`) a path below it; letter case does not count.
 */
export function navItemActive(pathname: string, to: string, end: boolean): boolean {
  const here = pathname.toLowerCase();
  const target = to.toLowerCase();
  if (here === target) return true;
  if (end) return false;
  const endSlash = target !== '/' && target.endsWith('/') ? target.length - 1 : target.length;
  return here.startsWith(target) && here.charAt(endSlash) === '/';
}

/**
 * The shell's navigation. The router's NavLinks each read the location and re-rendered on every
 * navigation, fourteen of them, while only two change: the one left and the one arrived at. Here
 * the current one is worked out once and each link renders again only when its own state changes.
 */
export function ShellNav({ label, reads }: { label: string; reads: ScreenReads }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const labels = useMemo(() => navItems.map((item) => t(item.key)), [t]);
  return (
    <nav aria-label={label}>
      <ul className="nav">
        {navItems.map((item, i) => (
          <li key={item.to}>
            <NavItem to={item.to} end={item.end} label={labels[i]!} read={reads[item.to]} active={navItemActive(pathname, item.to, item.end)} />
          </li>
        ))}
      </ul>
    </nav>
  );
}

interface NavItemProps {
  to: string;
  end: boolean;
  label: string;
  read: (() => void) | undefined;
  active: boolean;
}

/** The same anchor NavLink renders (class "active" and aria-current on the current one). */
const NavItem = memo(function NavItem({ to, end, label, read, active }: NavItemProps) {
  const routing = useContext(RowLinkContext);
  // Outside the app shell (rendered alone) the router's own NavLink does the same.
  if (!routing) {
    return (
      <NavLink to={to} end={end} className="nav__link" onClick={read}>
        {label}
      </NavLink>
    );
  }
  return (
    <a
      aria-current={active ? 'page' : undefined}
      className={active ? 'nav__link active' : 'nav__link'}
      href={routing.prefix + to}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        read?.();
        routing.follow(event, to);
      }}
    >
      {label}
    </a>
  );
});
