import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useChangeFeed } from '../api/queries';
import { RowLinkRouter } from '../components/RowLink';
import { Toaster } from '../components/Toaster';
import { HeaderSearch } from '../features/search/HeaderSearch';
import { SyncStatus } from '../features/sync/SyncStatus';
import { LockButton } from '../features/vault/VaultGate';
import { screenReads } from './screenReads';
import { useStoredLanguage } from './useLanguage';

const navItems = [
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

/** The app shell: skip link, banner with navigation, one main region, the status live region. */
export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const firstRender = useRef(true);
  useChangeFeed();
  useStoredLanguage();

  // After navigation, focus the new page's heading so screen readers start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    (heading ?? document.getElementById('main'))?.focus();
  }, [location.pathname]);

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <header className="sidebar">
        <div className="sidebar__inner">
          <p className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">{t('app.name')}</span>
          </p>
          <LockButton />
          <SyncStatus />
          <HeaderSearch />
          <nav aria-label={t('nav.label')}>
            <ul className="nav">
              {navItems.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} className="nav__link" onClick={screenReads[item.to]}>
                    {t(item.key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <RowLinkRouter>
          <Outlet />
        </RowLinkRouter>
      </main>
      <Toaster />
    </div>
  );
}
