import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaType } from '../../lib/certificates.ts';
import { useUi } from '../../stores/ui.ts';

const TABS: readonly CaType[] = ['ROOT', 'INTERMEDIATE'];
export const tabId = (type: CaType) => `trust-tab-${type.toLowerCase()}`;
export const PANEL_ID = 'trust-tab-panel';

/** Root CA / Intermediate CA as an ARIA tab list: arrow keys move (mirrored in Arabic), Home/End jump. */
export function TrustStoreTabs({ caType, onSelect }: { caType: CaType; onSelect(type: CaType): void }) {
  const { t } = useTranslation();
  const rtl = useUi((s) => s.lang) === 'ar';
  const refs = useRef<Partial<Record<CaType, HTMLButtonElement | null>>>({});

  function select(type: CaType) {
    onSelect(type);
    refs.current[type]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = TABS.indexOf(caType);
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
    let next: CaType | undefined;
    if (event.key === forward) next = TABS[(at + 1) % TABS.length];
    else if (event.key === backward) next = TABS[(at - 1 + TABS.length) % TABS.length];
    else if (event.key === 'Home') next = TABS[0];
    else if (event.key === 'End') next = TABS[TABS.length - 1];
    if (!next) return;
    event.preventDefault();
    select(next);
  }

  return (
    <div
      role="tablist"
      aria-label={t('certificates.trustStore.tabs')}
      onKeyDown={onKeyDown}
      className="flex gap-1 border-b border-slate-200"
      data-testid="trust-tabs"
    >
      {TABS.map((type) => {
        const selected = type === caType;
        return (
          <button
            key={type}
            ref={(el) => {
              refs.current[type] = el;
            }}
            id={tabId(type)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={PANEL_ID}
            tabIndex={selected ? 0 : -1}
            onClick={() => select(type)}
            data-testid={`trust-tab-${type}`}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${selected ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t(`certificates.caTypes.${type}`)}
          </button>
        );
      })}
    </div>
  );
}
