import { useTranslation } from 'react-i18next';
import { useLeaveQuestion } from '../router/blockers.ts';
import { Modal } from './Modal.tsx';

/** The unsaved-changes question, in the app's language and direction; Escape or Stay keeps the edits. */
export function LeaveDialog() {
  const { t } = useTranslation();
  const answer = useLeaveQuestion();
  if (!answer) return null;
  return (
    <Modal title={t('common.unsavedTitle')} onClose={() => answer(false)} testId="leave-dialog">
      <p className="mt-3 text-slate-700" data-testid="leave-dialog-text">
        {t('common.unsavedChanges')}
      </p>
      <div className="mt-5 flex justify-end gap-2">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => answer(false)}
          data-testid="leave-dialog-stay"
        >
          {t('common.unsavedStay')}
        </button>
        <button
          type="button"
          className="btn bg-bad-fg text-white hover:opacity-90"
          onClick={() => answer(true)}
          data-testid="leave-dialog-leave"
        >
          {t('common.unsavedLeave')}
        </button>
      </div>
    </Modal>
  );
}
