import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/errors.ts';
import { formatDateTime } from '../lib/format.ts';
import { useErrorText } from '../lib/errorText.ts';
import { useUi } from '../stores/ui.ts';

/**
 * Top-of-form banner: "CODE — translated message", announced by screen readers; below it what the
 * core said about attempts left and when to try again (sign-in pauses, wrong current passwords).
 */
export function FormError({ error }: { error: ApiError | null }) {
  const { banner } = useErrorText();
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  if (!error) return null;
  const { attemptsLeft, retryAt } = error.details;
  return (
    <div
      role="alert"
      data-testid="form-error"
      className="rounded-md border border-red-200 bg-bad-bg px-3 py-2 text-sm text-bad-fg"
    >
      {banner(error)}
      {retryAt ? (
        <p className="mt-1" data-testid="form-error-retry">
          {t('common.retryAt', { time: formatDateTime(retryAt, lang) })}
        </p>
      ) : attemptsLeft !== undefined && attemptsLeft > 0 ? (
        <p className="mt-1" data-testid="form-error-attempts">
          {t('common.attemptsLeft', { count: attemptsLeft })}
        </p>
      ) : null}
    </div>
  );
}
