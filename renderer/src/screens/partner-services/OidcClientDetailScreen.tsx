import { useTranslation } from 'react-i18next';
import { CopyableId } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useRoute } from '../../router/hash.ts';
import { Link } from '../../router/Link.tsx';
import { useUi } from '../../stores/ui.ts';
import { useDeactivateClient } from './OidcClientsScreen.tsx';
import { Badge, Verdict, clientStatus } from './parts.tsx';
import { Facts } from '../../components/Facts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRecord } from '../../data/useRecord.ts';

function Chips({ items, testId }: { items: string[]; testId: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <span>{t('common.none')}</span>;
  return (
    <ul className="flex flex-wrap gap-1" data-testid={testId}>
      {items.map((i) => (
        <li key={i} dir="ltr" className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs">
          {i}
        </li>
      ))}
    </ul>
  );
}

/** One OIDC client: claims and ACR values come from its Auth policy; a deactivated client cannot be edited. */
export function OidcClientDetailScreen({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const route = useRoute();
  const id = route.query.get('id');
  const saved = route.query.get('saved');
  const { data, error } = useRecord('oidcClients.get', id ? { clientId: id } : null);
  const { ask, dialog } = useDeactivateClient();
  const back = admin
    ? { to: '/admin/auth-services?tab=oidc', label: t('partnerServices.authServices.title') }
    : { to: '/partner/oidc-clients', label: t('partnerServices.oidc.title') };
  if (!data) {
    return (
      <div className="space-y-4">
        <PageHeader title={t('partnerServices.oidc.detailTitle')} back={back} />
        {error ? <FormError error={error} /> : <p role="status">{t('app.loading')}</p>}
      </div>
    );
  }
  const inactive = data.status === 'INACTIVE';
  const reason = inactive ? t('errors.PMS_ESI_008') : undefined;
  return (
    <div className="space-y-4" data-testid="oidc-detail">
      <PageHeader
        title={data.clientName}
        description={t('partnerServices.oidc.detailTitle')}
        back={back}
        actions={
          <div className="flex gap-2">
            {admin ? null : inactive ? (
              <button type="button" className="btn btn-secondary" disabled title={reason} data-testid="detail-edit">
                {t('partnerServices.edit')}
              </button>
            ) : (
              <Link
                to={`/partner/oidc-clients/edit?id=${encodeURIComponent(data.clientId)}`}
                className="btn btn-secondary"
                data-testid="detail-edit"
              >
                {t('partnerServices.edit')}
              </Link>
            )}
            <button
              type="button"
              className="btn btn-secondary"
              disabled={inactive}
              title={reason}
              onClick={() => ask(data)}
              data-testid="detail-deactivate"
            >
              {t('partnerServices.deactivate')}
            </button>
          </div>
        }
      />
      {saved ? (
        <p role="status" className="rounded-md bg-ok-bg px-3 py-2 text-ok-fg" data-testid="oidc-saved">
          {saved === 'create' ? t('partnerServices.oidc.created') : t('partnerServices.oidc.updated')}
        </p>
      ) : null}
      {inactive ? (
        <p className="text-sm text-slate-600" data-testid="oidc-inactive-reason">
          {reason}
        </p>
      ) : null}
      <section className="panel space-y-4 p-5">
        <div className="flex flex-wrap items-center gap-3">
          <Badge status={clientStatus(data.status)} testId="detail-status" />
          <Verdict usable={data.usable} />
        </div>
        <Facts
          items={[
            {
              label: t('partnerServices.cols.clientId'),
              value: (
                <CopyableId
                  value={data.clientId}
                  label={t('partnerServices.cols.clientId')}
                  testId="detail-client-id"
                />
              ),
            },
            {
              label: t('partnerServices.cols.partnerId'),
              value: <bdi dir="ltr">{data.partnerId}</bdi>,
            },
            { label: t('partnerServices.cols.orgName'), value: data.orgName },
            { label: t('partnerServices.cols.policyGroup'), value: data.policyGroupName },
            { label: t('partnerServices.cols.policyName'), value: data.policyName },
            {
              label: t('partnerServices.oidc.logoUri'),
              value: <bdi dir="ltr">{data.logoUri}</bdi>,
            },
            {
              label: t('partnerServices.oidc.redirectUris'),
              value: <Chips items={data.redirectUris} testId="detail-redirects" />,
            },
            {
              label: t('partnerServices.oidc.grantTypes'),
              value: <Chips items={data.grantTypes} testId="detail-grants" />,
            },
            {
              label: t('partnerServices.oidc.authMethods'),
              value: <Chips items={data.clientAuthMethods} testId="detail-auth-methods" />,
            },
            {
              label: t('partnerServices.oidc.claims'),
              value: <Chips items={data.claims} testId="detail-claims" />,
            },
            {
              label: t('partnerServices.oidc.acrValues'),
              value: <Chips items={data.acrValues} testId="detail-acr" />,
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
        <details>
          <summary className="cursor-pointer text-sm font-medium">{t('partnerServices.oidc.publicKey')}</summary>
          <pre dir="ltr" className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs">
            {JSON.stringify(data.publicKey, null, 2)}
          </pre>
        </details>
      </section>
      {dialog}
    </div>
  );
}
