import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { useRecord } from '../../data/useRecord.ts';
import { SelectField } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useEvent } from '../../hooks/useEvent.ts';
import { isFinal, useBench, type BenchTarget } from '../../stores/bench.ts';
import { useHardware, useVirtualSbi } from '../../stores/hardware.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PromptDialog, RunPanel } from './BenchRun.tsx';
import { DeviceStatusNote, Note, Section, useDeviceParams } from './parts.tsx';

type BenchCase = Output<'sbi.bench.cases'>['cases'][number];
type Purpose = BenchTarget['purpose'];
const PURPOSES: readonly Purpose[] = ['Registration', 'Auth'];

/** SBI compliance bench: pick device and purpose, see the cases, run with progress, answer prompts, export. */
export function BenchScreen() {
  const { t } = useTranslation();
  const params = useDeviceParams();
  const discovery = useHardware((s) => s.sbi.data);
  const bench = useBench();
  const running = bench.taskId !== null && !isFinal(bench.runState) && !isFinal(bench.progress?.state);
  const [device, setDevice] = useState(params.port !== null ? `${params.port}/${params.deviceId}` : '');
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  // On a virtual SBI the caller may steer, the bench acts on the device itself unless the tester
  // chooses to do it by hand (a newcomer in demo mode is not stopped by "put device 2 in Busy").
  const [autoPrompts, setAutoPrompts] = useState<boolean | null>(null);
  const virtualPort = useVirtualSbi((s) => (s.data?.running ? s.data.port : null));
  const steerable = useVirtualSbi((s) => s.data?.steerable === true);
  useEffect(() => {
    if (!discovery) void useHardware.getState().loadSbi(false);
  }, [discovery]);
  useEffect(() => {
    void useVirtualSbi.getState().load();
  }, []);
  useEvent('task.progress', (p) => useBench.getState().onProgress(p));
  // Back on the screen during a run: catch up with the report (events were missed meanwhile).
  useEffect(() => {
    void useBench.getState().refreshReport();
  }, []);

  const devices = discovery?.devices ?? [];
  // While a run goes on, the pickers show what it runs against.
  const locked = running ? bench.target : null;
  const found = devices.find((d) => `${d.port}/${d.deviceId}` === device);
  // The bench tests a Ready device; the device a run works on stays listed while its status cases change it.
  const choosable = devices.filter(
    (d) => d.deviceStatus === 'Ready' || (locked !== null && d.port === locked.port && d.deviceId === locked.deviceId),
  );
  const notReady = !locked && found !== undefined && found.deviceStatus !== 'Ready' ? found : null;
  const selected = locked ?? (notReady ? undefined : found);
  const devicePurpose =
    found && (PURPOSES as readonly string[]).includes(found.purpose) ? (found.purpose as Purpose) : '';
  const chosenPurpose: Purpose | '' = locked?.purpose ?? (purpose || devicePurpose);
  const isVirtual = selected !== undefined && selected !== null && selected.port === virtualPort && steerable;
  const autoChosen = autoPrompts ?? true;
  const target: BenchTarget | null =
    selected && chosenPurpose
      ? {
          port: selected.port,
          deviceId: selected.deviceId,
          purpose: chosenPurpose,
          autoPrompts: isVirtual && autoChosen,
        }
      : null;

  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title={t('hardware.bench.title')}
        description={t('hardware.bench.description')}
        back={{ to: '/hardware', label: t('hardware.title') }}
      />
      <div className="panel grid gap-4 p-5 sm:grid-cols-2" data-testid="bench-form">
        <SelectField
          name="device"
          label={t('hardware.bench.device')}
          value={selected ? `${selected.port}/${selected.deviceId}` : notReady ? '' : device}
          onChange={setDevice}
          placeholder={t('hardware.bench.chooseDevice')}
          options={choosable.map((d) => ({
            value: `${d.port}/${d.deviceId}`,
            label: `${d.deviceId} · ${d.type} · ${d.port}`,
          }))}
          testId="bench-device"
        />
        <SelectField
          name="purpose"
          label={t('hardware.bench.purpose')}
          value={chosenPurpose}
          onChange={(v) => setPurpose(v as Purpose)}
          placeholder={t('hardware.bench.choosePurpose')}
          options={PURPOSES.map((p) => ({ value: p, label: t(`hardware.bench.purposes.${p}`) }))}
          testId="bench-purpose"
        />
        {isVirtual ? (
          <label className="flex items-start gap-2 text-sm sm:col-span-2">
            <input
              type="checkbox"
              className="mt-1"
              checked={locked ? Boolean(locked.autoPrompts) : autoChosen}
              disabled={running}
              onChange={(e) => setAutoPrompts(e.target.checked)}
              data-testid="bench-auto-prompts"
            />
            <span>
              {t('hardware.bench.autoPrompts')}
              <span className="field-hint block">{t('hardware.bench.autoPromptsHint')}</span>
            </span>
          </label>
        ) : null}
        {discovery && devices.length === 0 ? <Note tone="wait">{t('hardware.bench.noDevice')}</Note> : null}
        {notReady ? (
          <div className="sm:col-span-2">
            <DeviceStatusNote status={notReady.deviceStatus} testId="bench-not-ready" />
          </div>
        ) : null}
      </div>
      <CaseList target={target} running={running} />
      <RunPanel target={target} running={running} />
      {bench.progress?.state === 'prompt' && running ? <PromptDialog virtual={isVirtual} /> : null}
    </div>
  );
}

function CaseList({ target, running }: { target: BenchTarget | null; running: boolean }) {
  const { t } = useTranslation();
  // Keyed by the target: a new choice never shows the old cases.
  const { data, error } = useRecord(
    'sbi.bench.cases',
    target ? { port: target.port, deviceId: target.deviceId, purpose: target.purpose } : null,
  );
  const cases: BenchCase[] | null = data?.cases ?? null;
  if (!target) return null;
  return (
    <Section title={t('hardware.bench.cases.title', { n: cases?.length ?? 0 })} testId="bench-cases">
      <FormError error={error} />
      {cases && cases.length === 0 ? <p className="text-slate-600">{t('hardware.bench.cases.empty')}</p> : null}
      {cases && cases.length > 0 ? (
        <details open={!running} className="text-sm">
          <summary className="cursor-pointer text-slate-700">{t('hardware.bench.cases.show')}</summary>
          <ul className="mt-2 max-h-72 divide-y divide-slate-100 overflow-y-auto" data-testid="bench-case-list">
            {cases.map((c) => (
              <li
                key={c.id}
                className="flex flex-wrap items-baseline gap-x-3 py-1.5"
                data-testid="bench-case-item"
                data-case={c.id}
              >
                <bdi dir="ltr" className="font-mono text-xs text-slate-500">
                  {c.id}
                </bdi>
                <span className="font-medium">
                  <bdi>{c.name}</bdi>
                </span>
                <span className="w-full text-slate-600">
                  <bdi>{c.intent}</bdi>
                </span>
                {c.prompt ? (
                  <span className="rounded-full bg-wait-bg px-2 text-xs text-wait-fg">
                    {t('hardware.bench.cases.needsYou')}
                  </span>
                ) : null}
                {c.mandatedWaitMs > 0 ? (
                  <span className="text-xs text-slate-500">
                    {t('hardware.bench.cases.wait', {
                      seconds: Math.ceil(c.mandatedWaitMs / 1000),
                    })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Section>
  );
}
