import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecord } from '../../data/useRecord.ts';
import { CopyableId } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useRoute } from '../../router/hash.ts';
import { Link } from '../../router/Link.tsx';
import { useUi } from '../../stores/ui.ts';
import { AdminBadge } from './Badge.tsx';
import { BackLink } from './Bits.tsx';
import { Facts } from '../../components/Facts.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PolicyActionDialog, type PolicyAction } from './PolicyActions.tsx';
import { ReadablePolicyView } from './PolicyView.tsx';

/** `#/admin/policies/view?id=`: facts, the policy as readable lists, the raw JSON, the actions. */
export function PolicyViewScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const id = useRoute().query.get('id') ?? '';
  const { data: detail, error, refetch: load } = useRecord('policies.get', id ? { policyId: id } : null);
  const [action, setAction] = useState<PolicyAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const type = detail?.policyType === 'DataShare' ? 'DataShare' : 'Auth';
  const back = <BackLink to={`/admin/policies?type=${type}`} label={t('policies.form.backToPolicies')} />;
  if (!detail) {
    return (
      <div className="space-y-4">
        {back}
        {error ? <FormError error={error} /> : <p role="status">{t('app.loading')}</p>}
      </div>
    );
  }

  const button = (key: PolicyAction, label: string) => (
    <button
      type="button"
      className="btn btn-secondary"
      onClick={() => {
        setNotice(null);
        setAction(key);
      }}
      data-testid={`policy-${key}`}
    >
      {label}
    </button>
  );

  return (
    <div className="space-y-4" data-testid="policy-view" data-status={detail.status}>
      {back}
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="page-title flex flex-wrap items-center gap-2">
            <bdi data-testid="policy-view-name">{detail.policyName}</bdi>
            <AdminBadge status={detail.status} testId="policy-view-status" />
          </h1>
          <p className="mt-1 text-slate-600">{t(`policies.tabs.${type}`)}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {detail.status === 'draft' ? (
            <Link
              to={`/admin/policies/edit?id=${encodeURIComponent(detail.policyId)}`}
              className="btn btn-secondary"
              data-testid="policy-edit"
            >
              {t('policies.policies.edit')}
            </Link>
          ) : null}
          {detail.status === 'draft' ? button('publish', t('policies.policies.publish')) : null}
          {button('clone', t('policies.policies.clone'))}
          {detail.status === 'activated' ? button('deactivate', t('policies.policies.deactivate')) : null}
        </div>
      </div>
      <Notice text={notice} />
      <section className="panel p-5">
        <Facts
          wide
          items={[
            {
              label: t('policies.policies.policyId'),
              value: (
                <CopyableId value={detail.policyId} label={t('policies.policies.policyId')} testId="policy-view-id" />
              ),
              testId: 'fact-id',
            },
            {
              label: t('policies.form.description'),
              value: <bdi>{detail.policyDescription}</bdi>,
              testId: 'fact-description',
            },
            {
              label: t('policies.policies.policyGroupName'),
              value: <bdi>{detail.policyGroupName}</bdi>,
              testId: 'fact-group',
            },
            {
              label: t('policies.view.groupDescription'),
              value: <bdi>{detail.policyGroupDescription}</bdi>,
              testId: 'fact-group-description',
            },
            { label: t('policies.view.version'), value: detail.version, testId: 'fact-version' },
            {
              label: t('policies.list.created'),
              value: formatDateTime(detail.createdDateTime, lang),
              testId: 'fact-created',
            },
            {
              label: t('policies.view.published'),
              value: detail.publishedDateTime ? formatDateTime(detail.publishedDateTime, lang) : t('common.none'),
              testId: 'fact-published',
            },
            {
              label: t('policies.view.links'),
              value: t('policies.view.linksValue', detail.links),
              testId: 'fact-links',
            },
          ]}
        />
      </section>
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <section className="panel p-5" aria-labelledby="policy-readable">
          <h2 id="policy-readable" className="mb-3 text-base font-semibold text-slate-900">
            {t('policies.view.readable')}
          </h2>
          <ReadablePolicyView readable={detail.readable} />
        </section>
        <section className="panel p-5" aria-labelledby="policy-raw">
          <h2 id="policy-raw" className="mb-3 text-base font-semibold text-slate-900">
            {t('policies.view.raw')}
          </h2>
          <pre
            dir="ltr"
            className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100"
            data-testid="policy-raw"
          >
            {JSON.stringify(detail.policy, null, 2)}
          </pre>
        </section>
      </div>
      {action ? (
        <PolicyActionDialog
          action={action}
          policy={detail}
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
