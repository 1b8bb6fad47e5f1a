import { useTranslation } from 'react-i18next';
import { useSyncStatus } from './useSyncStatus.ts';

/**
 * Under a key generated on a desk joined to a server: the key is checked by the server, so it
 * works only once the server has accepted the queued command (docs/sync.md); nothing on a
 * standalone desk or online.
 */
export function ApiKeySyncNote() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  if (!status || status.state === 'standalone') return null;
  return (
    <p
      role="note"
      className="mt-3 rounded-md border border-info-fg/30 bg-info-bg p-3 text-sm text-info-fg"
      data-testid="api-key-sync-note"
      data-pending={status.pending}
    >
      {t('sync.apiKey.offline')}
      {status.pending > 0 ? <> {t('sync.apiKey.pending', { count: status.pending })}</> : null}
    </p>
  );
}
