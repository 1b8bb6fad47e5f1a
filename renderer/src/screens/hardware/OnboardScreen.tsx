import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { useRecord } from '../../data/useRecord.ts';
import { SelectField } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { Facts } from '../../components/Facts.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useActivePartnerIds } from '../devices/AddSbiScreen.tsx';
import { typeText } from '../../lib/sbiDevice.ts';
import {
  ChecksList,
  DeviceFindings,
  DeviceStatusNote,
  Note,
  Section,
  VerifiedMark,
  useDeviceParams,
  useDeviceStatusText,
  usePurposeText,
} from './parts.tsx';
import { RegistrationPanel } from './OnboardRegistration.tsx';

export type Inspection = Output<'sbi.inspect'>;

/** Onboarding from the device (device provider): read and verify it, then register it with its own values. */
export function OnboardScreen() {
  const { t } = useTranslation();
  const { port, deviceId } = useDeviceParams();
  const ids = useActivePartnerIds('Device_Provider');
  const [chosen, setChosen] = useState('');
  const partnerId = chosen || (ids?.length === 1 ? (ids[0] ?? '') : '');
  const ready = port !== null && deviceId !== '' && partnerId !== '';
  // "Read again" refetches: the previous reading of the same device stays on screen meanwhile.
  const reading = useRecord('sbi.inspect', ready && port !== null ? { port, deviceId, partnerId } : null, {
    keepPrevious: true,
  });
  const busy = ready && reading.fetching;
  const inspection: Inspection | null = reading.data ?? null;
  const error = reading.fetching ? null : reading.error;

  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title={t('hardware.onboard.title')}
        description={t('hardware.onboard.description')}
        back={{ to: '/hardware', label: t('hardware.title') }}
      />
      <div className="panel flex flex-wrap items-end gap-4 p-5" data-testid="onboard-partner">
        <div className="min-w-[16rem] flex-1">
          <SelectField
            name="partnerId"
            label={t('hardware.onboard.partner')}
            value={partnerId}
            onChange={setChosen}
            options={(ids ?? []).map((id) => ({ value: id, label: id }))}
            placeholder={t('devices.sbi.form.choosePartner')}
            testId="onboard-partner-select"
          />
        </div>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy || !partnerId || port === null}
          aria-busy={busy}
          onClick={reading.refetch}
          data-testid="onboard-read"
        >
          {busy ? t('hardware.onboard.reading') : t('hardware.onboard.readAgain')}
        </button>
      </div>
      {ids !== null && ids.length === 0 ? (
        <Note tone="wait" testId="onboard-no-partner">
          {t('devices.sbi.form.noPartner')}
        </Note>
      ) : null}
      {port === null || !deviceId ? <Note tone="bad">{t('hardware.onboard.noDevice')}</Note> : null}
      <FormError error={error} />
      {inspection ? <InspectionView inspection={inspection} partnerId={partnerId} /> : null}
    </div>
  );
}

function InspectionView({ inspection, partnerId }: { inspection: Inspection; partnerId: string }) {
  const { t } = useTranslation();
  const statusText = useDeviceStatusText();
  const purposeText = usePurposeText();
  const { device } = inspection;
  const digital = device.digitalId;
  const ready = device.deviceStatus === 'Ready';
  const ltr = (text: string | null | undefined) => <bdi dir="ltr">{text || '—'}</bdi>;
  return (
    <>
      <Section
        title={t('hardware.onboard.device')}
        actions={<VerifiedMark verified={device.verified} signed={device.signed} testId="onboard-verified" />}
        testId="onboard-device"
      >
        {!device.signed ? (
          <Note tone="bad" testId="onboard-unsigned">
            {t('hardware.onboard.unsigned')}
          </Note>
        ) : device.verified ? (
          <Note tone="ok">{t('hardware.onboard.verifiedOk')}</Note>
        ) : (
          <Note tone="bad" testId="onboard-unverified">
            {t('hardware.onboard.verifiedBad')}
          </Note>
        )}
        {ready ? null : <DeviceStatusNote status={device.deviceStatus} testId="onboard-not-ready" />}
        <DeviceFindings findings={device.findings} testId="onboard-finding" />
        <Facts
          testId="onboard-facts"
          items={[
            { label: t('hardware.sbi.cols.port'), value: ltr(String(device.port)) },
            { label: t('hardware.sbi.cols.deviceId'), value: ltr(device.deviceId) },
            { label: t('hardware.sbi.cols.type'), value: typeText(device) },
            { label: t('hardware.sbi.cols.status'), value: statusText(device.deviceStatus) },
            { label: t('hardware.sbi.cols.certification'), value: device.certification },
            { label: t('hardware.sbi.cols.purpose'), value: purposeText(device.purpose) },
            {
              label: t('hardware.onboard.facts.serviceVersion'),
              value: ltr(device.serviceVersion),
              testId: 'onboard-service-version',
            },
            {
              label: t('hardware.onboard.facts.specVersion'),
              value: ltr(device.specVersion.join(', ')),
            },
            { label: t('devices.cols.make'), value: digital?.make ?? '—' },
            { label: t('devices.cols.model'), value: digital?.model ?? '—' },
            {
              label: t('hardware.onboard.facts.deviceCode'),
              value: ltr(device.deviceCode),
              testId: 'onboard-device-code',
            },
            {
              label: t('hardware.onboard.facts.serial'),
              value: ltr(digital?.serialNo),
              testId: 'onboard-serial-no',
            },
            {
              label: t('hardware.onboard.facts.provider'),
              value: digital ? `${digital.deviceProvider} (${digital.deviceProviderId})` : '—',
            },
          ]}
        />
        <h3 className="text-sm font-semibold text-slate-900">{t('hardware.onboard.checks')}</h3>
        <ChecksList checks={device.checks} testId="onboard-checks" />
      </Section>
      <MismatchTable inspection={inspection} />
      {/* Registering from the device needs it Ready: its values are read again once it is. */}
      {ready ? <RegistrationPanel inspection={inspection} partnerId={partnerId} /> : null}
    </>
  );
}

/** What the device reports against what the registry holds: shown, never silently overwritten. */
function MismatchTable({ inspection }: { inspection: Inspection }) {
  const { t } = useTranslation();
  const th = 'px-3 py-2 text-start text-xs font-semibold uppercase tracking-wide text-slate-700';
  return (
    <Section title={t('hardware.onboard.mismatches.title')} testId="onboard-mismatches">
      {inspection.nearestRegistered ? (
        // Not registered: say which registered device the make/model rows are compared with.
        <Note tone="info" testId="onboard-nearest">
          {t('hardware.onboard.mismatches.nearest', inspection.nearestRegistered)}
        </Note>
      ) : null}
      {inspection.mismatches.length === 0 ? (
        <Note tone="ok" testId="onboard-no-mismatch">
          {t('hardware.onboard.mismatches.none')}
        </Note>
      ) : (
        <table className="w-full text-sm" data-testid="onboard-mismatch-table">
          <thead className="bg-slate-100">
            <tr>
              <th className={th}>{t('hardware.onboard.mismatches.field')}</th>
              <th className={th}>{t('hardware.onboard.mismatches.device')}</th>
              <th className={th}>{t('hardware.onboard.mismatches.registry')}</th>
            </tr>
          </thead>
          <tbody>
            {inspection.mismatches.map((m) => (
              <tr
                key={m.field}
                className="border-b border-slate-100"
                data-testid="onboard-mismatch-row"
                data-field={m.field}
              >
                <td className="px-3 py-2 font-medium">
                  <bdi dir="ltr">{m.field}</bdi>
                </td>
                <td className="px-3 py-2">
                  <bdi>{m.device}</bdi>
                </td>
                <td className="px-3 py-2">
                  {m.registry === null ? (
                    <span className="text-slate-500">{t('hardware.onboard.mismatches.missing')}</span>
                  ) : (
                    <bdi>{m.registry}</bdi>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
