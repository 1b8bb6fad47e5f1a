import { useTranslation } from 'react-i18next';
import { useCommand } from '../data/useCommand.ts';
import { TextField } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { PublicShell } from '../components/PublicShell.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { requireFields, useForm } from '../hooks/useForm.ts';
import { navigate } from '../router/hash.ts';
import { Link } from '../router/Link.tsx';
import { useUi } from '../stores/ui.ts';

export function ForgotPasswordScreen() {
  const { t } = useTranslation();
  const requestPasswordResetCommand = useCommand('auth.requestPasswordReset');
  const lang = useUi((s) => s.lang);
  const form = useForm({
    initial: { email: '' },
    guard: false,
    validate: (v) => requireFields(v, ['email']),
    codeFields: { PMS_PRT_012: 'email' },
    onSubmit: async (v) => {
      await requestPasswordResetCommand.call({ email: v.email.trim(), lang });
      navigate('/done/reset-requested', { force: true });
    },
  });

  return (
    <PublicShell>
      <h1 className="page-title">{t('forgot.title')}</h1>
      <p className="mt-1 text-slate-600">{t('forgot.description')}</p>
      <form noValidate onSubmit={form.handleSubmit} className="mt-6 space-y-4" data-testid="forgot-form">
        <FormError error={form.formError} />
        <TextField
          label={t('fields.email')}
          name="email"
          type="email"
          value={form.values.email}
          onChange={(v) => form.set('email', v)}
          error={form.errors.email}
          autoComplete="email"
          dir="ltr"
          required
        />
        <div className="flex items-center justify-between gap-4">
          <SubmitButton
            busy={form.submitting}
            label={t('forgot.submit')}
            busyLabel={t('forgot.submitting')}
            testId="forgot-submit"
          />
          <Link to="/login" className="link">
            {t('forgot.backToLogin')}
          </Link>
        </div>
      </form>
    </PublicShell>
  );
}
