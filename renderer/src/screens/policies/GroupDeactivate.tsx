import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import type { ApiError } from '../../api/errors.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { InfoDialog } from './Dialogs.tsx';

interface Blocked {
  code: 'PMS_POL_056' | 'PMS_POL_070' | 'PMS_POL_069';
  activated: number;
  draft: number;
}

/**
 * Deactivate a policy group: a confirmation first; when the core refuses because the group still
 * holds activated and/or draft policies, a dialog says which, with the counts the core returns.
 */
export function GroupDeactivate({
  group,
  onClose,
  onDone,
}: {
  group: { policyGroupId: string; name: string };
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const deactivateGroup = useCommand('policyGroups.deactivate');
  const [blocked, setBlocked] = useState<Blocked | null>(null);

  function onError(error: ApiError): boolean {
    if (error.code !== 'PMS_POL_056' && error.code !== 'PMS_POL_070' && error.code !== 'PMS_POL_069') return false;
    setBlocked({
      code: error.code,
      activated: Number(error.fields.activatedPolicies ?? 0),
      draft: Number(error.fields.draftPolicies ?? 0),
    });
    return false;
  }

  if (blocked) {
    const name = group.name;
    const [title, body] =
      blocked.code === 'PMS_POL_056'
        ? [t('policies.groups.activeTitle'), t('policies.groups.activeBody', { name, n: blocked.activated })]
        : blocked.code === 'PMS_POL_070'
          ? [t('policies.groups.draftTitle'), t('policies.groups.draftBody', { name, n: blocked.draft })]
          : [
              t('policies.groups.bothTitle'),
              t('policies.groups.bothBody', {
                name,
                activated: blocked.activated,
                draft: blocked.draft,
              }),
            ];
    return (
      <InfoDialog title={title} body={<p>{body}</p>} onClose={onClose} testId="group-blocked" code={blocked.code} />
    );
  }
  return (
    <ConfirmDialog
      title={t('policies.groups.deactivateTitle', { name: group.name })}
      body={<p>{t('policies.groups.deactivateBody')}</p>}
      confirmLabel={t('policies.groups.deactivate')}
      testId="group-deactivate-dialog"
      onClose={onClose}
      onError={onError}
      onConfirm={async () => {
        await deactivateGroup.call({ policyGroupId: group.policyGroupId });
        onDone();
      }}
    />
  );
}
