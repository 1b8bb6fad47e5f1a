import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecord } from '../../data/useRecord.ts';
import { SelectField } from '../../components/Field.tsx';
import { Link } from '../../router/Link.tsx';
import { navigate } from '../../router/hash.ts';
import { usePrefill } from '../../stores/prefill.ts';
import type { SbiRow } from '../devices/SbiListScreen.tsx';
import { Facts } from '../../components/Facts.tsx';
import { Note, Section } from './parts.tsx';
import type { Output } from '../../contract.ts';

// The contract's type, not OnboardScreen's alias: that screen imports this one.
type Inspection = Output<'sbi.inspect'>;

/** The partner's SBIs that can take devices now (approved, active, not expired). */
function useLiveSbis(partnerId: string): SbiRow[] | null {
  const { data, error } = useRecord('sbis.list', {
    pageNo: 0,
    pageSize: 100,
    partnerId,
    status: 'approved',
  });
  if (error) return [];
  return data ? data.data.filter((s) => s.partnerId === partnerId && s.canAddDevices) : null;
}

/** Pre-filled Add SBI / Add Devices: the values come from the device, the forms stay the user's. */
export function RegistrationPanel({ inspection, partnerId }: { inspection: Inspection; partnerId: string }) {
  const { t } = useTranslation();
  const { prefill, device, registeredDeviceId } = inspection;
  const sbis = useLiveSbis(partnerId);
  const [chosen, setChosen] = useState('');
  const matching = sbis?.find((s) => s.sbiVersion === prefill.sbiVersion) ?? sbis?.[0];
  const sbiId = chosen || matching?.sbiId || '';
  const source = { port: device.port, deviceId: device.deviceId };

  function addSbi() {
    usePrefill.getState().setSbi({ partnerId, sbiVersion: prefill.sbiVersion, source });
    navigate('/provider/sbis/add?prefill=1');
  }
  function addDevices() {
    const rows = prefill.devices.map((d) => ({
      deviceTypeCode: d.type,
      deviceSubTypeCode: d.subType,
      make: d.make,
      model: d.model,
    }));
    usePrefill.getState().setDevices(rows, source);
    navigate(`/provider/sbis/add-devices?sbiId=${encodeURIComponent(sbiId)}&prefill=1`);
  }

  return (
    <Section title={t('hardware.onboard.prefill.title')} testId="onboard-prefill">
      {registeredDeviceId ? (
        <Note tone="info" testId="onboard-registered">
          {t('hardware.onboard.registered', { id: registeredDeviceId })}{' '}
          <Link to={`/provider/devices/view?id=${encodeURIComponent(registeredDeviceId)}`} className="link">
            {t('hardware.onboard.viewRegistered')}
          </Link>
        </Note>
      ) : null}
      <Facts
        items={[
          {
            label: t('hardware.onboard.prefill.sbiVersion'),
            value: <bdi dir="ltr">{prefill.sbiVersion || '—'}</bdi>,
            testId: 'onboard-prefill-version',
          },
          {
            label: t('hardware.onboard.prefill.devices'),
            value: (
              <ul data-testid="onboard-prefill-devices">
                {prefill.devices.map((d, i) => (
                  <li key={i}>
                    <bdi>{`${d.type} / ${d.subType} — ${d.make} ${d.model}`}</bdi>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      <div className="flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4">
        <button
          type="button"
          className="btn btn-primary"
          onClick={addSbi}
          disabled={!partnerId || !prefill.sbiVersion}
          data-testid="onboard-add-sbi"
        >
          {t('hardware.onboard.addSbi')}
        </button>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        {sbis && sbis.length > 0 ? (
          <div className="min-w-[16rem]">
            <SelectField
              name="sbiId"
              label={t('hardware.onboard.chooseSbi')}
              value={sbiId}
              onChange={setChosen}
              options={sbis.map((s) => ({
                value: s.sbiId,
                label: t('hardware.onboard.sbiOption', { version: s.sbiVersion, id: s.sbiId }),
              }))}
              testId="onboard-sbi-select"
            />
          </div>
        ) : null}
        <button
          type="button"
          className="btn btn-secondary"
          onClick={addDevices}
          disabled={!sbiId || prefill.devices.length === 0}
          data-testid="onboard-add-devices"
        >
          {t('hardware.onboard.addDevices')}
        </button>
      </div>
      {sbis && sbis.length === 0 ? (
        <Note tone="wait" testId="onboard-no-live-sbi">
          {t('hardware.onboard.noLiveSbi')}
        </Note>
      ) : null}
    </Section>
  );
}
