import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApiQuery } from '../../api/queries';
import { Detail } from '../../components/Detail';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { QueryState } from '../../components/QueryState';
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
      <Panel id="settings-language" title={t('settings.language')}>
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
      </Panel>

      <SecuritySettings />

      <Panel id="settings-sync" title={t('sync.settings.title')}>
        <p className="panel__hint">{t('sync.settings.linkText')}</p>
        <Link to="/settings/sync">{t('sync.settings.link')}</Link>
      </Panel>

      <Panel id="settings-recipients" title={t('recipients.title')}>
        <p className="panel__hint">{t('recipients.settingsText')}</p>
        <Link to="/settings/recipients">{t('recipients.settingsLink')}</Link>
      </Panel>

      <Panel id="settings-about" title={t('settings.about')}>
        <QueryState query={info}>
          {(about) => (
            <dl className="details">
              <Detail label={t('settings.version')}>{about.version}</Detail>
              <Detail label={t('settings.dataFolder')} valueClassName="mono">
                {about.dataDir}
              </Detail>
              <Detail label={t('settings.database')} valueClassName="mono">
                {about.databasePath}
              </Detail>
              <Detail label={t('settings.encryption')}>{about.encrypted ? t('settings.encrypted') : t('settings.notEncrypted')}</Detail>
              <Detail label={t('settings.shell')}>{t(`settings.shells.${about.shell}`)}</Detail>
            </dl>
          )}
        </QueryState>
      </Panel>
    </>
  );
}
