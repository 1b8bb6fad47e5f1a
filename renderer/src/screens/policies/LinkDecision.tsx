import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import type { LinkRow } from './rows.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

export type LinkAction = 'approve' | 'reject' | 'withdraw';

/** Approve / Reject a pending request, or deactivate an approved link: a small confirm popup. */
export function LinkDecisionDialog({
  action,
  link,
  onClose,
  onDone,
}: {
  action: LinkAction;
  link: LinkRow;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const withdraw = useCommand('linking.deactivate');
  const decide = useCommand('linking.decide');
  const values = { partner: link.partnerId, org: link.orgName, policy: link.policyName };
  return (
    <ConfirmDialog
      title={t(`policies.linking.${action}Title`)}
      body={
        <p>
          {action === 'withdraw'
            ? t('policies.linking.withdrawBody', values)
            : t('policies.linking.decideBody', values)}
        </p>
      }
      confirmLabel={t(`policies.linking.${action}`)}
      testId={`link-${action}-dialog`}
      onClose={onClose}
      onConfirm={async () => {
        if (action === 'withdraw') {
          await withdraw.call({ id: link.id });
          onDone(t('policies.linking.withdrawn'));
        } else {
          await decide.call({
            id: link.id,
            status: action === 'approve' ? 'approved' : 'rejected',
          });
          onDone(t(action === 'approve' ? 'policies.linking.approved' : 'policies.linking.rejected'));
        }
      }}
    />
  );
}
