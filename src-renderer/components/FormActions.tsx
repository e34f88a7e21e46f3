import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

interface FormActionsProps {
  saving: boolean;
  /** Defaults to "Spara". */
  submitLabel?: string | undefined;
  savingLabel?: string;
  /** A route to go back to (a link) or what closing the form does (a button); none when left out. */
  cancel?: string | (() => void) | undefined;
  cancelLabel?: string;
  /**
   * form: a page or panel form. inline: a form in a table row or a short panel, small buttons.
   * dialog: the safe choice first. In inline and dialog forms cancelling waits for the save.
   */
  layout?: 'form' | 'inline' | 'dialog';
  /** Further buttons after the two, e.g. "Ta bort registreringen". */
  children?: ReactNode;
}

const containers = { form: 'form__actions', inline: 'inline-form__actions', dialog: 'dialog__actions' };

/** A form's submit button (which says when it is saving) and its way out. */
export function FormActions({ saving, submitLabel, savingLabel, cancel, cancelLabel, layout = 'form', children }: FormActionsProps) {
  const { t } = useTranslation();
  const size = layout === 'inline' ? ' button--small' : '';
  const submit = (
    <button type="submit" className={`button button--primary${size}`} disabled={saving}>
      {saving ? (savingLabel ?? t('common.saving')) : (submitLabel ?? t('common.save'))}
    </button>
  );
  const cancelText = cancelLabel ?? t('common.cancel');
  const back =
    typeof cancel === 'string' ? (
      <Link to={cancel} className="button button--secondary">
        {cancelText}
      </Link>
    ) : cancel ? (
      <button type="button" className={`button button--secondary${size}`} onClick={cancel} disabled={layout !== 'form' && saving}>
        {cancelText}
      </button>
    ) : null;
  return (
    <div className={containers[layout]}>
      {layout === 'dialog' ? back : submit}
      {layout === 'dialog' ? submit : back}
      {children}
    </div>
  );
}
