import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '../../components/Brand';
import { mirrorLanguage } from '../../i18n';
import './vault.css';

interface GateFrameProps {
  title: string;
  children: ReactNode;
  /** Focus the heading when shown (screen changes); forms that focus a field themselves say false. */
  focusHeading?: boolean;
  wide?: boolean;
}

/**
 * The page around the screens shown before the app opens (setup, lock, damaged database). It has
 * its own landmarks, since the app's navigation is not there, and a language switch, since the
 * stored language cannot be read while the database is closed.
 */
export function GateFrame({ title, children, focusHeading = true, wide = false }: GateFrameProps) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const other = i18n.language === 'en' ? 'sv' : 'en';

  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading, title]);

  return (
    <div className="gate">
      <header className="gate__banner">
        <Brand className="gate__brand" />
        <button
          type="button"
          className="button button--link gate__language"
          lang={other}
          onClick={() => {
            mirrorLanguage(other);
            void i18n.changeLanguage(other);
          }}
        >
          {other === 'en' ? 'In English' : 'På svenska'}
        </button>
      </header>
      <main id="main" className={`gate__main${wide ? ' gate__main--wide' : ''}`} tabIndex={-1}>
        <h1 ref={heading} className="page-header__title gate__title" tabIndex={-1}>
          {title}
        </h1>
        {children}
      </main>
    </div>
  );
}
