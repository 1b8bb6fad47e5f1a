import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import type { ApiError } from '../../api/errors.ts';
import { Link } from '../../router/Link.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { InfoDialog } from './Dialogs.tsx';
import { GroupPicker } from './GroupPicker.tsx';

export type PolicyAction = 'publish' | 'clone' | 'deactivate';

interface Target {
  policyId: string;
  policyName: string;
  policyGroupId: string;
}

interface Blocked {
  code: 'PMS_POL_063' | 'PMS_POL_064';
  n: number;
}

/** The dialogs behind the Publish, Clone and Deactivate actions of a policy (list and detail). */
export function PolicyActionDialog({
  action,
  policy,
  onClose,
  onDone,
}: {
  action: PolicyAction;
  policy: Target;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const clonePolicy = useCommand('policies.clone');
  const deactivatePolicy = useCommand('policies.deactivate');
  const publishPolicy = useCommand('policies.publish');
  const [blocked, setBlocked] = useState<Blocked | null>(null);
  const [group, setGroup] = useState<{ id: string; name: string } | null>(null);
  const [clash, setClash] = useState(false);
  const name = policy.policyName;

  if (action === 'publish') {
    return (
      <ConfirmDialog
        title={t('policies.policies.publishTitle', { name })}
        body={<p>{t('policies.policies.publishBody')}</p>}
        confirmLabel={t('policies.policies.publish')}
        testId="policy-publish-dialog"
        onClose={onClose}
        onConfirm={async () => {
          await publishPolicy.call({ policyId: policy.policyId });
          onDone(t('policies.policies.published', { name }));
        }}
      />
    );
  }

  if (action === 'clone') {
    return (
      <ConfirmDialog
        title={t('policies.policies.cloneTitle', { name })}
        body={<p>{t('policies.policies.cloneBody')}</p>}
        confirmLabel={t('policies.policies.clone')}
        testId="policy-clone-dialog"
        disabled={!group}
        onClose={onClose}
        onError={(error) => {
          setClash(error.code === 'PMS_POL_009');
          return false;
        }}
        onConfirm={async () => {
          if (!group) return;
          await clonePolicy.call({ policyId: policy.policyId, policyGroupId: group.id });
          onDone(t('policies.policies.cloned', { group: group.name }));
        }}
      >
        <div className="mt-3">
          <GroupPicker
            value={group?.id ?? ''}
            onChange={(id, groupName) => {
              setGroup({ id, name: groupName });
              setClash(false);
            }}
            exclude={policy.policyGroupId}
            testId="clone-group"
          />
        </div>
        {clash ? (
          <p className="mt-2 text-sm font-medium text-bad-fg" data-testid="clone-clash">
            {t('policies.policies.cloneClash')}
          </p>
        ) : null}
      </ConfirmDialog>
    );
  }

  if (blocked) {
    const pending = blocked.code === 'PMS_POL_064';
    return (
      <InfoDialog
        title={pending ? t('policies.policies.pendingTitle') : t('policies.policies.linkedTitle')}
        body={
          <p>
            {pending
              ? t('policies.policies.pendingBody', { n: blocked.n })
              : t('policies.policies.linkedBody', { n: blocked.n })}
          </p>
        }
        code={blocked.code}
        testId="policy-blocked"
        onClose={onClose}
        action={
          <Link to="/admin/policy-linking" className="btn btn-secondary" data-testid="policy-blocked-linking">
            {t('policies.policies.goToLinking')}
          </Link>
        }
      />
    );
  }

  function onError(error: ApiError): boolean {
    if (error.code === 'PMS_POL_063') setBlocked({ code: error.code, n: Number(error.fields.approvedRequests ?? 0) });
    else if (error.code === 'PMS_POL_064')
      setBlocked({ code: error.code, n: Number(error.fields.pendingRequests ?? 0) });
    return false;
  }

  return (
    <ConfirmDialog
      title={t('policies.policies.deactivateTitle', { name })}
      body={<p>{t('policies.policies.deactivateBody')}</p>}
      confirmLabel={t('policies.policies.deactivate')}
      testId="policy-deactivate-dialog"
      onClose={onClose}
      onError={onError}
      onConfirm={async () => {
        await deactivatePolicy.call({ policyId: policy.policyId });
        onDone(t('policies.policies.deactivated', { name }));
      }}
    />
  );
}
