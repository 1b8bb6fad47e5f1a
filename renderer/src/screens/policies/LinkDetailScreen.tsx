import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecord } from '../../data/useRecord.ts';
import { CopyableId } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useRoute } from '../../router/hash.ts';
import { Link } from '../../router/Link.tsx';
import { useUi } from '../../stores/ui.ts';
import { partnerTypeName } from '../certificates/partnerType.ts';
import { AdminBadge } from './Badge.tsx';
import { BackLink } from './Bits.tsx';
import { Facts } from '../../components/Facts.tsx';
import { Notice } from '../../components/Notice.tsx';
import { LinkDecisionDialog, type LinkAction } from './LinkDecision.tsx';
import { ReadablePolicyView } from './PolicyView.tsx';

/** `#/admin/policy-linking/view?id=`: the request, the partner, the policy it asks for; decide here too. */
export function LinkDetailScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const id = useRoute().query.get('id') ?? '';
  const { data: detail, error, refetch: load } = useRecord('linking.get', id ? { id } : null);
  const [action, setAction] = useState<LinkAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const back = <BackLink to="/admin/policy-linking" label={t('policies.linking.title')} />;
  if (!detail) {
    return (
      <div className="space-y-4">
        {back}
        {error ? <FormError error={error} /> : <p role="status">{t('app.loading')}</p>}
      </div>
    );
  }
  const button = (key: LinkAction, primary = false) => (
    <button
      type="button"
      className={primary ? 'btn btn-primary' : 'btn btn-secondary'}
      onClick={() => {
        setNotice(null);
        setAction(key);
      }}
      data-testid={`link-${key}`}
    >
      {t(`policies.linking.${key}`)}
    </button>
  );

  return (
    <div className="space-y-4" data-testid="link-detail" data-status={detail.status}>
      {back}
      <div className="flex flex-wrap items-start gap-3">
        <h1 className="page-title flex min-w-0 flex-1 flex-wrap items-center gap-2">
          {t('policies.linking.detailTitle')}
          <AdminBadge status={detail.status} testId="link-status" />
        </h1>
        <div className="flex flex-wrap gap-2">
          {detail.status === 'InProgress' ? button('approve', true) : null}
          {detail.status === 'InProgress' ? button('reject') : null}
          {detail.status === 'approved' ? button('withdraw') : null}
        </div>
      </div>
      <Notice text={notice} />
      {!detail.partnerActive ? (
        <p className="text-sm font-medium text-bad-fg" data-testid="link-partner-inactive">
          {t('policies.linking.partnerInactive')}
        </p>
      ) : null}
      <section className="panel p-5">
        <h2 className="text-base font-semibold text-slate-900">{t('policies.linking.partner')}</h2>
        <Facts
          wide
          items={[
            {
              label: t('policies.linking.partnerId'),
              value: (
                <CopyableId value={detail.partnerId} label={t('policies.linking.partnerId')} testId="link-partner-id" />
              ),
              testId: 'fact-partner',
            },
            {
              label: t('policies.linking.partnerType'),
              value: partnerTypeName(t, detail.partnerType),
              testId: 'fact-type',
            },
            {
              label: t('policies.linking.orgName'),
              value: <bdi>{detail.orgName}</bdi>,
              testId: 'fact-org',
            },
            {
              label: t('policies.linking.partnerComment'),
              value: <bdi>{detail.partnerComment}</bdi>,
              testId: 'fact-comment',
            },
            {
              label: t('policies.list.created'),
              value: formatDateTime(detail.createdDateTime, lang),
              testId: 'fact-created',
            },
          ]}
        />
      </section>
      <section className="panel p-5">
        <h2 className="text-base font-semibold text-slate-900">{t('policies.linking.policy')}</h2>
        <Facts
          wide
          items={[
            {
              label: t('policies.linking.policyId'),
              value: <CopyableId value={detail.policyId} label={t('policies.linking.policyId')} />,
              testId: 'fact-policy-id',
            },
            {
              label: t('policies.linking.policyName'),
              value: (
                <Link to={`/admin/policies/view?id=${encodeURIComponent(detail.policyId)}`} className="link">
                  <bdi>{detail.policyName}</bdi>
                </Link>
              ),
              testId: 'fact-policy-name',
            },
            {
              label: t('policies.list.description'),
              value: <bdi>{detail.policyDescription}</bdi>,
              testId: 'fact-policy-description',
            },
            {
              label: t('policies.linking.policyGroupName'),
              value: <bdi>{detail.policyGroupName}</bdi>,
              testId: 'fact-group',
            },
            {
              label: t('policies.view.groupDescription'),
              value: <bdi>{detail.policyGroupDescription}</bdi>,
              testId: 'fact-group-description',
            },
            {
              label: t('policies.list.status'),
              value: <AdminBadge status={detail.policyStatus} />,
              testId: 'fact-policy-status',
            },
          ]}
        />
        <div className="mt-4">
          <ReadablePolicyView readable={detail.readable} />
        </div>
      </section>
      {action ? (
        <LinkDecisionDialog
          action={action}
          link={detail}
          onClose={() => setAction(null)}
          onDone={(message) => {
            setNotice(message);
            load();
          }}
        />
      ) : null}
    </div>
  );
}
