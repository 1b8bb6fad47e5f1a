import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../../contract.ts';
import { FormError } from '../../components/FormError.tsx';
import { useEvent } from '../../hooks/useEvent.ts';
import { useVirtualSbi, type VirtualState } from '../../stores/hardware.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { hardwareRoles } from './nav.ts';
import { Note, Section } from './parts.tsx';
import { VirtualDevices } from './VirtualDevices.tsx';

const FAULTS = [
  'bad-signature',
  'wrong-hash',
  'millisecond-timestamps',
  'early-timeout',
  'wrong-count',
] as const satisfies readonly NonNullable<VirtualState['fault']>[];

/** The virtual SBI (demos, training, tests): start/stop, delay, fault injection, per-device controls. */
export function VirtualSbiScreen({ user }: { user: UserProfile }) {
  const { t } = useTranslation();
  const { data, error, pending, load, control } = useVirtualSbi();
  useEffect(() => {
    void load();
  }, [load]);
  useEvent('hardware.changed', ({ source }) => {
    if (source === 'virtual') void load();
  });
  const running = data?.running ?? false;
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title={t('hardware.virtual.title')}
        description={t('hardware.virtual.description')}
        back={{ to: '/hardware', label: t('hardware.title') }}
      />
      <FormError error={error} />
      <Section
        title={t('hardware.virtual.service')}
        testId="virtual-service"
        actions={
          running ? (
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => void control({ action: 'stop' })}
              disabled={pending !== null}
              aria-busy={pending === 'stop'}
              data-testid="virtual-stop"
            >
              {t('hardware.virtual.stop')}
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void control({ action: 'start' })}
              disabled={pending !== null || !data}
              aria-busy={pending === 'start'}
              data-testid="virtual-start"
            >
              {t('hardware.virtual.start')}
            </button>
          )
        }
      >
        <p role="status" className="font-medium" data-testid="virtual-state" data-running={running}>
          {running && data?.port ? t('hardware.virtual.running', { port: data.port }) : t('hardware.virtual.stopped')}
        </p>
        {data ? <ServiceControls state={data} /> : null}
      </Section>
      {data && running ? (
        <VirtualDevices state={data} />
      ) : data ? (
        <Note tone="info">{t('hardware.virtual.notRunning')}</Note>
      ) : null}
      {data && hardwareRoles(user).admin ? <TrustRoots trusted={data.rootsTrusted} /> : null}
    </div>
  );
}

function ServiceControls({ state }: { state: VirtualState }) {
  const { t } = useTranslation();
  const { pending, control } = useVirtualSbi();
  // What the user typed, until it is applied; the service's value otherwise.
  const [draft, setDraft] = useState<string | null>(null);
  const delay = draft ?? String(state.delayMs);
  const delayMs = Number(delay);
  const delayValid = delay.trim() !== '' && Number.isInteger(delayMs) && delayMs >= 0 && delayMs <= 60_000;
  return (
    <div className="grid items-start gap-4 sm:grid-cols-2">
      <form
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (delayValid) void control({ action: 'delay', delayMs }, 'delay').then((ok) => ok && setDraft(null));
        }}
      >
        <label className="flex-1">
          <span className="field-label">{t('hardware.virtual.delay')}</span>
          <input
            type="number"
            min={0}
            max={60000}
            step={100}
            className="field-input"
            value={delay}
            onChange={(e) => setDraft(e.target.value)}
            aria-invalid={!delayValid}
            data-testid="virtual-delay"
          />
        </label>
        <button
          type="submit"
          className="btn btn-secondary"
          disabled={!delayValid || pending !== null || !state.running}
          data-testid="virtual-delay-apply"
        >
          {t('hardware.virtual.apply')}
        </button>
      </form>
      <label>
        <span className="field-label">{t('hardware.virtual.fault')}</span>
        <select
          className="field-input"
          value={state.fault ?? ''}
          disabled={pending !== null || !state.running}
          onChange={(e) =>
            void control(
              {
                action: 'fault',
                fault: (FAULTS as readonly string[]).includes(e.target.value)
                  ? (e.target.value as (typeof FAULTS)[number])
                  : null,
              },
              'fault',
            )
          }
          data-testid="virtual-fault"
        >
          <option value="">{t('hardware.virtual.faults.none')}</option>
          {FAULTS.map((f) => (
            <option key={f} value={f}>
              {t(`hardware.virtual.faults.${f}`)}
            </option>
          ))}
        </select>
        <span className="field-hint">{t('hardware.virtual.faultHelp')}</span>
      </label>
    </div>
  );
}

/** Admin: the virtual devices' DEVICE and FTM roots into the trust store in one action. */
function TrustRoots({ trusted }: { trusted: boolean }) {
  const { t } = useTranslation();
  const { pending, trustRoots, error } = useVirtualSbi();
  const [result, setResult] = useState<{ added: number; alreadyPresent: number } | null>(null);
  // Outside a demo the core asks first (PD_TRUST_001): these roots' keys live on this desk.
  const mustConfirm = error?.code === 'PD_TRUST_001';
  return (
    <Section title={t('hardware.virtual.trust.title')} testId="virtual-trust">
      <Note tone={trusted ? 'ok' : 'wait'} testId="virtual-trust-state">
        {trusted ? t('hardware.virtual.trust.trusted') : t('hardware.virtual.trust.notTrusted')}
      </Note>
      {mustConfirm ? (
        <div className="space-y-2" data-testid="virtual-trust-confirm-box">
          <Note tone="bad">{t('hardware.virtual.trust.confirmWarning')}</Note>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void trustRoots(true).then(setResult)}
            disabled={pending !== null}
            aria-busy={pending === 'trustRoots'}
            data-testid="virtual-trust-confirm"
          >
            {t('hardware.virtual.trust.confirm')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void trustRoots().then(setResult)}
          disabled={pending !== null}
          aria-busy={pending === 'trustRoots'}
          data-testid="virtual-trust-roots"
        >
          {t('hardware.virtual.trust.action')}
        </button>
      )}
      {result ? (
        <p role="status" className="text-sm text-slate-700" data-testid="virtual-trust-result">
          {t('hardware.virtual.trust.done', {
            added: result.added,
            present: result.alreadyPresent,
          })}
        </p>
      ) : null}
    </Section>
  );
}
