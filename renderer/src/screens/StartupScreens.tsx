import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/errors.ts';
import { FormError } from '../components/FormError.tsx';

export function Splash() {
  const { t } = useTranslation();
  return (
    <div className="grid min-h-screen place-items-center text-slate-600" role="status" data-testid="splash">
      {t('app.loading')}
    </div>
  );
}

export function Unreachable({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="grid min-h-screen place-items-center p-4">
      <div className="panel max-w-md space-y-4 p-6" data-testid="startup-error">
        <p className="font-medium text-slate-800">{t('app.unreachable')}</p>
        <FormError error={error} />
        <button type="button" className="btn btn-primary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </div>
    </div>
  );
}
