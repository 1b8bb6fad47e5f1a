import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../contract.ts';
import { FormError } from '../components/FormError.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useRecord } from '../data/useRecord.ts';
import { localCardsFor } from '../router/routes.ts';
import { DashboardCard, LocalCard } from './DashboardCard.tsx';
import { AdminCharts } from './dashboard/AdminCharts.tsx';

export function DashboardScreen({ user }: { user: UserProfile }) {
  const { t } = useTranslation();
  // Counts change when anyone acts: the summary reads every topic, so any data.changed refetches it.
  const { data: summary, error } = useRecord('dashboard.summary', {});

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="page-title" data-testid="welcome">
          {t('dashboard.welcome', { first: user.firstName, last: user.lastName })}
        </h1>
        {summary ? (
          <span className="inline-flex items-center gap-2 text-slate-600">
            <span className="sr-only">{t('dashboard.accountStatus')}:</span>
            <StatusBadge status={summary.accountStatus} testId="account-status" />
          </span>
        ) : null}
      </div>
      <FormError error={error} />
      {summary ? (
        <ul
          className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3"
          data-testid="dashboard-cards"
          aria-label={t('dashboard.title')}
        >
          {summary.cards.map((card) => (
            <DashboardCard key={card.id} id={card.id} count={card.count} breakdown={card.breakdown} />
          ))}
          {localCardsFor(user).map((card) => (
            <LocalCard key={card.id} path={card.path} />
          ))}
        </ul>
      ) : !error ? (
        <p role="status" className="text-slate-600">
          {t('app.loading')}
        </p>
      ) : null}
      {user.roles.includes('PARTNER_ADMIN') ? <AdminCharts /> : null}
    </div>
  );
}
