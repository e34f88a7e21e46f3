import { useTranslation } from 'react-i18next';

/** The app's mark and name, at the top of the navigation and of the screens before the app opens. */
export function Brand({ className }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <p className={className ? `brand ${className}` : 'brand'}>
      <span className="brand__mark" aria-hidden="true" />
      <span className="brand__name">{t('app.name')}</span>
    </p>
  );
}
