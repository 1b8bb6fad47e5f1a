import { create } from 'zustand';
import type { Language } from '../contract.ts';
import { applyDocumentLanguage, i18n, isLanguage } from '../i18n/index.ts';

const PREF_KEY = 'pd.lang';

/** The language remembered on this machine for signed-out pages (a preference, not a secret). */
export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(PREF_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // storage can be unavailable (privacy modes); fall back to the browser language
  }
  const nav = navigator.language.slice(0, 2);
  return isLanguage(nav) ? nav : 'en';
}

interface UiState {
  lang: Language;
  setLanguage(lang: Language): void;
}

export const useUi = create<UiState>()((set) => ({
  lang: initialLanguage(),
  setLanguage(lang) {
    void i18n.changeLanguage(lang);
    applyDocumentLanguage(lang);
    try {
      localStorage.setItem(PREF_KEY, lang);
    } catch {
      // ignore: the choice still applies for this window
    }
    set({ lang });
  },
}));
