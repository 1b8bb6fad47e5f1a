import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecord } from '../../data/useRecord.ts';
import { CopyableId } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useRoute } from '../../router/hash.ts';
import { Link } from '../../router/Link.tsx';
import type { PolicyRow } from './rows.ts';
import { useUi } from '../../stores/ui.ts';
import { AdminBadge } from './Badge.tsx';
import { BackLink } from './Bits.tsx';
import { Facts } from '../../components/Facts.tsx';
import { GroupDeactivate } from './GroupDeactivate.tsx';

/** Both policy types of a group, by name (a group holds few). */
const groupPolicies = (policyGroupId: string, policyType: 'Auth' | 'DataShare') =>
  ({
    policyType,
    policyGroupId,
    pageSize: 100,
    sortFieldName: 'policyName',
    sortType: 'asc',
  }) as const;

/** `#/admin/policy-groups/view?id=`: the group, its counts and its policies of both types. */
export function PolicyGroupDetailScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const id = useRoute().query.get('id') ?? '';
  const record = useRecord('policyGroups.get', id ? { policyGroupId: id } : null);
  const auth = useRecord('policies.list', id ? groupPolicies(id, 'Auth') : null);
  const dataShare = useRecord('policies.list', id ? groupPolicies(id, 'DataShare') : null);
  const detail = record.data;
  const error = record.error ?? auth.error ?? dataShare.error;
  const policies: PolicyRow[] = [...(auth.data?.data ?? []), ...(dataShare.data?.data ?? [])];
  const [deactivating, setDeactivating] = useState(false);

  if (!detail) {
    return (
      <div className="space-y-4">
        <BackLink to="/admin/policy-groups" label={t('policies.groups.backToGroups')} />
        {error ? <FormError error={error} /> : <p role="status">{t('app.loading')}</p>}
      </div>
    );
  }

  return (
    <div className="space-y-4" data-testid="group-detail">
      <BackLink to="/admin/policy-groups" label={t('policies.groups.backToGroups')} />
      <div className="flex flex-wrap items-start gap-3">
        <h1 className="page-title flex min-w-0 flex-1 flex-wrap items-center gap-2">
          {t('policies.groups.detailTitle')}
          <AdminBadge status={detail.status} testId="group-status" />
        </h1>
        {detail.status === 'activated' ? (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => setDeactivating(true)}
            data-testid="group-deactivate"
          >
            {t('policies.groups.deactivate')}
          </button>
        ) : null}
      </div>
      <FormError error={error} />
      <section className="panel p-5">
        <Facts
          wide
          items={[
            {
              label: t('policies.groups.policyGroupId'),
              value: <CopyableId value={detail.policyGroupId} label={t('policies.groups.policyGroupId')} />,
              testId: 'fact-id',
            },
            {
              label: t('policies.groups.name'),
              value: <bdi>{detail.name}</bdi>,
              testId: 'fact-name',
            },
            {
              label: t('policies.list.description'),
              value: <bdi>{detail.description}</bdi>,
              testId: 'fact-description',
            },
            {
              label: t('policies.list.created'),
              value: formatDateTime(detail.createdDateTime, lang),
              testId: 'fact-created',
            },
            {
              label: t('policies.groups.policies'),
              value: t('policies.groups.counts', detail.policies),
              testId: 'fact-counts',
            },
            {
              label: t('policies.groups.partners'),
              value: String(detail.partners),
              testId: 'fact-partners',
            },
          ]}
        />
      </section>
      <section className="panel p-5" aria-labelledby="group-policies">
        <h2 id="group-policies" className="text-base font-semibold text-slate-900">
          {t('policies.groups.policies')}
        </h2>
        {policies.length === 0 ? (
          <p className="mt-2 text-slate-600">{t('policies.groups.noPolicies')}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" data-testid="group-policies">
            {policies.map((p) => (
              <li key={p.policyId} className="flex flex-wrap items-center gap-3 py-2" data-testid="group-policy">
                <Link to={`/admin/policies/view?id=${encodeURIComponent(p.policyId)}`} className="link font-medium">
                  <bdi>{p.policyName}</bdi>
                </Link>
                <span className="text-sm text-slate-600">
                  {t(`policies.tabs.${p.policyType === 'Auth' ? 'Auth' : 'DataShare'}`)}
                </span>
                <span className="text-sm text-slate-600">{formatDate(p.createdDateTime, lang)}</span>
                <AdminBadge status={p.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {deactivating ? (
        <GroupDeactivate group={detail} onClose={() => setDeactivating(false)} onDone={() => undefined} />
      ) : null}
    </div>
  );
}
