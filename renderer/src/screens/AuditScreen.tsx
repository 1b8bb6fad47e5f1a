import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../components/FormError.tsx';
import { useAudit } from '../stores/audit.ts';
import { AuditFilterForm } from './AuditFilterForm.tsx';
import { AuditPager } from './AuditPager.tsx';
import { AuditTable } from './AuditTable.tsx';

export function AuditScreen() {
  const { t } = useTranslation();
  const load = useAudit((s) => s.load);
  const error = useAudit((s) => s.error);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="space-y-4">
      <div>
        <h1 className="page-title">{t('audit.title')}</h1>
        <p className="mt-1 text-slate-600">{t('audit.description')}</p>
      </div>
      <AuditFilterForm />
      <FormError error={error} />
      <div className="panel overflow-hidden">
        <AuditTable />
        <AuditPager />
      </div>
    </div>
  );
}
