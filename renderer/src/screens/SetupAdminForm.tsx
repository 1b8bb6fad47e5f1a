import { useTranslation } from 'react-i18next';
import { useCommand } from '../data/useCommand.ts';
import { LANGUAGES, type Language } from '../contract.ts';
import { SelectField, TextField } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { PasswordRules } from '../components/PasswordRules.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { requireFields, useForm, type FieldErrors } from '../hooks/useForm.ts';
import { navigate } from '../router/hash.ts';
import { useSystem } from '../stores/system.ts';
import { useUi } from '../stores/ui.ts';

const REQUIRED = ['firstName', 'lastName', 'orgName', 'email', 'username', 'password', 'confirmPassword'] as const;

export function SetupAdminForm() {
  const { t } = useTranslation();
  const createAdminCommand = useCommand('setup.createAdmin');
  const uiLang = useUi((s) => s.lang);
  const form = useForm({
    initial: {
      firstName: '',
      lastName: '',
      orgName: '',
      email: '',
      username: '',
      password: '',
      confirmPassword: '',
      lang: uiLang as string,
    },
    validate: (v) => {
      const errors: FieldErrors<typeof v> = requireFields(v, REQUIRED);
      if (v.password && v.confirmPassword && v.password !== v.confirmPassword) errors.confirmPassword = 'mismatch';
      return errors;
    },
    codeFields: {
      PMS_PRT_012: 'email',
      PMS_PRT_052: 'username',
      PMS_PRT_066: 'username',
      PD_PWD_001: 'password',
    },
    onSubmit: async (v) => {
      await createAdminCommand.call({
        firstName: v.firstName,
        lastName: v.lastName,
        orgName: v.orgName,
        email: v.email.trim(),
        username: v.username,
        password: v.password,
        lang: v.lang as Language,
      });
      useSystem.getState().markSetupDone();
      navigate('/done/setup-complete', { force: true, replace: true });
    },
  });
  const field = (name: keyof typeof form.values) => ({
    name,
    value: form.values[name],
    onChange: (value: string) => form.set(name, value),
    error: form.errors[name],
    required: name !== 'lang',
  });

  return (
    <form noValidate onSubmit={form.handleSubmit} className="mt-4 space-y-4" data-testid="setup-admin-form">
      <FormError error={form.formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('fields.firstName')} autoComplete="given-name" {...field('firstName')} />
        <TextField label={t('fields.lastName')} autoComplete="family-name" {...field('lastName')} />
      </div>
      <TextField label={t('fields.orgName')} autoComplete="organization" {...field('orgName')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('fields.email')} type="email" autoComplete="email" dir="ltr" {...field('email')} />
        <TextField label={t('fields.username')} autoComplete="username" dir="ltr" {...field('username')} />
        <TextField
          label={t('fields.password')}
          type="password"
          autoComplete="new-password"
          hint={<PasswordRules password={form.values.password} username={form.values.username} />}
          {...field('password')}
        />
        <TextField
          label={t('fields.confirmPassword')}
          type="password"
          autoComplete="new-password"
          {...field('confirmPassword')}
        />
      </div>
      <SelectField
        label={t('fields.lang')}
        options={LANGUAGES.map((lang) => ({ value: lang, label: t(`lang.${lang}`) }))}
        {...field('lang')}
      />
      <SubmitButton
        busy={form.submitting}
        label={t('setup.createSubmit')}
        busyLabel={t('setup.creating')}
        testId="setup-admin-submit"
      />
    </form>
  );
}
