import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
  testId?: string;
}

/** Label/value pairs of a detail view; `wide` lays them out in three columns on large screens. */
export function Facts({ items, testId, wide = false }: { items: readonly Fact[]; testId?: string; wide?: boolean }) {
  return (
    <dl className={`grid gap-x-6 gap-y-3 sm:grid-cols-2 ${wide ? 'lg:grid-cols-3' : ''}`} data-testid={testId}>
      {items.map((item) => (
        <div key={item.label} className="min-w-0">
          <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{item.label}</dt>
          <dd className="mt-0.5 break-words text-slate-900" data-testid={item.testId}>
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
