import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../../contract.ts';
import { FormError } from '../../components/FormError.tsx';
import { useEvent } from '../../hooks/useEvent.ts';
import { Link } from '../../router/Link.tsx';
import { useHardware, type UsbList } from '../../stores/hardware.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { hardwareRoles } from './nav.ts';
import { Note, Section } from './parts.tsx';
import { SbiDeviceTable } from './SbiDeviceTable.tsx';

const hex = (n: number) => n.toString(16).padStart(4, '0');
const th = 'px-3 py-2 text-start text-xs font-semibold uppercase tracking-wide text-slate-700';

function UsbSection() {
  const { t } = useTranslation();
  const { data, error, loading } = useHardware((s) => s.usb);
  return (
    <Section title={t('hardware.usb.title')} testId="usb-devices">
      <FormError error={error} />
      {data?.access === 'none' ? (
        <Note tone="wait" testId="usb-no-access">
          <span className="block font-semibold">{t('hardware.usb.none')}</span>
          {data.reason ? <bdi>{data.reason}</bdi> : null}
        </Note>
      ) : null}
      {data?.access === 'ok' && data.devices.length === 0 ? (
        <p className="text-slate-600" data-testid="usb-empty">
          {t('hardware.usb.empty')}
        </p>
      ) : null}
      {data?.access === 'ok' && data.devices.length > 0 ? <UsbTable devices={data.devices} busy={loading} /> : null}
    </Section>
  );
}

function UsbTable({ devices, busy }: { devices: UsbList['devices']; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] text-sm" aria-busy={busy} data-testid="usb-table">
        <thead className="bg-slate-100">
          <tr>
            <th className={th}>{t('hardware.usb.cols.name')}</th>
            <th className={th}>{t('hardware.usb.cols.modality')}</th>
            <th className={th}>{t('hardware.usb.cols.ids')}</th>
            <th className={th}>{t('hardware.usb.cols.maker')}</th>
            <th className={th}>{t('hardware.usb.cols.serial')}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <tr
              key={d.id}
              className="border-b border-slate-100"
              data-testid="usb-row"
              data-known={d.catalogue !== null}
            >
              <td className="px-3 py-2 font-medium" data-testid="usb-row-name">
                {d.catalogue ? <bdi>{d.catalogue.name}</bdi> : t('hardware.usb.unknown')}
                {d.catalogue ? (
                  <span className="block text-xs font-normal text-slate-500">
                    <bdi>{d.catalogue.vendor}</bdi>
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2">{d.catalogue ? t(`hardware.usb.modality.${d.catalogue.modality}`) : '—'}</td>
              <td className="px-3 py-2 font-mono text-xs">
                <bdi dir="ltr">{`${hex(d.vendorId)}:${hex(d.productId)}`}</bdi>
              </td>
              <td className="px-3 py-2">
                <bdi>{[d.manufacturer, d.product].filter(Boolean).join(' · ') || '—'}</bdi>
              </td>
              <td className="px-3 py-2 font-mono text-xs">
                <bdi dir="ltr">{d.serial ?? '—'}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChipSection({ canOnboard }: { canOnboard: boolean }) {
  const { t } = useTranslation();
  const { data, error, loading } = useHardware((s) => s.chips);
  return (
    <Section title={t('hardware.chips.title')} testId="ftm-chips">
      <FormError error={error} />
      {data && data.length === 0 ? (
        <p className="text-slate-600" data-testid="ftm-chips-empty">
          {t('hardware.chips.empty')}
        </p>
      ) : null}
      {data && data.length > 0 ? (
        <ul className="divide-y divide-slate-100" aria-busy={loading}>
          {data.map((c) => (
            <li
              key={c.path}
              className="flex flex-wrap items-center gap-3 py-2 text-sm"
              data-testid="ftm-chip-row"
              data-path={c.path}
            >
              <span className="min-w-0 flex-1">
                <span className="font-medium">{c.product ? <bdi>{c.product}</bdi> : t('hardware.usb.unknown')}</span>
                {c.virtual ? (
                  <span className="ms-2 rounded-full bg-info-bg px-2 py-0.5 text-xs font-semibold text-info-fg">
                    {t('hardware.chips.virtual')}
                  </span>
                ) : null}
                <span className="block font-mono text-xs text-slate-500">
                  <bdi dir="ltr">{`${hex(c.vendorId)}:${hex(c.productId)}`}</bdi> ·{' '}
                  <bdi dir="ltr">{c.serial ?? '—'}</bdi> · <bdi dir="ltr">{c.path}</bdi>
                </span>
              </span>
              {canOnboard ? (
                <Link
                  to={`/hardware/ftm?path=${encodeURIComponent(c.path)}`}
                  className="btn btn-primary px-3 py-1"
                  data-testid="ftm-chip-onboard"
                >
                  {t('hardware.chips.onboard')}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

/** Devices & hardware: USB devices, SBI services on 127.0.0.1, FTM chips — kept current by hotplug events. */
export function HardwareScreen({ user }: { user: UserProfile }) {
  const { t } = useTranslation();
  const roles = hardwareRoles(user);
  const { loadUsb, loadSbi, loadChips } = useHardware.getState();
  const busy = useHardware((s) => s.usb.loading || s.sbi.loading || s.chips.loading);
  const scan = useCallback(
    (refresh: boolean) => {
      void loadUsb();
      if (roles.sbi) void loadSbi(refresh);
      if (roles.chips) void loadChips();
    },
    [loadUsb, loadSbi, loadChips, roles.sbi, roles.chips],
  );
  useEffect(() => scan(false), [scan]);
  useEvent('hardware.changed', ({ source }) => {
    if (source === 'usb') void loadUsb();
    if (source === 'hid' && roles.chips) void loadChips();
    // The core drops its cached scan when the set of devices changes, so no forced rescan here.
    if ((source === 'sbi' || source === 'virtual') && roles.sbi) void loadSbi(false);
    if (source === 'virtual' && roles.chips) void loadChips();
  });
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('hardware.title')}
        description={t('hardware.description')}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link to="/hardware/virtual" className="btn btn-secondary" data-testid="hardware-virtual-link">
              {t('hardware.links.virtual')}
            </Link>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => scan(true)}
              disabled={busy}
              aria-busy={busy}
              data-testid="hardware-scan"
            >
              {busy ? t('hardware.scanning') : t('hardware.scanAgain')}
            </button>
          </div>
        }
      />
      {roles.sbi ? <SbiDeviceTable canOnboard={roles.device && !user.isAdmin} /> : null}
      {roles.chips ? <ChipSection canOnboard={roles.ftm && !user.isAdmin} /> : null}
      <UsbSection />
    </div>
  );
}
