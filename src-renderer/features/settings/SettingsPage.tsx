import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useChangeLanguage } from '../../app/useLanguage';
import { SecuritySettings } from '../vault/SecuritySettings';

const languages = [
  { code: 'sv', label: 'Svenska' },
  { code: 'en', label: 'English' },
] as const;

export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const info = useApiQuery('app.info', {});
  const { change, save } = useChangeLanguage();

  return (
    <>
      <PageHeader title={t('settings.title')} />
      <section className="panel" aria-labelledby="settings-language">
        <h2 id="settings-language" className="panel__title">
          {t('settings.language')}
        </h2>
        <fieldset className="fieldset">
          <legend className="visually-hidden">{t('settings.language')}</legend>
          <div className="radio-group">
            {languages.map((l) => (
              <label key={l.code} className="radio" lang={l.code}>
                <input type="radio" name="language" value={l.code} checked={i18n.language === l.code} onChange={() => change(l.code)} />
                <span>{l.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <p className="panel__hint">{save.isPending ? t('common.saving') : t('settings.languageHint')}</p>
        <ErrorAlert error={save.error} />
      </section>

      <SecuritySettings />

      <section className="panel" aria-labelledby="settings-sync">
        <h2 id="settings-sync" className="panel__title">
          {t('sync.settings.title')}
        </h2>
        <p className="panel__hint">{t('sync.settings.linkText')}</p>
        <Link to="/settings/sync">{t('sync.settings.link')}</Link>
      </section>

      <section className="panel" aria-labelledby="settings-recipients">
        <h2 id="settings-recipients" className="panel__title">
          {t('recipients.title')}
        </h2>
        <p className="panel__hint">{t('recipients.settingsText')}</p>
        <Link to="/settings/recipients">{t('recipients.settingsLink')}</Link>
      </section>

      <section className="panel" aria-labelledby="settings-about">
        <h2 id="settings-about" className="panel__title">
          {t('settings.about')}
        </h2>
        {info.isPending && <Loading />}
        <ErrorAlert error={info.error} />
        {info.data && (
          <dl className="details">
            <div className="details__row">
              <dt>{t('settings.version')}</dt>
              <dd>{info.data.version}</dd>
            </div>
            <div className="details__row">
              <dt>{t('settings.dataFolder')}</dt>
              <dd className="mono">{info.data.dataDir}</dd>
            </div>
            <div className="details__row">
              <dt>{t('settings.database')}</dt>
              <dd className="mono">{info.data.databasePath}</dd>
            </div>
            <div className="details__row">
              <dt>{t('settings.encryption')}</dt>
              <dd>{info.data.encrypted ? t('settings.encrypted') : t('settings.notEncrypted')}</dd>
            </div>
            <div className="details__row">
              <dt>{t('settings.shell')}</dt>
              <dd>{t(`settings.shells.${info.data.shell}`)}</dd>
            </div>
          </dl>
        )}
      </section>
    </>
  );
}
