import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/errors.ts';
import { FormError } from '../../components/FormError.tsx';

/**
 * The error banner ("CODE — translated message") plus the core's own explanation, which names
 * the certificate's values (the O= it holds, the CA that is missing) but only in English.
 */
export function CertificateError({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="space-y-1">
      <FormError error={error} />
      {!error.network && error.message ? (
        <details className="text-xs text-slate-600" data-testid="error-detail">
          <summary className="cursor-pointer">{t('certificates.technicalDetail')}</summary>
          <p className="mt-1 break-words font-mono">
            <bdi dir="ltr">{error.message}</bdi>
          </p>
        </details>
      ) : null}
    </div>
  );
}
