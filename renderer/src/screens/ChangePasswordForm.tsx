import { useTranslation } from 'react-i18next';
import { useCommand } from '../data/useCommand.ts';
import { TextField } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { PasswordRules } from '../components/PasswordRules.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { requireFields, useForm, type FieldErrors } from '../hooks/useForm.ts';
import { navigate } from '../router/hash.ts';

export function ChangePasswordForm({ username }: { username: string }) {
  const { t } = useTranslation();
  const changePasswordCommand = useCommand('profile.changePassword');
  const form = useForm({
    initial: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: (v) => {
      const errors: FieldErrors<typeof v> = requireFields(v, ['currentPassword', 'newPassword', 'confirmPassword']);
      if (v.newPassword && v.confirmPassword && v.newPassword !== v.confirmPassword)
        errors.confirmPassword = 'mismatch';
      return errors;
    },
    codeFields: { PD_AUTH_006: 'currentPassword', PD_PWD_001: 'newPassword' },
    onSubmit: async (v) => {
      await changePasswordCommand.call({
        currentPassword: v.currentPassword,
        newPassword: v.newPassword,
      });
      navigate('/done/password-changed', { force: true });
    },
  });
  const field = (name: keyof typeof form.values) => ({
    name,
    type: 'password' as const,
    value: form.values[name],
    onChange: (value: string) => form.set(name, value),
    error: form.errors[name],
    required: true,
  });

  return (
    <section aria-labelledby="profile-password" className="panel p-5">
      <h2 id="profile-password" className="text-base font-semibold">
        {t('profile.passwordTitle')}
      </h2>
      <form noValidate onSubmit={form.handleSubmit} className="mt-4 space-y-4" data-testid="change-password-form">
        <FormError error={form.formError} />
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="account" autoComplete="username" value={username} readOnly hidden />
        <TextField label={t('profile.currentPassword')} autoComplete="current-password" {...field('currentPassword')} />
        <TextField
          label={t('profile.newPassword')}
          autoComplete="new-password"
          hint={<PasswordRules password={form.values.newPassword} />}
          {...field('newPassword')}
        />
        <TextField label={t('profile.confirmPassword')} autoComplete="new-password" {...field('confirmPassword')} />
        <SubmitButton
          busy={form.submitting}
          label={t('profile.passwordSubmit')}
          busyLabel={t('profile.passwordSubmitting')}
          testId="change-password-submit"
        />
      </form>
    </section>
  );
}
