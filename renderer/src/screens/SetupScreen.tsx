import { useTranslation } from 'react-i18next';
import { PublicShell } from '../components/PublicShell.tsx';
import { SetupAdminForm } from './SetupAdminForm.tsx';
import { SetupDemo } from './SetupDemo.tsx';
import { DataProvider } from '../data/DataProvider.tsx';
import { JoinServerForm } from './sync/JoinServerForm.tsx';

/** First run: create the partner admin, load demo data (pms.md has no equivalent; ours), or join a server. */
export function SetupScreen() {
  const { t } = useTranslation();
  return (
    <PublicShell wide>
      <h1 className="page-title">{t('setup.title')}</h1>
      <p className="mt-1 text-slate-600">{t('setup.description')}</p>
      <div className="mt-6 grid gap-6 lg:grid-cols-[3fr_2fr]">
        <section
          aria-labelledby="setup-admin-title"
          className="rounded-lg border border-slate-200 p-4"
          data-testid="setup-admin"
        >
          <h2 id="setup-admin-title" className="text-base font-semibold">
            {t('setup.adminTitle')}
          </h2>
          <p className="mt-1 text-slate-600">{t('setup.adminDescription')}</p>
          <SetupAdminForm />
        </section>
        <section
          aria-labelledby="setup-demo-title"
          className="rounded-lg border border-slate-200 bg-slate-50 p-4"
          data-testid="setup-demo"
        >
          <h2 id="setup-demo-title" className="text-base font-semibold">
            {t('setup.demoTitle')}
          </h2>
          <SetupDemo />
        </section>
        <section
          aria-labelledby="setup-join-title"
          className="rounded-lg border border-slate-200 p-4 lg:col-span-2"
          data-testid="setup-join"
        >
          <h2 id="setup-join-title" className="text-base font-semibold">
            {t('sync.join.title')}
          </h2>
          <p className="mt-1 text-slate-600">{t('sync.join.description')}</p>
          <DataProvider>
            <JoinServerForm />
          </DataProvider>
        </section>
      </div>
    </PublicShell>
  );
}
