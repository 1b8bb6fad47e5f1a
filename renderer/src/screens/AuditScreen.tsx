import { useTranslation } from 'react-i18next';
import { isErrorCode, type AuditRecord } from '../contract.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import type { Column } from '../components/DataTable.tsx';
import { ListView, listIds } from '../components/ListView.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useList } from '../data/useList.ts';
import {
  auditActionLabel,
  auditActionOptions,
  auditModuleLabel,
  auditModuleOptions,
  auditRefTypeLabel,
} from '../lib/audit-words.ts';
import { formatDateTime } from '../lib/format.ts';
import { useUi } from '../stores/ui.ts';

/** A local calendar day's first or last instant, as the ISO timestamp the contract expects. */
function dayBoundary(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const IDS = listIds('audit', {
  table: 'audit-table',
  sort: 'sort-',
  pager: {
    pageSize: 'page-size',
    previous: 'page-previous',
    next: 'page-next',
    indicator: 'page-indicator',
  },
  filters: { apply: 'audit-apply', clear: 'audit-clear' },
});

/** Paging, sorting and filtering all happen in the core (SQL). */
export function AuditScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const list = useList('audit.list', {
    id: 'audit',
    sortFieldName: 'time',
    sortType: 'desc',
    descFirst: ['time'],
    parse: {
      result: (v) => (v === 'success' || v === 'failure' ? v : undefined),
      from: (v) => dayBoundary(v, false),
      to: (v) => dayBoundary(v, true),
    },
  });
  const columns: Column<AuditRecord>[] = [
    {
      id: 'time',
      label: t('audit.time'),
      width: '12rem',
      sort: 'time',
      cell: (r) => <span title={r.time}>{formatDateTime(r.time, lang)}</span>,
    },
    {
      id: 'module',
      label: t('audit.module'),
      width: '10rem',
      sort: 'module',
      cell: (r) => <span title={r.module}>{auditModuleLabel(t, r.module)}</span>,
    },
    {
      id: 'action',
      label: t('audit.action'),
      width: '15rem',
      sort: 'action',
      cell: (r) => (
        <span title={r.action} data-action={r.action}>
          {auditActionLabel(t, r.action)}
        </span>
      ),
    },
    {
      id: 'actor',
      label: t('audit.actor'),
      width: '9rem',
      sort: 'actor',
      cell: (r) => <bdi title={r.actor}>{r.actor}</bdi>,
    },
    {
      id: 'reference',
      label: t('audit.reference'),
      width: 'minmax(12rem,1fr)',
      flex: true,
      cell: (r) =>
        r.refType || r.refId ? (
          <>
            <span className="truncate" title={`${r.refType ?? ''} ${r.refId ?? ''}`.trim()}>
              {r.refType ? <span className="text-slate-500">{auditRefTypeLabel(t, r.refType)}: </span> : null}
              <span dir="ltr" className="font-mono text-xs">
                {r.refId}
              </span>
            </span>
            {r.refId ? <CopyButton value={r.refId} label={t('audit.reference')} /> : null}
          </>
        ) : (
          t('common.none')
        ),
    },
    {
      id: 'result',
      label: t('audit.result'),
      width: '7rem',
      sort: 'result',
      cell: (r) => <StatusBadge status={r.result} />,
    },
    {
      id: 'errorCode',
      label: t('audit.errorCode'),
      width: '8rem',
      cell: (r) =>
        r.errorCode ? (
          <abbr
            title={isErrorCode(r.errorCode) ? t(`errors.${r.errorCode}`) : r.errorCode}
            className="cursor-help font-mono text-xs no-underline"
          >
            {r.errorCode}
          </abbr>
        ) : (
          t('common.none')
        ),
    },
  ];

  return (
    <div className="space-y-4">
      <div>
        <h1 className="page-title">{t('audit.title')}</h1>
        <p className="mt-1 text-slate-600">{t('audit.description')}</p>
      </div>
      <ListView
        list={list}
        columns={columns}
        rowKey={(r) => r.eventId}
        rowData={(r) => ({ 'event-id': r.eventId })}
        label={t('audit.title')}
        empty={t('audit.empty')}
        ids={IDS}
        minWidth="67rem"
        rowHeight={44}
        filters={[
          { name: 'module', label: t('audit.module'), options: auditModuleOptions(t, lang) },
          { name: 'action', label: t('audit.action'), options: auditActionOptions(t, lang) },
          { name: 'actor', label: t('audit.actor'), ltr: true },
          {
            name: 'result',
            label: t('audit.result'),
            options: [
              { value: 'success', label: t('status.success') },
              { value: 'failure', label: t('status.failure') },
            ],
          },
          { name: 'from', label: t('audit.from'), type: 'date' },
          { name: 'to', label: t('audit.to'), type: 'date' },
        ]}
      />
    </div>
  );
}
