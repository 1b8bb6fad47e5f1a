import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../data/useCommand.ts';
import type { Output } from '../contract.ts';
import { toApiError, type ApiError } from '../api/errors.ts';
import { CopyableId } from '../components/CopyButton.tsx';
import { FormError } from '../components/FormError.tsx';
import { navigate } from '../router/hash.ts';
import { useUnsavedGuard } from '../router/useUnsavedGuard.ts';
import { useSystem } from '../stores/system.ts';

type DemoResult = Output<'setup.loadDemo'>;

export function SetupDemo() {
  const { t } = useTranslation();
  const loadDemoCommand = useCommand('setup.loadDemo');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<DemoResult | null>(null);

  // The generated password is shown once: leaving before noting it down deserves a question.
  useUnsavedGuard(useCallback(() => result !== null, [result]));

  async function load() {
    setBusy(true);
    setError(null);
    try {
      setResult(await loadDemoCommand.call({}));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  function continueToLogin() {
    useSystem.getState().markSetupDone();
    navigate('/login', { force: true, replace: true });
  }

  if (result) {
    return (
      <div className="mt-3 space-y-3" data-testid="demo-credentials">
        <h3 className="font-semibold text-ok-fg">{t('setup.demoDoneTitle')}</h3>
        <p className="text-slate-700">
          {t('setup.demoDoneDescription', { users: result.users, partners: result.partners })}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 rounded-md border border-slate-200 bg-white p-3">
          <dt className="text-slate-600">{t('setup.demoLogin')}</dt>
          <dd>
            <CopyableId value={result.adminLogin} label={t('setup.demoLogin')} testId="demo-login" />
          </dd>
          <dt className="text-slate-600">{t('setup.demoPassword')}</dt>
          <dd>
            <CopyableId value={result.password} label={t('setup.demoPassword')} testId="demo-password" />
          </dd>
        </dl>
        <p role="note" className="rounded-md bg-wait-bg px-3 py-2 text-wait-fg">
          {t('setup.demoNote')}
        </p>
        <button type="button" className="btn btn-primary" data-testid="demo-continue" onClick={continueToLogin}>
          {t('setup.continue')}
        </button>
      </div>
    );
  }

  return (
    <div className="mt-1 space-y-3">
      <p className="text-slate-600">{t('setup.demoDescription')}</p>
      <FormError error={error} />
      <button
        type="button"
        className="btn btn-secondary"
        disabled={busy}
        aria-busy={busy}
        data-testid="load-demo"
        onClick={() => void load()}
      >
        {busy ? t('setup.demoLoading') : t('setup.demoButton')}
      </button>
    </div>
  );
}
