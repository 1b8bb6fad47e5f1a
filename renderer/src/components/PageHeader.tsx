import type { ReactNode } from 'react';
import { Link } from '../router/Link.tsx';

/** A page's title, its description, a back link to where it came from, and its actions. */
export function PageHeader({
  title,
  description,
  back,
  actions,
}: {
  title: string;
  description?: string;
  back?: { to: string; label: string };
  actions?: ReactNode;
}) {
  return (
    <div className="space-y-2">
      {back ? (
        <Link
          to={back.to}
          className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline"
          data-testid="back-link"
        >
          <span aria-hidden="true" className="inline-block rtl:rotate-180">
            ‹
          </span>
          {back.label}
        </Link>
      ) : null}
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="page-title">{title}</h1>
          {description ? <p className="mt-1 text-slate-600">{description}</p> : null}
        </div>
        {actions}
      </div>
    </div>
  );
}
