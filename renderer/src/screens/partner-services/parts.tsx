import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../contract.ts';
import type { ApiError } from '../../api/errors.ts';
import { useRecord } from '../../data/useRecord.ts';
import { StatusBadge, type Status } from '../../components/StatusBadge.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import { useUi } from '../../stores/ui.ts';

export type MyPartner = Output<'partners.mine'>['partners'][number];
export type UseVerdict = Output<'apiKeys.get'>['usable'];

/** The caller's partner ids (MOSIP GET /partners/v3), refreshed when partners change. */
export function useMyPartners(input: Input<'partners.mine'>): {
  partners: MyPartner[] | null;
  error: ApiError | null;
} {
  const { data, error } = useRecord('partners.mine', input);
  return { partners: data?.partners ?? null, error };
}

export function linkStatus(status: 'InProgress' | 'approved' | 'rejected' | 'deactivated'): Status {
  return status;
}

export function keyStatus(row: { status: 'activated' | 'deactivated'; isApiKeyExpired: boolean }): Status {
  if (row.status === 'deactivated') return 'deactivated';
  return row.isApiKeyExpired ? 'expired' : 'active';
}

export function clientStatus(status: 'ACTIVE' | 'INACTIVE'): Status {
  return status === 'ACTIVE' ? 'active' : 'deactivated';
}

const YEAR_MS = 365.25 * 86_400_000;
/** MOSIP's default API key lasts 100 years: past 50, an expiry is "never" in practice, and says so. */
const NEVER_AFTER_YEARS = 50;

/** An API key's expiry: the date, or "Never (100 years)" with the date in its title. */
export function KeyExpiry({
  expiry,
  created,
  full = false,
  testId,
}: {
  expiry: string;
  created: string;
  full?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const date = full ? formatDateTime(expiry, lang) : formatDate(expiry, lang);
  const years = Math.round((Date.parse(expiry) - Date.parse(created)) / YEAR_MS);
  if (years < NEVER_AFTER_YEARS)
    return (
      <span className="whitespace-nowrap" data-testid={testId}>
        {date}
      </span>
    );
  return (
    <span className="whitespace-nowrap" title={date} data-testid={testId}>
      {t('partnerServices.apiKeys.neverYears', { count: years })}
    </span>
  );
}

export function DateCell({ iso }: { iso: string }) {
  const lang = useUi((s) => s.lang);
  return <span className="whitespace-nowrap">{formatDate(iso, lang)}</span>;
}

export function Badge({ status, testId }: { status: Status; testId?: string }) {
  return <StatusBadge status={status} testId={testId} />;
}

/** Whether the key/client works right now, in words (the consumer check's verdict). */
export function Verdict({ usable }: { usable: UseVerdict }) {
  const { t } = useTranslation();
  const ok = usable === 'ok';
  return (
    <span
      data-testid="usable"
      data-usable={usable}
      className={`inline-flex rounded-md px-2 py-0.5 text-sm font-medium ${ok ? 'bg-ok-bg text-ok-fg' : 'bg-bad-bg text-bad-fg'}`}
    >
      {t(`partnerServices.verdicts.${usable}`)}
    </span>
  );
}

/** Info mark with an explanation reachable by keyboard and screen readers (pms.md §5.6). */
export function InfoTip({ text, testId }: { text: string; testId?: string }) {
  return (
    <span className="group relative ms-1 inline-flex align-middle">
      <button
        type="button"
        className="grid size-5 place-items-center rounded-full border border-slate-400 text-xs text-slate-600"
        aria-label={text}
        data-testid={testId}
      >
        i
      </button>
      <span
        role="tooltip"
        className="invisible absolute start-0 top-6 z-30 w-72 rounded-md bg-slate-900 p-2 text-xs font-normal text-white shadow group-focus-within:visible group-hover:visible"
      >
        {text}
      </span>
    </span>
  );
}

/** OIDC Clients / API Keys as two links styled as tabs (each list has its own address). */
export function AuthServiceTabs({ current, admin }: { current: 'oidc' | 'apiKeys'; admin: boolean }) {
  const { t } = useTranslation();
  const tabs = admin
    ? ([
        ['oidc', '/admin/auth-services?tab=oidc'],
        ['apiKeys', '/admin/auth-services?tab=apiKeys'],
      ] as const)
    : ([
        ['oidc', '/partner/oidc-clients'],
        ['apiKeys', '/partner/api-keys'],
      ] as const);
  return (
    <nav
      aria-label={t('partnerServices.authServices.title')}
      className="flex gap-1 border-b border-slate-200"
      data-testid="auth-service-tabs"
    >
      {tabs.map(([id, to]) => (
        <Link
          key={id}
          to={to}
          aria-current={id === current ? 'page' : undefined}
          data-testid={`auth-tab-${id}`}
          className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${id === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
        >
          {t(`partnerServices.authServices.tabs.${id}`)}
        </Link>
      ))}
    </nav>
  );
}

/** The caller's partner ids that are approved but deactivated: their keys and clients do not work. */
export function useInactivePartners(): ReadonlySet<string> {
  const { partners } = useMyPartners({});
  const ids = (partners ?? []).filter((p) => p.approvalStatus === 'approved' && !p.isActive).map((p) => p.partnerId);
  const key = ids.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => new Set(ids), [key]);
}

export function UnusableMark() {
  const { t } = useTranslation();
  return (
    <span
      className="whitespace-nowrap rounded-full bg-bad-bg px-2 py-0.5 text-xs font-semibold text-bad-fg"
      data-testid="row-unusable"
    >
      {t('partnerServices.unusable')}
    </span>
  );
}

export function InactivePartnerNote({ ids }: { ids: ReadonlySet<string> }) {
  const { t } = useTranslation();
  if (ids.size === 0) return null;
  return (
    <p
      role="note"
      className="rounded-md border border-red-200 bg-bad-bg px-3 py-2 text-sm text-bad-fg"
      data-testid="inactive-partner-note"
    >
      {t('partnerServices.inactivePartner', { ids: [...ids].join(', ') })}
    </p>
  );
}
