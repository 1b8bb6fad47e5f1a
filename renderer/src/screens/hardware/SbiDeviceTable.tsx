import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError.tsx';
import { Link } from '../../router/Link.tsx';
import { useHardware, type DiscoveredSbi } from '../../stores/hardware.ts';
import { useUi } from '../../stores/ui.ts';
import { formatDateTime } from '../../lib/format.ts';
import { deviceQuery, typeText } from '../../lib/sbiDevice.ts';
import {
  ChecksList,
  DeviceFindings,
  DeviceStatusNote,
  Section,
  VerifiedMark,
  useDeviceStatusText,
  usePurposeText,
} from './parts.tsx';

// An unregistered device may have no id yet: its digital ID tells it apart from its neighbours.
const key = (d: DiscoveredSbi) => `${d.port}/${d.deviceId}/${d.type}/${d.digitalId?.serialNo ?? ''}`;

const COLS = 10;

/** Discovered SBI devices: what each says about itself, whether that verified, and what to do with it. */
export function SbiDeviceTable({ canOnboard }: { canOnboard: boolean }) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const { data, error, loading } = useHardware((s) => s.sbi);
  const statusText = useDeviceStatusText();
  const purposeText = usePurposeText();
  const [open, setOpen] = useState<string | null>(null);
  const devices = data?.devices ?? [];
  const th = 'px-3 py-2 text-start text-xs font-semibold uppercase tracking-wide text-slate-700';
  // The specification's field names keep their spelling (deviceCode, serialNo): no upper-casing.
  const specName = 'px-3 py-2 text-start text-xs font-semibold tracking-wide text-slate-700';
  return (
    <Section title={t('hardware.sbi.title')} testId="sbi-devices">
      {data ? (
        <p className="text-sm text-slate-600" data-testid="sbi-scanned">
          {t('hardware.sbi.scanned', {
            from: data.portFrom,
            to: data.portTo,
            time: formatDateTime(data.scannedAt, lang),
          })}
        </p>
      ) : null}
      <FormError error={error} />
      {data && devices.length === 0 ? (
        <p className="rounded-md bg-slate-50 p-4 text-slate-600" data-testid="sbi-devices-empty">
          {t('hardware.sbi.empty', { from: data.portFrom, to: data.portTo })}
        </p>
      ) : null}
      {devices.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[72rem] text-sm" aria-busy={loading} data-testid="sbi-table">
            <thead className="bg-slate-100">
              <tr>
                <th className={th}>{t('hardware.sbi.cols.port')}</th>
                <th className={th}>{t('hardware.sbi.cols.deviceId')}</th>
                <th className={specName}>{t('hardware.sbi.cols.deviceCode')}</th>
                <th className={specName}>{t('hardware.sbi.cols.serialNo')}</th>
                <th className={th}>{t('hardware.sbi.cols.type')}</th>
                <th className={th}>{t('hardware.sbi.cols.status')}</th>
                <th className={th}>{t('hardware.sbi.cols.certification')}</th>
                <th className={th}>{t('hardware.sbi.cols.purpose')}</th>
                <th className={th}>{t('hardware.sbi.cols.verified')}</th>
                <th className={th}>{t('hardware.sbi.cols.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.map((d) => {
                const id = key(d);
                const expanded = open === id;
                const q = deviceQuery(d.port, d.deviceId);
                // Onboarding, the bench and the live view need a Ready device; any other is listed greyed with what to do.
                const ready = d.deviceStatus === 'Ready';
                const notes = !ready || d.findings.length > 0;
                return (
                  <Fragment key={id}>
                    <tr
                      className={`border-b border-slate-100 ${ready ? '' : 'bg-slate-50 text-slate-500'}`}
                      data-testid="sbi-row"
                      data-port={d.port}
                      data-device={d.deviceId}
                      data-status={d.deviceStatus}
                      data-ready={ready}
                    >
                      <td className="px-3 py-2 font-mono">{d.port}</td>
                      <td className="px-3 py-2">
                        <bdi dir="ltr" className="font-mono text-xs">
                          {d.deviceId || '—'}
                        </bdi>
                      </td>
                      <td className="px-3 py-2" data-testid="sbi-row-device-code">
                        <bdi dir="ltr" className="font-mono text-xs">
                          {d.deviceCode || '—'}
                        </bdi>
                      </td>
                      <td className="px-3 py-2" data-testid="sbi-row-serial-no">
                        <bdi dir="ltr" className="font-mono text-xs">
                          {d.digitalId?.serialNo || '—'}
                        </bdi>
                      </td>
                      <td className="px-3 py-2">
                        <bdi>{typeText(d)}</bdi>
                      </td>
                      <td className="px-3 py-2">
                        <span className="block" data-testid="sbi-row-status">
                          {statusText(d.deviceStatus)}
                        </span>
                        {d.error ? (
                          <span className="block text-xs" data-testid="sbi-row-error">
                            {t('hardware.sbi.deviceError', { code: d.error.errorCode })} <bdi>{d.error.errorInfo}</bdi>
                          </span>
                        ) : null}
                      </td>
                      <td className="px-3 py-2">{d.certification}</td>
                      <td className="px-3 py-2">{purposeText(d.purpose)}</td>
                      <td className="px-3 py-2">
                        <VerifiedMark verified={d.verified} signed={d.signed} testId="sbi-row-verified" />
                        <button
                          type="button"
                          className="btn btn-quiet ms-1"
                          aria-expanded={expanded}
                          onClick={() => setOpen(expanded ? null : id)}
                          data-testid="sbi-row-details"
                        >
                          {expanded ? t('hardware.sbi.hideDetails') : t('hardware.sbi.details')}
                        </button>
                      </td>
                      <td className="px-3 py-2">
                        <span className="flex flex-wrap gap-1">
                          {!ready ? <span className="text-xs">{t('hardware.sbi.needsReadyShort')}</span> : null}
                          {ready && canOnboard ? (
                            <Link
                              to={`/hardware/onboard?${q}`}
                              className="btn btn-primary px-3 py-1"
                              data-testid="sbi-row-onboard"
                            >
                              {t('hardware.sbi.actions.onboard')}
                            </Link>
                          ) : null}
                          {ready ? (
                            <Link to={`/hardware/live?${q}`} className="btn btn-quiet" data-testid="sbi-row-live">
                              {t('hardware.sbi.actions.live')}
                            </Link>
                          ) : null}
                          {ready ? (
                            <Link to={`/hardware/bench?${q}`} className="btn btn-quiet" data-testid="sbi-row-bench">
                              {t('hardware.sbi.actions.bench')}
                            </Link>
                          ) : null}
                        </span>
                      </td>
                    </tr>
                    {notes ? (
                      <tr
                        className="border-b border-slate-100"
                        data-testid="sbi-row-notes"
                        data-port={d.port}
                        data-device={d.deviceId}
                      >
                        <td colSpan={COLS} className="space-y-2 px-3 pb-3">
                          {!ready ? <DeviceStatusNote status={d.deviceStatus} testId="sbi-row-advice" /> : null}
                          <DeviceFindings findings={d.findings} testId="sbi-row-finding" />
                        </td>
                      </tr>
                    ) : null}
                    {expanded ? (
                      <tr className="bg-slate-50">
                        <td colSpan={COLS} className="px-3 py-3">
                          <ChecksList checks={d.checks} testId="sbi-row-checks" />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.problems.length > 0 ? (
        <details className="text-sm" data-testid="sbi-problems">
          <summary className="cursor-pointer text-slate-700">
            {t('hardware.sbi.problems', { n: data.problems.length })}
          </summary>
          <ul className="mt-2 space-y-1">
            {data.problems.map((p) => (
              <li key={p.port} className="text-slate-700">
                <span className="font-mono">{p.port}</span> ·{' '}
                <bdi dir="ltr" className="font-mono text-xs">
                  {p.code}
                </bdi>{' '}
                · <bdi>{p.message}</bdi>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Section>
  );
}
