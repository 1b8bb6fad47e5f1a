import { useTranslation } from 'react-i18next';
import { TEXT_REFUSED, isErrorCode } from '../contract.ts';
import type en from '../i18n/en.ts';
import type { ApiError } from '../api/errors.ts';

export type ValidationKey = keyof typeof en.validation;

// TEXT_REFUSED comes from the core (PMS_COR_002's fields): a field whose characters the contract refuses.
const VALIDATION_KEYS: readonly string[] = ['required', 'mismatch', 'invalid', TEXT_REFUSED] satisfies ValidationKey[];

/** Translators for problems: contract error codes, client-side validation keys, whole ApiErrors. */
export function useErrorText() {
  const { t } = useTranslation();
  /** A field problem is either a contract code (from the core) or a validation key (from the form). */
  function field(problem: string): string {
    if (isErrorCode(problem)) return t(`errors.${problem}`);
    if (VALIDATION_KEYS.includes(problem)) return t(`validation.${problem as ValidationKey}`);
    return t('validation.invalid');
  }
  function message(error: ApiError): string {
    return error.network ? t('common.networkError') : t(`errors.${error.code}`);
  }
  function banner(error: ApiError): string {
    return t('common.errorBanner', { code: error.code, message: message(error) });
  }
  return { field, message, banner };
}
