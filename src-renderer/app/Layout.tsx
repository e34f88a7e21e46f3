import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router-dom';
import { useChangeFeed } from '../api/queries';
import { Brand } from '../components/Brand';
import { RowLinkRouter } from '../components/RowLink';
import { Toaster } from '../components/Toaster';
import { HeaderSearch } from '../features/search/HeaderSearch';
import { SyncStatus } from '../features/sync/SyncStatus';
import { LockButton } from '../features/vault/VaultGate';
import { screenReads } from './screenReads';
import { ShellNav } from './ShellNav';
import { useStoredLanguage } from './useLanguage';

/** The app shell: skip link, banner with navigation, one main region, the status live region. */
export function Layout() {
  const { t } = useTranslation();
  useChangeFeed();
  useStoredLanguage();

  // The shell itself does not read the location: only the navigation and the focus below change
  // with it, and the banner (lock, sync status, search) is left alone on every navigation.
  return (
    <RowLinkRouter>
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
            <Brand />
            <LockButton />
            <SyncStatus />
            <HeaderSearch />
            <ShellNav label={t('nav.label')} reads={screenReads} />
          </div>
        </header>
        <main id="main" className="main" tabIndex={-1}>
          <Outlet />
        </main>
        <Toaster />
        <FocusOnNavigation />
      </div>
    </RowLinkRouter>
  );
}

/**
 * After navigation, focuses the new page's heading so screen readers start there. Placed after the
 * main region, its effect runs once the new page's own effects have.
 */
function FocusOnNavigation() {
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    (heading ?? document.getElementById('main'))?.focus();
  }, [pathname]);
  return null;
}
