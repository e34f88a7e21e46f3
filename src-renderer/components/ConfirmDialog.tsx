import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  busy?: boolean;
  error?: unknown;
  onConfirm(): void;
  onClose(): void;
}

/**
 * A modal question on the native <dialog>: the browser traps focus and handles Escape. Focus
 * starts on the safe choice and returns to whatever opened the dialog.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, destructive, busy, error, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    if (open) return;
    const target = returnTo.current;
    returnTo.current = null;
    if (!target) return;
    const toHeading = () => document.querySelector<HTMLElement>('main h1')?.focus();
    // The opener may be gone (a deleted row): fall back to the page heading.
    if (!target.isConnected) {
      toHeading();
      return;
    }
    target.focus();
    // A confirmed delete removes the opener's row only when the list is re-read after the change
    // event; if the row goes while its button still has focus, the page heading takes over.
    const watch = new MutationObserver(() => {
      if (target.isConnected) return;
      watch.disconnect();
      if (!document.activeElement || document.activeElement === document.body) toHeading();
    });
    watch.observe(document.body, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <div id={bodyId} className="dialog__body">
        {children}
      </div>
      <ErrorAlert error={error} />
      <div className="dialog__actions">
        <button ref={cancelRef} type="button" className="button button--secondary" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="button" className={`button ${destructive ? 'button--danger' : 'button--primary'}`} onClick={onConfirm} disabled={busy}>
          {busy ? t('common.working') : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

interface ConfirmWriteProps {
  open: boolean;
  title: string;
  /** Defaults to "Ta bort". */
  confirmLabel?: string;
  /** The write's state: the dialog is busy while it runs and shows why the server refused it. */
  mutation: { isPending: boolean; error: unknown; reset(): void };
  /** Makes the write; the dialog closes when it succeeds and stays open, with the reason, when it fails. */
  onConfirm(): Promise<unknown>;
  onClose(): void;
  children: ReactNode;
}

/** A destructive write that asks first (delete, reset). */
export function ConfirmWrite({ open, title, confirmLabel, mutation, onConfirm, onClose, children }: ConfirmWriteProps) {
  const { t } = useTranslation();
  const close = () => {
    onClose();
    mutation.reset();
  };
  const confirm = async () => {
    try {
      await onConfirm();
      close();
    } catch {
      // Shown in the dialog.
    }
  };
  return (
    <ConfirmDialog
      open={open}
      title={title}
      confirmLabel={confirmLabel ?? t('common.delete')}
      destructive
      busy={mutation.isPending}
      error={mutation.error}
      onConfirm={() => void confirm()}
      onClose={close}
    >
      {children}
    </ConfirmDialog>
  );
}
