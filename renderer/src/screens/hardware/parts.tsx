import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { useRoute } from '../../router/hash.ts';
import { parseDeviceQuery } from '../../lib/sbiDevice.ts';

/** A check as discovery and the bench report it (the bench leaves reason and code out when there are none). */
export type Check = Omit<Output<'sbi.discover'>['devices'][number]['checks'][number], 'reason' | 'code'> & {
  reason?: string | null;
  code?: string | null;
};
type CheckResult = Check['result'];

const MARK: Record<CheckResult, { sign: string; tone: string }> = {
  pass: { sign: '✓', tone: 'bg-ok-bg text-ok-fg' },
  fail: { sign: '✗', tone: 'bg-bad-bg text-bad-fg' },
  skip: { sign: '–', tone: 'bg-off-bg text-off-fg' },
};

/** ✓ / ✗ / – with its word, so colour is never the only signal. */
export function ResultMark({ result, testId }: { result: CheckResult; testId?: string }) {
  const { t } = useTranslation();
  const { sign, tone } = MARK[result];
  return (
    <span
      data-testid={testId}
      data-result={result}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${tone}`}
    >
      <span aria-hidden="true">{sign}</span>
      {t(`hardware.checks.${result}`)}
    </span>
  );
}

/** Named checks with their result and, when one did not pass, the reason and its code. */
export function ChecksList({ checks, testId }: { checks: readonly Check[]; testId: string }) {
  const { t } = useTranslation();
  if (checks.length === 0) return <p className="text-sm text-slate-600">{t('hardware.checks.none')}</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white" data-testid={testId}>
      {checks.map((check, i) => (
        <li
          key={`${check.name}-${i}`}
          className="flex flex-wrap items-start gap-x-3 gap-y-1 px-3 py-2 text-sm"
          data-testid={`${testId}-item`}
          data-result={check.result}
        >
          <ResultMark result={check.result} />
          <bdi dir="ltr" className="font-mono text-xs text-slate-800">
            {check.name}
          </bdi>
          {check.reason ? (
            <span className="w-full text-slate-700" data-testid={`${testId}-reason`}>
              <bdi>{check.reason}</bdi>
              {check.code ? (
                <span className="ms-2 text-xs text-slate-500">
                  {t('hardware.checks.code')} <bdi dir="ltr">{check.code}</bdi>
                </span>
              ) : null}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Verified, not verified, or unsigned (an unregistered device's information: nothing to verify, never "verified"). */
export function VerifiedMark({
  verified,
  signed = true,
  testId,
}: {
  verified: boolean;
  signed?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!signed) {
    return (
      <span
        data-testid={testId}
        data-verified={false}
        data-signed={false}
        className="inline-flex items-center gap-1 whitespace-nowrap rounded-full bg-off-bg px-2 py-0.5 text-xs font-semibold text-off-fg"
      >
        <span aria-hidden="true">–</span>
        {t('hardware.sbi.unsigned')}
      </span>
    );
  }
  return (
    <span
      data-testid={testId}
      data-verified={verified}
      data-signed={true}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${verified ? 'bg-ok-bg text-ok-fg' : 'bg-bad-bg text-bad-fg'}`}
    >
      <span aria-hidden="true">{verified ? '✓' : '✗'}</span>
      {verified ? t('hardware.sbi.verified') : t('hardware.sbi.notVerified')}
    </span>
  );
}

type Finding = Output<'sbi.discover'>['devices'][number]['findings'][number];

/** deviceCode ≠ serialNo, or a serialNo against the specification's rule: noted, never a failure. */
export function DeviceFindings({ findings, testId }: { findings: readonly Finding[]; testId: string }) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <ul className="space-y-1 text-sm text-slate-700">
      {findings.map((f) => (
        <li key={f.code} data-testid={testId} data-code={f.code}>
          <span className="me-2 rounded-full bg-info-bg px-2 py-0.5 text-xs font-semibold text-info-fg">
            {t('hardware.sbi.finding')}
          </span>
          <bdi>
            {t(`hardware.sbi.findings.${f.code}`, {
              deviceCode: f.deviceCode,
              serialNo: f.serialNo,
            })}
          </bdi>
        </li>
      ))}
    </ul>
  );
}

/** What a device that is not Ready means for the user, and that onboarding, the bench and the live view wait for Ready. */
export function DeviceStatusNote({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  const known = status === 'Busy' || status === 'Not Ready' || status === 'Not Registered';
  return (
    <Note tone="wait" testId={testId}>
      {known ? <span className="block">{t(`hardware.sbi.advice.${status}`)}</span> : null}
      <span className="block font-semibold">{t('hardware.sbi.advice.needsReady')}</span>
    </Note>
  );
}

const KNOWN_STATUS = ['Ready', 'Busy', 'Not Ready', 'Not Registered'] as const;
type KnownStatus = (typeof KNOWN_STATUS)[number];

/** SBI device status in the user's language; anything the spec does not name is shown as sent. */
export function useDeviceStatusText() {
  const { t } = useTranslation();
  return (status: string) =>
    (KNOWN_STATUS as readonly string[]).includes(status) ? t(`hardware.status.${status as KnownStatus}`) : status;
}
export { KNOWN_STATUS };

/** Registration / Auth in the user's language; an unregistered device's empty purpose as a dash. */
export function usePurposeText() {
  const { t } = useTranslation();
  return (purpose: string) =>
    purpose === 'Registration' || purpose === 'Auth' ? t(`hardware.bench.purposes.${purpose}`) : purpose || '—';
}

export function Section({
  title,
  actions,
  children,
  testId,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  return (
    <section className="panel space-y-3 p-5" aria-label={title} data-testid={testId}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="flex-1 text-base font-semibold text-slate-900">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The device a hardware sub-screen works on: `?port=4501&deviceId=…`. */
export function useDeviceParams(): { port: number | null; deviceId: string } {
  return parseDeviceQuery(useRoute().query);
}

export function Note({
  tone,
  children,
  testId,
}: {
  tone: 'ok' | 'bad' | 'wait' | 'info';
  children: ReactNode;
  testId?: string;
}) {
  const tones = {
    ok: 'bg-ok-bg text-ok-fg',
    bad: 'bg-bad-bg text-bad-fg',
    wait: 'bg-wait-bg text-wait-fg',
    info: 'bg-info-bg text-info-fg',
  };
  return (
    <p role="note" className={`rounded-md p-3 text-sm ${tones[tone]}`} data-testid={testId}>
      {children}
    </p>
  );
}
