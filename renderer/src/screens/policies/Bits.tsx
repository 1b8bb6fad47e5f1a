import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../router/Link.tsx';

/** A back link to a list, mirrored in Arabic. */
export function BackLink({ to, label }: { to: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="link inline-flex items-center gap-1" data-testid="detail-back">
      <span aria-hidden="true" className="inline-block rtl:rotate-180">
        ‹
      </span>
      {label ?? t('policies.list.back')}
    </Link>
  );
}

/** The confirmation page after a create (pms.md §5.6): heading, description, back link. */
export function DonePage({
  title,
  description,
  back,
  backLabel,
}: {
  title: string;
  description: string;
  back: string;
  backLabel: string;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section data-testid="confirmation" className="mx-auto max-w-xl py-4 text-center">
      <div
        aria-hidden="true"
        className="mx-auto grid size-12 place-items-center rounded-full bg-ok-bg text-xl text-ok-fg"
      >
        ✓
      </div>
      <h1 ref={headingRef} tabIndex={-1} className="page-title mt-4">
        {title}
      </h1>
      <p className="mt-2 text-slate-700">{description}</p>
      <Link to={back} className="btn btn-primary mt-6" data-testid="confirmation-back">
        {backLabel}
      </Link>
    </section>
  );
}

/** Policy Groups / Auth Policies / Data Share Policies as navigation tabs. */
export function PolicyTabs({ current }: { current: 'groups' | 'Auth' | 'DataShare' }) {
  const { t } = useTranslation();
  const tabs = [
    ['groups', '/admin/policy-groups'],
    ['Auth', '/admin/policies?type=Auth'],
    ['DataShare', '/admin/policies?type=DataShare'],
  ] as const;
  return (
    <nav
      aria-label={t('policies.tabs.label')}
      className="flex gap-1 border-b border-slate-200"
      data-testid="policy-tabs"
    >
      {tabs.map(([key, to]) => (
        <Link
          key={key}
          to={to}
          aria-current={key === current ? 'page' : undefined}
          data-testid={`policy-tab-${key}`}
          className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${key === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
        >
          {t(`policies.tabs.${key}`)}
        </Link>
      ))}
    </nav>
  );
}
