import { useTranslation } from 'react-i18next';

export function BrandMark({ inverted }: { inverted?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-2">
      <span
        aria-hidden="true"
        className="grid size-8 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white"
      >
        PD
      </span>
      <span className="flex flex-col leading-tight">
        <span className={`text-base font-semibold ${inverted ? 'text-white' : 'text-brand-900'}`}>{t('app.name')}</span>
        <span className={`text-xs ${inverted ? 'text-brand-100' : 'text-slate-600'}`}>{t('app.tagline')}</span>
      </span>
    </span>
  );
}
