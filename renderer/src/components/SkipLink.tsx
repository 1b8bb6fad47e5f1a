import { useTranslation } from 'react-i18next';

/** Moves focus to <main>; a plain #main href would be taken for a route by the hash router. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      onClick={() => document.getElementById('main')?.focus()}
      className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-40 focus:rounded focus:bg-white focus:p-2 focus:text-brand-800"
    >
      {t('app.skipToContent')}
    </button>
  );
}
