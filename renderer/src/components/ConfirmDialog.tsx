import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../api/errors.ts';
import { FormError } from './FormError.tsx';
import { Modal } from './Modal.tsx';

/**
 * Runs one awaited step for a dialog: busy while it runs, its refusal kept for the dialog to
 * show. `run` resolves with that refusal, or null when the step succeeded.
 */
export function usePending() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function run(step: () => Promise<unknown>): Promise<ApiError | null> {
    setBusy(true);
    setError(null);
    try {
      await step();
      return null;
    } catch (caught) {
      const refusal = toApiError(caught);
      setError(refusal);
      return refusal;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}

interface ConfirmDialogProps {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  /** Runs the command (`useCommand(...).call`); a refusal stays in the dialog, success closes it. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  /** Return true when the refusal was handled elsewhere (the dialog then closes). */
  onError?: (error: ApiError) => boolean;
  testId: string;
  children?: ReactNode;
  /** Confirming is not possible yet (a cascade count is still loading). */
  disabled?: boolean;
  /** A destructive step (deactivate): the confirm button is red. */
  danger?: boolean;
}

/** The one confirmation popup: Escape or Cancel keeps things as they are, Confirm runs the command. */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
  onError,
  testId,
  children,
  disabled,
  danger = false,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const { busy, error, setError, run } = usePending();

  async function confirm() {
    const refusal = await run(onConfirm);
    if (!refusal) return onClose();
    // A refusal the caller takes over (an info dialog in its place) closes this one.
    if (onError?.(refusal)) {
      setError(null);
      onClose();
    }
  }

  return (
    <Modal title={title} onClose={onClose} busy={busy} testId={testId}>
      <div className="mt-3 space-y-3 text-slate-700" data-testid={`${testId}-text`}>
        {body}
      </div>
      {children}
      <div className="mt-3">
        <FormError error={error} />
      </div>
      <div className="mt-5 flex justify-end gap-2">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={onClose}
          disabled={busy}
          data-testid={`${testId}-cancel`}
        >
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'btn bg-bad-fg text-white hover:opacity-90' : 'btn btn-primary'}
          onClick={() => void confirm()}
          disabled={busy || disabled}
          aria-busy={busy}
          data-testid={`${testId}-confirm`}
        >
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
