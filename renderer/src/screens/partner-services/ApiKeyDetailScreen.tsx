import { useTranslation } from 'react-i18next';
import { DetailView } from '../../components/DetailView.tsx';
import { useRecord } from '../../data/useRecord.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useRoute } from '../../router/hash.ts';
import { useUi } from '../../stores/ui.ts';
import { useDeactivateKey } from './ApiKeysScreen.tsx';
import { Badge, KeyExpiry, Verdict, keyStatus } from './parts.tsx';
import { Facts } from '../../components/Facts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

/** One API key: never the key itself (only its hash is kept), its validity and whether it works now. */
export function ApiKeyDetailScreen({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const id = useRoute().query.get('id');
  const record = useRecord('apiKeys.get', id ? { id } : null);
  const { ask, dialog } = useDeactivateKey();
  const back = admin
    ? { to: '/admin/auth-services?tab=apiKeys', label: t('partnerServices.authServices.title') }
    : { to: '/partner/api-keys', label: t('partnerServices.apiKeys.title') };
  return (
    <DetailView record={record} frame={<PageHeader title={t('partnerServices.apiKeys.detailTitle')} back={back} />}>
      {(data) => (
        <div className="space-y-4" data-testid="api-key-detail">
          <PageHeader
            title={data.apiKeyLabel}
            description={t('partnerServices.apiKeys.detailTitle')}
            back={back}
            actions={
              <button
                type="button"
                className="btn btn-secondary"
                disabled={data.status === 'deactivated'}
                onClick={() => ask(data)}
                data-testid="detail-deactivate"
              >
                {t('partnerServices.deactivate')}
              </button>
            }
          />
          <section className="panel space-y-4 p-5">
            <div className="flex flex-wrap items-center gap-3">
              <Badge status={keyStatus(data)} testId="detail-status" />
              <Verdict usable={data.usable} />
            </div>
            <Facts
              items={[
                {
                  label: t('partnerServices.cols.partnerId'),
                  value: <bdi dir="ltr">{data.partnerId}</bdi>,
                },
                { label: t('partnerServices.cols.orgName'), value: data.orgName },
                { label: t('partnerServices.cols.policyGroup'), value: data.policyGroupName },
                { label: t('partnerServices.cols.policyName'), value: data.policyName },
                {
                  label: t('partnerServices.cols.policyDescription'),
                  value: data.policyDescription,
                },
                { label: t('partnerServices.cols.apiKeyName'), value: data.apiKeyLabel },
                {
                  label: t('partnerServices.cols.created'),
                  value: formatDateTime(data.createdDateTime, lang),
                },
                {
                  label: t('partnerServices.cols.expiry'),
                  value: <KeyExpiry expiry={data.apiKeyExpiryDateTime} created={data.createdDateTime} full />,
                  testId: 'detail-expiry',
                },
              ]}
            />
            <p className="text-sm text-slate-600">{t('partnerServices.apiKeys.hashNote')}</p>
          </section>
          {dialog}
        </div>
      )}
    </DetailView>
  );
}
