import { useTranslation } from 'react-i18next';
import { Link } from '../router/Link.tsx';

export function NotAllowedScreen() {
  const { t } = useTranslation();
  return (
    <div className="panel mx-auto max-w-xl p-6 text-center" data-testid="not-allowed">
      <p role="alert" className="text-slate-800">
        {t('common.notAllowed')}
      </p>
      <Link to="/dashboard" className="btn btn-secondary mt-4">
        {t('common.backToDashboard')}
      </Link>
    </div>
  );
}
