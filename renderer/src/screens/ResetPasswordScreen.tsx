import { useTranslation } from 'react-i18next';
import { useCommand } from '../data/useCommand.ts';
import { TextField } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { PasswordRules } from '../components/PasswordRules.tsx';
import { PublicShell } from '../components/PublicShell.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { requireFields, useForm, type FieldErrors } from '../hooks/useForm.ts';
import { navigate, useRoute } from '../router/hash.ts';
import { Link } from '../router/Link.tsx';

export function ResetPasswordScreen() {
  const { t } = useTranslation();
  const resetPasswordCommand = useCommand('auth.resetPassword');
  const token = useRoute().query.get('token') ?? '';
  const form = useForm({
    initial: { newPassword: '', confirmPassword: '' },
    validate: (v) => {
      const errors: FieldErrors<typeof v> = requireFields(v, ['newPassword', 'confirmPassword']);
      if (v.newPassword && v.confirmPassword && v.newPassword !== v.confirmPassword)
        errors.confirmPassword = 'mismatch';
      return errors;
    },
    codeFields: { PD_PWD_001: 'newPassword' },
    onSubmit: async (v) => {
      await resetPasswordCommand.call({ token, newPassword: v.newPassword });
      navigate('/done/password-reset', { force: true, replace: true });
    },
  });

  return (
    <PublicShell>
      <h1 className="page-title">{t('reset.title')}</h1>
      {!token ? (
        <div className="mt-4 space-y-4">
          <p role="alert" data-testid="form-error" className="rounded-md bg-bad-bg px-3 py-2 text-bad-fg">
            {t('reset.missingToken')}
          </p>
          <Link to="/forgot-password" className="link">
            {t('reset.requestNew')}
          </Link>
        </div>
      ) : (
        <>
          <p className="mt-1 text-slate-600">{t('reset.description')}</p>
          <form noValidate onSubmit={form.handleSubmit} className="mt-6 space-y-4" data-testid="reset-form">
            <FormError error={form.formError} />
            {form.formError?.code === 'PD_AUTH_005' ? (
              <Link to="/forgot-password" className="link block">
                {t('reset.requestNew')}
              </Link>
            ) : null}
            <TextField
              label={t('reset.newPassword')}
              name="newPassword"
              type="password"
              value={form.values.newPassword}
              onChange={(v) => form.set('newPassword', v)}
              error={form.errors.newPassword}
              hint={<PasswordRules password={form.values.newPassword} />}
              autoComplete="new-password"
              required
            />
            <TextField
              label={t('reset.confirmPassword')}
              name="confirmPassword"
              type="password"
              value={form.values.confirmPassword}
              onChange={(v) => form.set('confirmPassword', v)}
              error={form.errors.confirmPassword}
              autoComplete="new-password"
              required
            />
            <SubmitButton
              busy={form.submitting}
              label={t('reset.submit')}
              busyLabel={t('reset.submitting')}
              testId="reset-submit"
            />
          </form>
        </>
      )}
    </PublicShell>
  );
}
