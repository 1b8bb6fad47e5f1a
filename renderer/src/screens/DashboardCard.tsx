import { useTranslation } from 'react-i18next';
import type { CardId } from '../contract.ts';
import { Link } from '../router/Link.tsx';
import { useSession } from '../stores/session.ts';
import { deviceCardTitle } from './devices/nav.ts';
import { cardRoute } from '../router/routes.ts';
import shellEn from '../i18n/shell.en.ts';

const PARTNER_TEXTS = shellEn.partnerCards;

/** A partner reads what the partner does there; the admin's texts say what the admin reviews. */
function useCardText(id: CardId, isAdmin: boolean): { title: string; description: string } {
  const { t } = useTranslation();
  const description =
    !isAdmin && id in PARTNER_TEXTS
      ? t(`shell.partnerCards.${id as keyof typeof PARTNER_TEXTS}`)
      : t(`dashboard.cards.${id}.description`);
  return { title: t(`dashboard.cards.${id}.title`), description };
}

export function DashboardCard({
  id,
  count,
  breakdown,
}: {
  id: CardId;
  count: number | null;
  breakdown?: Record<string, number> | undefined;
}) {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const isAdmin = user?.isAdmin ?? false;
  // Cards lead to the page of the user's side that the contract lets them open; others are plain tiles.
  const route = user ? cardRoute(id, user) : null;
  // Expiry badges say what they count, with the language's plural forms (Arabic has six).
  const deviceTitle = count === null ? null : deviceCardTitle(id, count, isAdmin, breakdown, t as never);
  const countTitle =
    deviceTitle !== null
      ? deviceTitle
      : count === null
        ? ''
        : id === 'authServices' && !isAdmin
          ? t('partnerServices.counts.authServices', { count })
          : id === 'trustStore' || id === 'partnerCertificate'
            ? t(`dashboard.counts.${id}`, { count })
            : id === 'policyLinking'
              ? t('policies.linking.pendingCount', { count })
              : id === 'assisted'
                ? t('assisted.cardCount', { n: count })
                : t('dashboard.countTitle', { n: count });
  const text = useCardText(id, isAdmin);
  const body = (
    <>
      <div className="flex items-start justify-between gap-3">
        <h2 className="text-base font-semibold text-slate-900">{text.title}</h2>
        {count !== null ? (
          <span
            data-testid={`card-count-${id}`}
            title={countTitle}
            className={`min-w-7 rounded-full px-2 py-0.5 text-center text-xs font-bold ${count > 0 ? 'bg-wait-bg text-wait-fg' : 'bg-off-bg text-off-fg'}`}
          >
            {count}
            <span className="sr-only"> — {countTitle}</span>
          </span>
        ) : null}
      </div>
      <p className="mt-2 text-slate-600" data-testid={`card-description-${id}`}>
        {text.description}
      </p>
    </>
  );
  const base = 'panel block h-full p-5';
  return (
    <li>
      {route ? (
        <Link
          to={route}
          data-testid={`card-${id}`}
          className={`${base} transition hover:border-brand-500 hover:shadow-md`}
        >
          {body}
        </Link>
      ) : (
        <div data-testid={`card-${id}`} className={`${base} bg-slate-50/60`}>
          {body}
        </div>
      )}
    </li>
  );
}

/** A card the route tables add (no count): Devices & hardware. */
export function LocalCard({ path }: { path: string }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link
        to={path}
        data-testid="card-hardware"
        className="panel block h-full p-5 transition hover:border-brand-500 hover:shadow-md"
      >
        <h2 className="text-base font-semibold text-slate-900">{t('shell.hardwareCard.title')}</h2>
        <p className="mt-2 text-slate-600">{t('shell.hardwareCard.description')}</p>
      </Link>
    </li>
  );
}
