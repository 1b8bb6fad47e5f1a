import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useRoute } from '../../router/hash.ts';
import { useUi } from '../../stores/ui.ts';
import { partnerTypeName } from '../certificates/partnerType.ts';
import { Badge } from './parts.tsx';
import { Facts } from '../../components/Facts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRecord } from '../../data/useRecord.ts';

/** View of one policy request: the policy as readable lists, the comment, the state. */
export function PolicyRequestDetailScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const id = useRoute().query.get('id');
  const { data, error } = useRecord('linking.get', id ? { id } : null);
  const back = { to: '/partner/policies', label: t('partnerServices.policies.title') };
  if (!data) {
    return (
      <div className="space-y-4">
        <PageHeader title={t('partnerServices.policies.detailTitle')} back={back} />
        {error ? <FormError error={error} /> : <p role="status">{t('app.loading')}</p>}
      </div>
    );
  }
  const r = data.readable;
  return (
    <div className="space-y-4" data-testid="policy-request-detail">
      <PageHeader
        title={data.policyName}
        description={data.policyDescription}
        back={back}
        actions={<Badge status={data.status} testId="detail-status" />}
      />
      <section className="panel p-5">
        <Facts
          items={[
            {
              label: t('partnerServices.cols.partnerId'),
              value: <bdi dir="ltr">{data.partnerId}</bdi>,
            },
            {
              label: t('partnerServices.cols.partnerType'),
              value: partnerTypeName(t, data.partnerType),
            },
            { label: t('partnerServices.cols.policyGroup'), value: data.policyGroupName },
            {
              label: t('partnerServices.cols.policyId'),
              value: <bdi dir="ltr">{data.policyId}</bdi>,
            },
            { label: t('partnerServices.cols.policyType'), value: data.policyType },
            {
              label: t('partnerServices.request.comments'),
              value: data.partnerComment,
              testId: 'detail-comment',
            },
            {
              label: t('partnerServices.cols.created'),
              value: formatDateTime(data.createdDateTime, lang),
            },
            {
              label: t('partnerServices.cols.updated'),
              value: formatDateTime(data.updatedDateTime, lang),
            },
          ]}
        />
      </section>
      <section className="panel space-y-2 p-5">
        <h2 className="font-semibold">{t('partnerServices.policies.content')}</h2>
        {r.kind === 'auth' ? (
          <>
            <p>
              {t('partnerServices.policies.kyc')}: {r.kycAttributes.join(', ') || t('common.none')}
            </p>
            <p>
              {t('partnerServices.policies.authTypes')}:{' '}
              {r.authTypes.map((a) => (a.authSubType ? `${a.authType} (${a.authSubType})` : a.authType)).join(', ') ||
                t('common.none')}
            </p>
          </>
        ) : (
          <p>
            {t('partnerServices.policies.shareable')}:{' '}
            {r.shareableAttributes.map((a) => a.attributeName).join(', ') || t('common.none')}
          </p>
        )}
      </section>
    </div>
  );
}
