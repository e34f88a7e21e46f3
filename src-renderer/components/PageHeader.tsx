import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageHeaderProps {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  back?: ReactNode;
}

/** The heading that last had focus: the shell's after navigation, or one the user reached. */
let focusedHeading: HTMLElement | null = null;

/** The page's one h1; the app shell moves focus to it after navigation. */
export function PageHeader({ title, subtitle, actions, back }: PageHeaderProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  // A page that shows a header while it loads and another once loaded replaces the heading the
  // shell focused; focus then fell to the page's body and a keyboard user started over at the top.
  // The new heading takes it over, only when the focused one is gone and nothing else has focus.
  useLayoutEffect(() => {
    const lost = focusedHeading !== null && !focusedHeading.isConnected;
    if (lost && (document.activeElement === null || document.activeElement === document.body)) heading.current?.focus();
  }, []);
  return (
    <header className="page-header">
      {back && <div className="page-header__back">{back}</div>}
      <div className="page-header__row">
        <div>
          <h1 ref={heading} className="page-header__title" tabIndex={-1} onFocus={(e) => (focusedHeading = e.currentTarget)}>
            {title}
          </h1>
          {subtitle && <p className="page-header__subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="page-header__actions">{actions}</div>}
      </div>
    </header>
  );
}
