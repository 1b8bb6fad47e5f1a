import { useTranslation } from 'react-i18next';
import { PublicShell } from '../components/PublicShell.tsx';
import { SetupAdminForm } from './SetupAdminForm.tsx';
import { SetupDemo } from './SetupDemo.tsx';

/** First run: either create the partner admin, or load demo data (pms.md has no equivalent; ours). */
export function SetupScreen() {
  const { t } = useTranslation();
  return (
    <PublicShell wide>
      <h1 className="page-title">{t('setup.title')}</h1>
      <p className="mt-1 text-slate-600">{t('setup.description')}</p>
      <div className="mt-6 grid gap-6 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="setup-admin-title" className="rounded-lg border border-slate-200 p-4" data-testid="setup-admin">
          <h2 id="setup-admin-title" className="text-base font-semibold">
            {t('setup.adminTitle')}
          </h2>
          <p className="mt-1 text-slate-600">{t('setup.adminDescription')}</p>
          <SetupAdminForm />
        </section>
        <section aria-labelledby="setup-demo-title" className="rounded-lg border border-slate-200 bg-slate-50 p-4" data-testid="setup-demo">
          <h2 id="setup-demo-title" className="text-base font-semibold">
            {t('setup.demoTitle')}
          </h2>
          <SetupDemo />
        </section>
      </div>
    </PublicShell>
  );
}
