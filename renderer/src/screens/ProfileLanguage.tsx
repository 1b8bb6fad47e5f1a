import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../data/useCommand.ts';
import type { Language } from '../contract.ts';
import { toApiError, type ApiError } from '../api/errors.ts';
import { FormError } from '../components/FormError.tsx';
import { LanguageSelect } from '../components/LanguageSelect.tsx';
import { useSession } from '../stores/session.ts';
import { useUi } from '../stores/ui.ts';

/** Saves on change: the account's language (e-mails) and the UI switch together. */
export function ProfileLanguage({ current }: { current: Language }) {
  const { t } = useTranslation();
  const setLanguageCommand = useCommand('profile.setLanguage');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function change(lang: Language) {
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      const user = await setLanguageCommand.call({ lang });
      useSession.getState().setUser(user);
      useUi.getState().setLanguage(user.lang);
      setSaved(true);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="profile-language" className="panel space-y-3 p-5">
      <h2 id="profile-language" className="text-base font-semibold">
        {t('profile.languageTitle')}
      </h2>
      <p className="text-slate-600">{t('profile.languageDescription')}</p>
      <FormError error={error} />
      <LanguageSelect value={current} onChange={(lang) => void change(lang)} disabled={busy} />
      <p role="status" className="text-ok-fg" data-testid="language-saved">
        {saved ? t('profile.languageSaved') : ''}
      </p>
    </section>
  );
}
