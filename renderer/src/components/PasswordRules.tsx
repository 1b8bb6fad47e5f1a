import { useTranslation } from 'react-i18next';

/** Mirrors the core's checkPasswordStrength (PD_PWD_001) so users see what is missing before submitting. */
export const PASSWORD_RULES = {
  minLength: (p: string) => p.length >= 8,
  upper: (p: string) => /[A-Z]/.test(p),
  lower: (p: string) => /[a-z]/.test(p),
  digit: (p: string) => /[0-9]/.test(p),
  symbol: (p: string) => /[^A-Za-z0-9]/.test(p),
} as const;

type Rule = keyof typeof PASSWORD_RULES | 'notUsername';
const RULES = Object.keys(PASSWORD_RULES) as (keyof typeof PASSWORD_RULES)[];

function containsUsername(password: string, username: string): boolean {
  return username.length >= 3 && password.toLowerCase().includes(username.toLowerCase());
}

interface PasswordRulesProps {
  password: string;
  /** When known (registration, setup), also check the "must not contain the username" rule. */
  username?: string;
}

export function PasswordRules({ password, username }: PasswordRulesProps) {
  const { t } = useTranslation();
  const checks: [Rule, boolean][] = RULES.map((rule) => [rule, PASSWORD_RULES[rule](password)]);
  if (username !== undefined)
    checks.push(['notUsername', password.length > 0 && !containsUsername(password, username.trim())]);
  return (
    <div data-testid="password-rules">
      <span>{t('password.rulesTitle')}</span>
      <ul className="mt-1 space-y-0.5">
        {checks.map(([rule, met]) => (
          <li key={rule} className={met ? 'text-ok-fg' : 'text-slate-600'}>
            <span aria-hidden="true" className="me-1 inline-block w-3">
              {met ? '✓' : '•'}
            </span>
            {t(`password.${rule}`)}
            <span className="sr-only"> ({met ? t('password.met') : t('password.unmet')})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
