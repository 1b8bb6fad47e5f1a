import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/errors.ts';
import { toApiError } from '../../api/errors.ts';
import { FormError } from '../../components/FormError.tsx';
import { Modal } from '../certificates/Modal.tsx';

interface ConfirmDialogProps {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  /** Runs the command; a thrown error is handed to onError (blocking dialogs) or shown here. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  /** Return true when the error was handled elsewhere (the dialog then closes). */
  onError?: (error: ApiError) => boolean;
  testId: string;
  children?: ReactNode;
  disabled?: boolean;
}

/** A small confirmation popup: Confirm runs the command, errors stay in the dialog. */
export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onClose, onError, testId, children, disabled }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      const apiError = toApiError(caught);
      setBusy(false);
      if (onError?.(apiError)) onClose();
      else setError(apiError);
    }
  }

  return (
    <Modal title={title} onClose={onClose} busy={busy} testId={testId}>
      <div className="mt-3 space-y-3 text-slate-700" data-testid={`${testId}-body`}>
        {body}
      </div>
      {children}
      <div className="mt-3">
        <FormError error={error} />
      </div>
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy} data-testid={`${testId}-cancel`}>
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void confirm()} disabled={busy || disabled} aria-busy={busy} data-testid={`${testId}-confirm`}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

/** A dialog that explains why something was refused, with an optional way forward. */
export function InfoDialog({ title, body, onClose, testId, code, action }: { title: string; body: ReactNode; onClose: () => void; testId: string; code?: string; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Modal title={title} onClose={onClose} testId={testId}>
      <div className="mt-3 space-y-2 text-slate-700" data-testid={`${testId}-body`} data-code={code}>
        {body}
      </div>
      <div className="mt-5 flex justify-end gap-2">
        {action}
        <button type="button" className="btn btn-primary" onClick={onClose} data-testid={`${testId}-close`}>
          {t('policies.list.close')}
        </button>
      </div>
    </Modal>
  );
}
