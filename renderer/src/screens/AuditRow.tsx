import { useTranslation } from 'react-i18next';
import { isErrorCode, type AuditRecord } from '../contract.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useUi } from '../stores/ui.ts';

export const AUDIT_GRID = 'grid grid-cols-[12rem_8rem_10rem_9rem_minmax(12rem,1fr)_7rem_8rem] items-center';

interface AuditRowProps {
  record: AuditRecord;
  index: number;
  start: number;
  size: number;
}

export function AuditRow({ record, index, start, size }: AuditRowProps) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const code = record.errorCode;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-testid="audit-row"
      data-event-id={record.eventId}
      // Positioning is set through the CSSOM (allowed by the CSP), not a style attribute in markup.
      style={{ position: 'absolute', insetInlineStart: 0, top: 0, width: '100%', height: size, transform: `translateY(${start}px)` }}
      className={`${AUDIT_GRID} border-b border-slate-100 text-slate-800 ${index % 2 ? 'bg-slate-50/60' : 'bg-white'}`}
    >
      <div role="cell" className="px-3 whitespace-nowrap" title={record.time}>
        {formatDateTime(record.time, lang)}
      </div>
      <div role="cell" className="truncate px-3" title={record.module}>
        {record.module}
      </div>
      <div role="cell" className="truncate px-3" title={record.action}>
        {record.action}
      </div>
      <div role="cell" className="truncate px-3" dir="auto" title={record.actor}>
        {record.actor}
      </div>
      <div role="cell" className="flex min-w-0 items-center px-3">
        {record.refType || record.refId ? (
          <>
            <span className="truncate" title={`${record.refType ?? ''} ${record.refId ?? ''}`.trim()}>
              {record.refType ? <span className="text-slate-500">{record.refType}: </span> : null}
              <span dir="ltr" className="font-mono text-xs">
                {record.refId}
              </span>
            </span>
            {record.refId ? <CopyButton value={record.refId} label={t('audit.reference')} /> : null}
          </>
        ) : (
          t('common.none')
        )}
      </div>
      <div role="cell" className="px-3">
        <StatusBadge status={record.result} />
      </div>
      <div role="cell" className="px-3 font-mono text-xs">
        {code ? (
          <abbr title={isErrorCode(code) ? t(`errors.${code}`) : code} className="cursor-help no-underline">
            {code}
          </abbr>
        ) : (
          t('common.none')
        )}
      </div>
    </div>
  );
}
