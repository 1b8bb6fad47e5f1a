import { useTranslation } from 'react-i18next';
import type { QueueItemView, UserProfile } from '../../contract.ts';
import type { Column } from '../../components/DataTable.tsx';
import { ListView, listIds } from '../../components/ListView.tsx';
import { useList } from '../../data/useList.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import { useUi } from '../../stores/ui.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { objectPath } from './objectLinks.ts';
import { SyncBadge } from './SyncBadge.tsx';
import { useCodeText } from './useSyncStatus.ts';

const STATUSES = ['pending', 'applied', 'conflict'] as const;
const IDS = listIds('sync-queue');

/** The desk's queue: every change made here, pending or decided, with the server's code and reason. */
export function SyncQueueScreen({ user }: { user: UserProfile }) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const codeText = useCodeText();
  const list = useList('sync.queue', {
    id: 'sync-queue',
    sortFieldName: 'seq',
    sortType: 'desc',
    parse: { status: (v) => STATUSES.find((s) => s === v) },
  });
  const verdict = (r: QueueItemView) => {
    if (r.status === 'conflict' && r.code) {
      return (
        <span className="truncate" title={r.message ?? undefined}>
          <span dir="ltr" className="font-mono text-xs" data-testid="queue-code">
            {r.code}
          </span>{' '}
          <span data-testid="queue-reason">{codeText(r.code, r.message)}</span>
        </span>
      );
    }
    if (r.status === 'pending') {
      return r.localError ? (
        <span className="truncate text-wait-fg" data-testid="queue-local-error" data-code={r.localError}>
          {t('sync.queue.notHere', { message: codeText(r.localError) })}
        </span>
      ) : (
        <span className="text-slate-500">{t('sync.queue.waiting')}</span>
      );
    }
    return <span className="text-slate-500">{t('sync.queue.appliedOk')}</span>;
  };
  const columns: Column<QueueItemView>[] = [
    {
      id: 'seq',
      label: t('sync.queue.cols.seq'),
      width: '4rem',
      cell: (r) => <span dir="ltr">{r.seq}</span>,
    },
    {
      id: 'change',
      label: t('sync.queue.cols.change'),
      width: '12rem',
      cell: (r) => (
        <span dir="ltr" className="truncate font-mono text-xs" title={r.method} data-testid="queue-method">
          {r.method}
        </span>
      ),
    },
    {
      id: 'status',
      label: t('sync.queue.cols.status'),
      width: '7rem',
      cell: (r) => <SyncBadge status={r.status} />,
    },
    {
      id: 'verdict',
      label: t('sync.queue.cols.verdict'),
      width: 'minmax(16rem,1fr)',
      flex: true,
      cell: verdict,
    },
    {
      id: 'time',
      label: t('sync.queue.cols.time'),
      width: '11rem',
      cell: (r) => <span title={r.time}>{formatDateTime(r.time, lang)}</span>,
    },
    {
      id: 'serverTime',
      label: t('sync.queue.cols.serverTime'),
      width: '11rem',
      cell: (r) =>
        r.serverTime ? <span title={r.serverTime}>{formatDateTime(r.serverTime, lang)}</span> : t('common.none'),
    },
    {
      id: 'object',
      label: t('sync.queue.cols.object'),
      width: '7rem',
      cell: (r) => {
        const to = objectPath(r.refType, r.refId, user.isAdmin);
        return to ? (
          <Link
            to={to}
            className="btn btn-quiet px-2"
            data-testid="queue-open"
            title={`${r.refType ?? ''} ${r.refId ?? ''}`}
          >
            {t('sync.queue.open')}
          </Link>
        ) : (
          <span dir="ltr" className="truncate font-mono text-xs" title={r.refId ?? undefined}>
            {r.refId ?? t('common.none')}
          </span>
        );
      },
    },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t('sync.queue.title')} description={t('sync.queue.description')} />
      <ListView
        list={list}
        columns={columns}
        rowKey={(r) => String(r.seq)}
        rowData={(r) => ({ status: r.status, method: r.method, seq: String(r.seq) })}
        label={t('sync.queue.title')}
        empty={t('sync.queue.empty')}
        filters={[
          {
            name: 'status',
            label: t('sync.queue.status'),
            options: STATUSES.map((s) => ({ value: s, label: t(`sync.queue.statuses.${s}`) })),
          },
        ]}
        ids={IDS}
        totalLabel={(n) => t('sync.queue.total', { count: n })}
        minWidth="62rem"
      />
    </div>
  );
}
