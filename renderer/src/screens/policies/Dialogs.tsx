import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.tsx';

/** A dialog that explains why something was refused, with an optional way forward. */
export function InfoDialog({
  title,
  body,
  onClose,
  testId,
  code,
  action,
}: {
  title: string;
  body: ReactNode;
  onClose: () => void;
  testId: string;
  code?: string;
  action?: ReactNode;
}) {
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
