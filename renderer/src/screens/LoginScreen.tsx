import { useTranslation } from 'react-i18next';
import { useCommand } from '../data/useCommand.ts';
import { TextField } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { PublicShell } from '../components/PublicShell.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { requireFields, useForm } from '../hooks/useForm.ts';
import { navigate } from '../router/hash.ts';
import { Link } from '../router/Link.tsx';
import { useSession } from '../stores/session.ts';
import { PortalSignInButton } from './portal/PortalSignIn.tsx';

export function LoginScreen() {
  const { t } = useTranslation();
  const loginCommand = useCommand('auth.login');
  const notice = useSession((s) => s.notice);
  const form = useForm({
    initial: { login: '', password: '' },
    guard: false,
    validate: (v) => requireFields(v, ['login', 'password']),
    onSubmit: async (v) => {
      // As in MOSIP, the UI keeps the language chosen here; the account's own language (e-mails)
      // changes only from the profile page.
      const session = await loginCommand.call({ login: v.login.trim(), password: v.password });
      useSession.getState().signIn(session.token, session.user);
      navigate('/dashboard', { replace: true, force: true });
    },
  });

  return (
    <PublicShell>
      <h1 className="page-title">{t('login.title')}</h1>
      <p className="mt-1 text-slate-600">{t('login.subtitle')}</p>
      {notice ? (
        <div
          role="status"
          data-testid="session-notice"
          data-notice={notice}
          className="mt-4 rounded-md bg-info-bg px-3 py-2 text-info-fg"
        >
          {t(`notices.${notice}`)}
        </div>
      ) : null}
      <form noValidate onSubmit={form.handleSubmit} className="mt-6 space-y-4" data-testid="login-form">
        <FormError error={form.formError} />
        <TextField
          label={t('login.login')}
          name="login"
          value={form.values.login}
          onChange={(v) => form.set('login', v)}
          error={form.errors.login}
          autoComplete="username"
          dir="ltr"
          required
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          value={form.values.password}
          onChange={(v) => form.set('password', v)}
          error={form.errors.password}
          autoComplete="current-password"
          required
        />
        <div className="flex items-center justify-between gap-4">
          <SubmitButton
            busy={form.submitting}
            label={t('login.submit')}
            busyLabel={t('login.submitting')}
            testId="login-submit"
          />
          <Link to="/forgot-password" className="link">
            {t('login.forgot')}
          </Link>
        </div>
      </form>
      <p className="mt-6 border-t border-slate-200 pt-4 text-slate-700">
        {t('login.noAccount')}{' '}
        <Link to="/register" className="link">
          {t('login.register')}
        </Link>
      </p>
      <PortalSignInButton />
    </PublicShell>
  );
}
