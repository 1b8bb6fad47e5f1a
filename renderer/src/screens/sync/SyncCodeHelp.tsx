import { useTranslation } from 'react-i18next';
import { SYNC_CODES, isSyncCode } from './useSyncStatus.ts';

/** What one sync code means and what to do about it (below a refusal). */
export function SyncCodeExplained({ code }: { code: string | null | undefined }) {
  const { t } = useTranslation();
  if (!isSyncCode(code)) return null;
  return (
    <p
      className="mt-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700"
      data-testid="sync-code-explained"
      data-code={code}
    >
      <span className="font-semibold">{t('sync.join.explain')}: </span>
      {t(`sync.codes.${code}`)}
    </p>
  );
}

/** Every sync error code with its meaning: the reference a user joining a server can read first. */
export function SyncCodeHelp() {
  const { t } = useTranslation();
  return (
    <details className="rounded-md border border-slate-200 p-3 text-sm" data-testid="sync-codes">
      <summary className="cursor-pointer font-semibold">{t('sync.join.codesTitle')}</summary>
      <dl className="mt-2 space-y-2">
        {SYNC_CODES.map((code) => (
          <div key={code} data-testid={`sync-code-${code}`}>
            <dt dir="ltr" className="text-start font-mono text-xs text-slate-500">
              {code}
            </dt>
            <dd>
              <span className="font-medium">{t(`errors.${code}`)}</span> {t(`sync.codes.${code}`)}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
