import { useTranslation } from 'react-i18next';
import { usePending } from '../../components/ConfirmDialog.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useUi } from '../../stores/ui.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Modal } from '../../components/Modal.tsx';

export type DeviceStatusKey =
  'approved' | 'pending_approval' | 'pending_cert_upload' | 'rejected' | 'deactivated' | 'valid' | 'expired';

const TONE: Record<DeviceStatusKey, string> = {
  approved: 'bg-ok-bg text-ok-fg',
  valid: 'bg-ok-bg text-ok-fg',
  rejected: 'bg-bad-bg text-bad-fg',
  expired: 'bg-bad-bg text-bad-fg',
  pending_approval: 'bg-wait-bg text-wait-fg',
  pending_cert_upload: 'bg-info-bg text-info-fg',
  deactivated: 'bg-off-bg text-off-fg',
};

/** MOSIP's device/FTM badges (pms.md §5.5): one colour per meaning. */
export function DeviceBadge({ status, testId }: { status: DeviceStatusKey; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ${TONE[status]}`}
    >
      {t(`devices.status.${status}`)}
    </span>
  );
}

export function DateText({ iso, time = false }: { iso: string | null; time?: boolean }) {
  const lang = useUi((s) => s.lang);
  if (!iso) return <span>—</span>;
  const text = time ? formatDateTime(iso, lang) : formatDate(iso, lang);
  return <span className="whitespace-nowrap">{text}</span>;
}

interface DecideDialogProps {
  title: string;
  text: string;
  /** Why approving is impossible (orphan device, chip without certificate): approve is disabled. */
  approveBlocked?: string | null;
  onDecide: (decision: 'approved' | 'rejected') => Promise<unknown>;
  onClose: () => void;
  testId: string;
}

/** Approve / Reject popup (pms.md §5.4): a blocked approval says why, the core's refusal shows as a banner. */
export function DecideDialog({ title, text, approveBlocked, onDecide, onClose, testId }: DecideDialogProps) {
  const { t } = useTranslation();
  const { busy, error, run } = usePending();
  async function decide(decision: 'approved' | 'rejected') {
    if (!(await run(() => onDecide(decision)))) onClose();
  }
  return (
    <Modal title={title} onClose={onClose} busy={busy} testId={testId}>
      <p className="mt-2 text-slate-700">{text}</p>
      {approveBlocked ? (
        <p
          role="note"
          className="mt-3 rounded-md border border-wait-fg/30 bg-wait-bg p-3 text-sm text-wait-fg"
          data-testid={`${testId}-blocked`}
        >
          {approveBlocked}
        </p>
      ) : null}
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
          className="btn bg-bad-fg text-white hover:opacity-90"
          onClick={() => void decide('rejected')}
          disabled={busy}
          data-testid={`${testId}-reject`}
        >
          {t('devices.actions.reject')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void decide('approved')}
          disabled={busy || Boolean(approveBlocked)}
          title={approveBlocked ?? undefined}
          data-testid={`${testId}-approve`}
        >
          {t('devices.actions.approve')}
        </button>
      </div>
    </Modal>
  );
}

/** A disabled action that still tells why: the reason is the button's title and its accessible description. */
export function ActionButton({
  label,
  onClick,
  disabledReason,
  testId,
  primary = false,
}: {
  label: string;
  onClick: () => void;
  disabledReason?: string | null;
  testId: string;
  primary?: boolean;
}) {
  return (
    <button
      type="button"
      className={primary ? 'btn btn-primary' : 'btn btn-quiet'}
      onClick={onClick}
      disabled={Boolean(disabledReason)}
      title={disabledReason ?? undefined}
      aria-description={disabledReason ?? undefined}
      data-testid={testId}
      data-reason={disabledReason ?? undefined}
    >
      {label}
    </button>
  );
}
