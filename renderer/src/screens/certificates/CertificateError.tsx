import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/errors.ts';
import { FormError } from '../../components/FormError.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useUi } from '../../stores/ui.ts';
import { refusalText } from './refusal.ts';

/**
 * The error banner ("CODE — translated message"), the translated explanation when the core sent
 * the values it names (the required minimum validity), and the core's own explanation, which
 * names the certificate's values (the O= it holds, the CA that is missing) but only in English.
 */
export function CertificateError({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  if (!error) return null;
  const refusal = error.network ? null : refusalText(t, (iso) => formatDateTime(iso, lang), error.code, error.params);
  return (
    <div className="space-y-1">
      <FormError error={error} />
      {refusal ? (
        <p className="text-sm text-bad-fg" data-testid="error-refusal">
          {refusal}
        </p>
      ) : null}
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
