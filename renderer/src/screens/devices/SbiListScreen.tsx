import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { FormError } from '../../components/FormError.tsx';
import { ListPager, pagerIds } from '../../components/ListView.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useList, type Row } from '../../data/useList.ts';
import { useRecord } from '../../data/useRecord.ts';
import { Link } from '../../router/Link.tsx';
import { navigate } from '../../router/hash.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ActionButton, DateText, DeviceBadge } from './parts.tsx';

export type SbiRow = Row<'sbis.list'>;
/** SBI dates start descending when first sorted by. */
export const SBI_DATES = ['createdDateTime', 'sbiCreatedDateTime', 'sbiExpiryDateTime'] as const;

/** Why devices cannot be added under this SBI now, or null when they can. */
export function useAddDevicesReason() {
  const { t } = useTranslation();
  return (s: SbiRow): string | null => {
    if (s.canAddDevices) return null;
    if (s.status !== 'approved') return t(`devices.sbi.cannotAdd.${s.status}`);
    return t('devices.sbi.cannotAdd.expired');
  };
}

/** Deactivate an SBI after a confirmation that states the cascade (sbis.deactivationPreview). */
export function useDeactivateSbi(onDone: (message: string) => void) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<SbiRow | null>(null);
  const preview = useRecord('sbis.deactivationPreview', target ? { sbiId: target.sbiId } : null);
  const deactivate = useCommand('sbis.deactivate');
  const dialog = target ? (
    <ConfirmDialog
      danger
      title={t('devices.sbi.deactivateTitle', { version: target.sbiVersion })}
      disabled={preview.data === undefined}
      body={
        <>
          <FormError error={preview.error} />
          <p data-testid="sbi-deactivate-cascade">
            {preview.data ? t('devices.sbi.deactivateText', preview.data) : t('devices.sbi.deactivateLoading')}
          </p>
        </>
      }
      confirmLabel={t('devices.actions.deactivate')}
      testId="sbi-deactivate-dialog"
      onClose={() => setTarget(null)}
      onConfirm={async () => {
        const r = await deactivate.call({ sbiId: target.sbiId });
        onDone(
          t('devices.sbi.deactivated', {
            version: target.sbiVersion,
            devicesDeactivated: r.devicesDeactivated,
            devicesRejected: r.devicesRejected,
          }),
        );
      }}
    />
  ) : null;
  return { ask: setTarget, dialog };
}

function SbiCard({ sbi, onDeactivate }: { sbi: SbiRow; onDeactivate: (s: SbiRow) => void }) {
  const { t } = useTranslation();
  const addReason = useAddDevicesReason()(sbi);
  const canDeactivate = sbi.status === 'approved';
  return (
    <li className="panel p-5" data-testid="sbi-card" data-sbi={sbi.sbiId} data-version={sbi.sbiVersion}>
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 className="text-lg font-semibold text-slate-900">
            {t('devices.sbi.versionLabel', { version: sbi.sbiVersion })}
          </h2>
          <p className="text-sm text-slate-600">
            {t('devices.cols.partnerId')}: <bdi dir="ltr">{sbi.partnerId}</bdi> · {t('devices.cols.sbiId')}:{' '}
            <bdi dir="ltr" className="font-mono text-xs">
              {sbi.sbiId}
            </bdi>
          </p>
        </div>
        <div className="flex items-center gap-2">
          <DeviceBadge status={sbi.sbiExpiryStatus} testId="sbi-card-expiry" />
          <DeviceBadge status={sbi.status} testId="sbi-card-status" />
        </div>
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-xs font-semibold uppercase text-slate-500">{t('devices.cols.sbiCreated')}</dt>
          <dd>
            <DateText iso={sbi.sbiCreatedDateTime} />
          </dd>
        </div>
        <div>
          <dt className="text-xs font-semibold uppercase text-slate-500">{t('devices.cols.sbiExpiry')}</dt>
          <dd>
            <DateText iso={sbi.sbiExpiryDateTime} />
          </dd>
        </div>
        <div>
          <dt className="text-xs font-semibold uppercase text-slate-500">{t('devices.cols.created')}</dt>
          <dd>
            <DateText iso={sbi.createdDateTime} />
          </dd>
        </div>
      </dl>
      <p className="mt-3 text-sm text-slate-700" data-testid="sbi-card-counts">
        {t('devices.sbi.deviceCounts', {
          approved: sbi.countOfApprovedDevices,
          pending: sbi.countOfPendingDevices,
        })}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <ActionButton
          primary
          label={t('devices.actions.addDevices')}
          disabledReason={addReason}
          testId="sbi-card-add-devices"
          onClick={() => navigate(`/provider/sbis/add-devices?sbiId=${encodeURIComponent(sbi.sbiId)}`)}
        />
        {addReason ? (
          <span className="text-xs text-slate-600" data-testid="sbi-card-add-reason">
            {addReason}
          </span>
        ) : null}
        <Link
          to={`/provider/sbis/devices?sbiId=${encodeURIComponent(sbi.sbiId)}`}
          className="btn btn-secondary"
          data-testid="sbi-card-view-devices"
        >
          {t('devices.actions.viewDevices')}
        </Link>
        <Link
          to={`/provider/sbis/view?id=${encodeURIComponent(sbi.sbiId)}`}
          className="btn btn-quiet"
          data-testid="sbi-card-view"
        >
          {t('devices.actions.view')}
        </Link>
        <ActionButton
          label={t('devices.actions.deactivate')}
          disabledReason={canDeactivate ? null : t('devices.sbi.cannotDeactivate')}
          testId="sbi-card-deactivate"
          onClick={() => onDeactivate(sbi)}
        />
      </div>
    </li>
  );
}

/** Provider SBI list (pms.md §5.3): a card per SBI with its device counts and actions. */
export function SbiListScreen() {
  const { t } = useTranslation();
  const list = useList('sbis.list', {
    id: 'providerSbis',
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    descFirst: SBI_DATES,
  });
  const [notice, setNotice] = useState<string | null>(null);
  const { ask, dialog } = useDeactivateSbi(setNotice);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('devices.sbi.title')}
        description={t('devices.sbi.description')}
        actions={
          <Link to="/provider/sbis/add" className="btn btn-primary" data-testid="add-sbi-link">
            {t('devices.sbi.add')}
          </Link>
        }
      />
      <Notice text={notice} testId="sbi-notice" />
      <FormError error={list.error} />
      {list.page && list.rows.length === 0 ? (
        <p className="panel p-6 text-center text-slate-600" data-testid="sbi-empty">
          {t('devices.sbi.empty')}
        </p>
      ) : (
        <ul className="space-y-3" aria-busy={list.loading} data-testid="sbi-list">
          {list.rows.map((s) => (
            <SbiCard key={s.sbiId} sbi={s} onDeactivate={ask} />
          ))}
        </ul>
      )}
      <div className="panel overflow-hidden">
        <ListPager list={list} ids={pagerIds('sbi-pager')} />
      </div>
      {dialog}
    </div>
  );
}
