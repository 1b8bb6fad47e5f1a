import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import type { Output } from '../../contract.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { FormError } from '../../components/FormError.tsx';
import { useErrorText } from '../../lib/errorText.ts';
import { useRoute } from '../../router/hash.ts';
import { useUnsavedGuard } from '../../router/useUnsavedGuard.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRecord } from '../../data/useRecord.ts';
import { PrefillNote, useDevicesPrefill } from '../hardware/PrefillNote.tsx';

const MAX_ROWS = 25;
type Catalogue = Output<'deviceCatalogue.list'>['types'];
interface Row {
  key: number;
  deviceTypeCode: string;
  deviceSubTypeCode: string;
  make: string;
  model: string;
  busy: boolean;
  error: ApiError | null;
  missing: boolean;
  deviceId: string | null;
}
const blank = (key: number): Row => ({
  key,
  deviceTypeCode: '',
  deviceSubTypeCode: '',
  make: '',
  model: '',
  busy: false,
  error: null,
  missing: false,
  deviceId: null,
});

function DeviceRowForm({
  row,
  index,
  types,
  onChange,
  onSubmit,
  onRemove,
  canRemove,
}: {
  row: Row;
  index: number;
  types: Catalogue;
  onChange: (patch: Partial<Row>) => void;
  onSubmit: () => void;
  onRemove: () => void;
  canRemove: boolean;
}) {
  const { t } = useTranslation();
  const { field } = useErrorText();
  const id = useId();
  const subTypes = types.find((x) => x.code === row.deviceTypeCode)?.subTypes ?? [];
  const done = row.deviceId !== null;
  const input = (name: 'make' | 'model', label: string) => (
    <div>
      <label htmlFor={`${id}-${name}`} className="field-label">
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        name={name}
        value={row[name]}
        maxLength={36}
        disabled={done}
        dir="auto"
        aria-invalid={row.missing && !row[name].trim()}
        onChange={(e) => onChange({ [name]: e.target.value, error: null })}
        className="field-input"
      />
    </div>
  );
  return (
    <li className="panel p-4" data-testid="device-row" data-state={done ? 'done' : row.error ? 'error' : 'idle'}>
      <fieldset disabled={row.busy}>
        <legend className="text-sm font-semibold text-slate-800">
          {t('devices.addDevices.row', { n: index + 1 })}
        </legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-4">
          <div>
            <label htmlFor={`${id}-type`} className="field-label">
              {t('devices.addDevices.type')}
            </label>
            <select
              id={`${id}-type`}
              name="deviceTypeCode"
              className="field-input"
              value={row.deviceTypeCode}
              disabled={done}
              onChange={(e) => onChange({ deviceTypeCode: e.target.value, deviceSubTypeCode: '', error: null })}
            >
              <option value="" disabled>
                {t('devices.addDevices.chooseType')}
              </option>
              {types.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-sub`} className="field-label">
              {t('devices.addDevices.subType')}
            </label>
            <select
              id={`${id}-sub`}
              name="deviceSubTypeCode"
              className="field-input"
              value={row.deviceSubTypeCode}
              disabled={done || !row.deviceTypeCode}
              onChange={(e) => onChange({ deviceSubTypeCode: e.target.value, error: null })}
            >
              <option value="" disabled>
                {t('devices.addDevices.chooseSubType')}
              </option>
              {subTypes.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
          {input('make', t('devices.cols.make'))}
          {input('model', t('devices.cols.model'))}
        </div>
        {row.missing && [row.deviceTypeCode, row.deviceSubTypeCode, row.make, row.model].some((v) => !v.trim()) ? (
          <p className="field-error mt-2" data-testid="device-row-missing">
            {field('required')}
          </p>
        ) : null}
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {done ? (
            <p
              role="status"
              className="rounded-md bg-ok-bg px-3 py-1 text-sm text-ok-fg"
              data-testid="device-row-result"
            >
              {t('devices.addDevices.submitted', { id: row.deviceId })}
            </p>
          ) : (
            <>
              <button
                type="button"
                className="btn btn-primary"
                onClick={onSubmit}
                aria-busy={row.busy}
                data-testid="device-row-submit"
              >
                {t('devices.addDevices.submitRow')}
              </button>
              {canRemove ? (
                <button type="button" className="btn btn-quiet" onClick={onRemove} data-testid="device-row-remove">
                  {t('devices.addDevices.removeRow', { n: index + 1 })}
                </button>
              ) : null}
            </>
          )}
          {row.error ? (
            <div className="w-full" data-testid="device-row-error" data-code={row.error.code}>
              <FormError error={row.error} />
            </div>
          ) : null}
        </div>
      </fieldset>
    </li>
  );
}

/** Add Devices (pms.md §5.3): repeating rows, each submitted on its own with its own result. */
export function AddDevicesScreen() {
  const { t } = useTranslation();
  const addDevice = useCommand('devices.add');
  const sbiId = useRoute().query.get('sbiId');
  const { data: sbi, error: sbiError } = useRecord('sbis.get', sbiId ? { sbiId } : null);
  const types: Catalogue = useRecord('deviceCatalogue.list', {}).data?.types ?? [];
  // Opened from device onboarding: one row per device the SBI reported (issue 6).
  const prefill = useDevicesPrefill();
  const [rows, setRows] = useState<Row[]>(() =>
    prefill?.rows.length ? prefill.rows.slice(0, MAX_ROWS).map((r, i) => ({ ...blank(i + 1), ...r })) : [blank(1)],
  );
  const next = useRef(rows.length + 1);
  const dirty = rows.some((r) => r.deviceId === null && (r.make || r.model || r.deviceTypeCode));
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  });
  useUnsavedGuard(useCallback(() => dirtyRef.current, []));
  const patch = (key: number, p: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r)));

  async function submit(row: Row) {
    if (!sbiId) return;
    if ([row.deviceTypeCode, row.deviceSubTypeCode, row.make, row.model].some((v) => !v.trim()))
      return patch(row.key, { missing: true });
    patch(row.key, { busy: true, error: null, missing: false });
    try {
      const d = await addDevice.call({
        sbiId,
        deviceTypeCode: row.deviceTypeCode,
        deviceSubTypeCode: row.deviceSubTypeCode,
        make: row.make,
        model: row.model,
      });
      patch(row.key, { busy: false, deviceId: d.deviceId });
    } catch (e) {
      patch(row.key, { busy: false, error: toApiError(e) });
    }
  }

  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title={t('devices.addDevices.title')}
        description={sbi ? t('devices.addDevices.description', { version: sbi.sbiVersion }) : undefined}
        back={{ to: '/provider/sbis', label: t('devices.addDevices.back') }}
      />
      <FormError error={sbiError} />
      <PrefillNote source={prefill?.source} />
      {sbi && !sbi.canAddDevices ? (
        <p role="note" className="rounded-md bg-wait-bg p-3 text-sm text-wait-fg" data-testid="add-devices-blocked">
          {t('devices.addDevices.sbiNotLive')}
        </p>
      ) : null}
      <ol className="space-y-3" data-testid="add-devices-form">
        {rows.map((row, i) => (
          <DeviceRowForm
            key={row.key}
            row={row}
            index={i}
            types={types}
            canRemove={rows.length > 1}
            onChange={(p) => patch(row.key, p)}
            onSubmit={() => void submit(row)}
            onRemove={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}
          />
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={rows.length >= MAX_ROWS}
          onClick={() => setRows((rs) => [...rs, blank(next.current++)])}
          data-testid="add-device-row"
        >
          {t('devices.addDevices.addRow')}
        </button>
        {rows.length >= MAX_ROWS ? (
          <span className="text-sm text-slate-600">{t('devices.addDevices.limit')}</span>
        ) : null}
      </div>
    </div>
  );
}
