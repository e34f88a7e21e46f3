import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/errors';
import { choosePath, type PathPurpose } from '../../api/native-dialogs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormField } from '../../components/FormField';
import { textLimits } from '@contract/limits';

interface PathFieldProps {
  id: string;
  label: string;
  hint: string;
  error?: string | undefined;
  required?: boolean;
  /** Which native dialog Bläddra… opens in the desktop app. */
  purpose: PathPurpose;
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
}

/**
 * A file or folder for the export. In the desktop app Bläddra… opens the system's dialog and
 * fills the field; in the browser shell there is no dialog and the field takes a name in the
 * exports folder. The field stays editable in both, for the keyboard and for pasted paths.
 */
export function PathField({ id, label, hint, error, required, purpose, value, onChange, disabled }: PathFieldProps) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<ApiError | null>(null);

  const browse = async () => {
    if (!choosePath) return;
    setFailure(null);
    try {
      const chosen = await choosePath(purpose);
      if (chosen !== null) onChange(chosen);
    } catch (err) {
      setFailure(asApiError(err));
    }
    document.getElementById(id)?.focus();
  };

  return (
    <>
      <FormField id={id} label={label} hint={hint} error={error} required={required ?? false} className="export-path-field">
        {(control) => (
          <div className="export-path-row">
            <input
              type="text"
              spellCheck={false}
              maxLength={textLimits.path}
              {...control}
              value={value}
              onChange={(e) => onChange(e.target.value)}
              disabled={disabled}
            />
            {choosePath && (
              <button
                type="button"
                className="button button--secondary"
                aria-label={t('export.path.browseLabel', { field: label })}
                onClick={() => void browse()}
                disabled={disabled}
              >
                {t('export.path.browse')}
              </button>
            )}
          </div>
        )}
      </FormField>
      <ErrorAlert error={failure} />
    </>
  );
}
