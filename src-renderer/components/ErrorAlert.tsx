import { useTranslation } from 'react-i18next';
import type { Bilingual, FieldIssue } from '@contract';
import { ApiError } from '../api/errors';
import { useBilingual } from '../i18n/useBilingual';

interface ErrorAlertProps {
  error: unknown;
  /** Issues no field on the form could show. */
  extraIssues?: FieldIssue[];
  /**
   * In a short form the field messages say it all: a validation failure whose every issue is on a
   * field shows no alert; other failures still do.
   */
  quietOnFieldErrors?: boolean;
}

/** Announces a failed call; the server's message is already written for the user. */
export function ErrorAlert({ error, extraIssues = [], quietOnFieldErrors = false }: ErrorAlertProps) {
  const { t } = useTranslation();
  const pick = useBilingual();
  if (!error) return null;
  if (quietOnFieldErrors && error instanceof ApiError && error.code === 'validation' && extraIssues.length === 0) return null;
  const message: Bilingual | null = error instanceof ApiError ? error.messages : null;
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{message ? pick(message) : t('errors.unexpected')}</p>
      {extraIssues.length > 0 && (
        <ul>
          {extraIssues.map((issue, i) => (
            <li key={i}>{pick(issue.message)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
