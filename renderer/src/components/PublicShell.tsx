import type { ReactNode } from 'react';
import { SkipLink } from './SkipLink.tsx';
import { useUi } from '../stores/ui.ts';
import { LanguageSelect } from './LanguageSelect.tsx';
import { BrandMark } from './BrandMark.tsx';

interface PublicShellProps {
  children: ReactNode;
  wide?: boolean;
  /** Pages with their own language field (setup) can hide the picker; default shown. */
  languagePicker?: boolean;
}

/** Signed-out layout: brand, language picker that switches the UI at once, one centred panel. */
export function PublicShell({ children, wide, languagePicker = true }: PublicShellProps) {
  const lang = useUi((s) => s.lang);
  const setLanguage = useUi((s) => s.setLanguage);
  return (
    <div className="flex min-h-screen flex-col bg-linear-to-b from-brand-50 to-slate-50">
      <SkipLink />
      <header className="flex items-center justify-between gap-4 px-6 py-4">
        <BrandMark />
        {languagePicker ? <LanguageSelect compact value={lang} onChange={setLanguage} /> : null}
      </header>
      <main id="main" tabIndex={-1} className="flex flex-1 items-start justify-center px-4 pb-12 pt-4 sm:pt-10">
        <div className={`panel w-full p-6 sm:p-8 ${wide ? 'max-w-3xl' : 'max-w-md'}`}>{children}</div>
      </main>
    </div>
  );
}
