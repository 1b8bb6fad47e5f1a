import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { api } from '../../api/client.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { CopyableId } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useEvent } from '../../hooks/useEvent.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useRoute } from '../../router/hash.ts';
import { Link } from '../../router/Link.tsx';
import { useUi } from '../../stores/ui.ts';
import { partnerTypeName } from '../certificates/partnerType.ts';
import { AdminBadge } from './Badge.tsx';
import { BackLink, Facts, Notice } from './Bits.tsx';
import { LinkDecisionDialog, type LinkAction } from './LinkDecision.tsx';
import { ReadablePolicyView } from './PolicyView.tsx';

type Detail = Output<'linking.get'>;

/** `#/admin/policy-linking/view?id=`: the request, the partner, the policy it asks for; decide here too. */
export function LinkDetailScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const id = useRoute().query.get('id') ?? '';
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [action, setAction] = useState<LinkAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await api.call('linking.get', { id }));
      setError(null);
    } catch (caught) {
      setError(toApiError(caught));
    }
  }, [id]);
  useEffect(() => {
    if (id) void load();
  }, [id, load]);
  useEvent('data.changed', ({ topic }) => {
    if (topic === 'policyLinking') void load();
  });

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
          items={[
            [t('policies.linking.partnerId'), <CopyableId value={detail.partnerId} label={t('policies.linking.partnerId')} testId="link-partner-id" />, 'partner'],
            [t('policies.linking.partnerType'), partnerTypeName(t, detail.partnerType), 'type'],
            [t('policies.linking.orgName'), <bdi>{detail.orgName}</bdi>, 'org'],
            [t('policies.linking.partnerComment'), <bdi>{detail.partnerComment}</bdi>, 'comment'],
            [t('policies.list.created'), formatDateTime(detail.createdDateTime, lang), 'created'],
          ]}
        />
      </section>
      <section className="panel p-5">
        <h2 className="text-base font-semibold text-slate-900">{t('policies.linking.policy')}</h2>
        <Facts
          items={[
            [t('policies.linking.policyId'), <CopyableId value={detail.policyId} label={t('policies.linking.policyId')} />, 'policy-id'],
            [
              t('policies.linking.policyName'),
              <Link to={`/admin/policies/view?id=${encodeURIComponent(detail.policyId)}`} className="link">
                <bdi>{detail.policyName}</bdi>
              </Link>,
              'policy-name',
            ],
            [t('policies.list.description'), <bdi>{detail.policyDescription}</bdi>, 'policy-description'],
            [t('policies.linking.policyGroupName'), <bdi>{detail.policyGroupName}</bdi>, 'group'],
            [t('policies.view.groupDescription'), <bdi>{detail.policyGroupDescription}</bdi>, 'group-description'],
            [t('policies.list.status'), <AdminBadge status={detail.policyStatus} />, 'policy-status'],
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
            void load();
          }}
        />
      ) : null}
    </div>
  );
}
