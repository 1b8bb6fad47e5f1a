import { useTranslation } from 'react-i18next';
import { useCommand } from '../data/useCommand.ts';
import { LANGUAGES, PARTNER_TYPES, type Language } from '../contract.ts';
import { SelectField, TextField } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { PasswordRules } from '../components/PasswordRules.tsx';
import { PublicShell } from '../components/PublicShell.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { requireFields, useForm, type FieldErrors } from '../hooks/useForm.ts';
import { navigate } from '../router/hash.ts';
import { Link } from '../router/Link.tsx';
import { useUi } from '../stores/ui.ts';

const REQUIRED = [
  'firstName',
  'lastName',
  'orgName',
  'partnerType',
  'address',
  'email',
  'phone',
  'username',
  'password',
  'confirmPassword',
] as const;

export function RegisterScreen() {
  const { t } = useTranslation();
  const registerCommand = useCommand('auth.register');
  const uiLang = useUi((s) => s.lang);
  const form = useForm({
    initial: {
      firstName: '',
      lastName: '',
      orgName: '',
      partnerType: '',
      address: '',
      email: '',
      phone: '',
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
      PMS_PRT_010: 'partnerType',
      PMS_PRT_011: 'email',
      PMS_PRT_012: 'email',
      PMS_PRT_013: 'phone',
      PMS_PRT_051: 'username',
      PMS_PRT_052: 'username',
      PMS_PRT_066: 'username',
      PMS_PRT_056: 'lang',
      PD_PWD_001: 'password',
    },
    onSubmit: async (v) => {
      await registerCommand.call({
        firstName: v.firstName,
        lastName: v.lastName,
        orgName: v.orgName,
        partnerType: v.partnerType,
        address: v.address,
        email: v.email.trim(),
        phone: v.phone.trim(),
        username: v.username,
        password: v.password,
        lang: v.lang as Language,
      });
      navigate('/done/registered', { force: true });
    },
  });
  const text = (name: keyof typeof form.values) => ({
    name,
    value: form.values[name],
    onChange: (value: string) => form.set(name, value),
    error: form.errors[name],
    required: name !== 'lang',
  });

  return (
    <PublicShell wide>
      <h1 className="page-title">{t('register.title')}</h1>
      <p className="mt-1 text-slate-600">{t('register.subtitle')}</p>
      <form noValidate onSubmit={form.handleSubmit} className="mt-6 space-y-4" data-testid="register-form">
        <FormError error={form.formError} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('fields.firstName')} autoComplete="given-name" {...text('firstName')} />
          <TextField label={t('fields.lastName')} autoComplete="family-name" {...text('lastName')} />
          <TextField label={t('fields.orgName')} autoComplete="organization" {...text('orgName')} />
          <SelectField
            label={t('fields.partnerType')}
            placeholder={t('fields.partnerTypePlaceholder')}
            options={PARTNER_TYPES.map((type) => ({
              value: type.code,
              label: t(`partnerTypes.${type.code}`),
            }))}
            {...text('partnerType')}
          />
        </div>
        <TextField label={t('fields.address')} autoComplete="street-address" multiline {...text('address')} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t('fields.email')} type="email" autoComplete="email" dir="ltr" {...text('email')} />
          <TextField label={t('fields.phone')} type="tel" autoComplete="tel" dir="ltr" {...text('phone')} />
          <TextField
            label={t('fields.username')}
            autoComplete="username"
            dir="ltr"
            hint={t('fields.usernameHint')}
            {...text('username')}
          />
          <SelectField
            label={t('fields.lang')}
            options={LANGUAGES.map((lang) => ({ value: lang, label: t(`lang.${lang}`) }))}
            {...text('lang')}
          />
          <TextField
            label={t('fields.password')}
            type="password"
            autoComplete="new-password"
            hint={<PasswordRules password={form.values.password} username={form.values.username} />}
            {...text('password')}
          />
          <TextField
            label={t('fields.confirmPassword')}
            type="password"
            autoComplete="new-password"
            {...text('confirmPassword')}
          />
        </div>
        <div className="flex flex-wrap items-center justify-between gap-4 pt-2">
          <SubmitButton
            busy={form.submitting}
            label={t('register.submit')}
            busyLabel={t('register.submitting')}
            testId="register-submit"
          />
          <p className="text-slate-700">
            {t('register.haveAccount')}{' '}
            <Link to="/login" className="link">
              {t('register.signIn')}
            </Link>
          </p>
        </div>
      </form>
    </PublicShell>
  );
}
