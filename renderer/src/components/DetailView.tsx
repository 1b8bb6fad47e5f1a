import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/errors.ts';
import { FormError } from './FormError.tsx';

interface DetailViewProps<T> {
  /** From useRecord: the record, or why it is not there yet. */
  record: { data: T | undefined; error: ApiError | null };
  /** Back link, header and anything shown before the record arrives. */
  frame: ReactNode;
  /** Replaces the default error banner. */
  errorView?(error: ApiError): ReactNode;
  children(data: T): ReactNode;
}

/** One record's screen: its frame always, then the record, the refusal, or "Loading…". */
export function DetailView<T>({ record, frame, errorView, children }: DetailViewProps<T>) {
  const { t } = useTranslation();
  if (record.data !== undefined) return <>{children(record.data)}</>;
  return (
    <div className="space-y-4">
      {frame}
      {record.error ? (
        (errorView?.(record.error) ?? <FormError error={record.error} />)
      ) : (
        <p role="status" className="text-slate-600">
          {t('app.loading')}
        </p>
      )}
    </div>
  );
}
