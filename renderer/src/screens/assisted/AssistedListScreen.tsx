import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import { navigate } from '../../router/hash.ts';
import { useUi } from '../../stores/ui.ts';

/** The officer's assisted applications, newest first, with where each stands (waiting is said plainly). */
export function AssistedListScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const list = useRecord('assisted.list', { pageSize: 100 });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('assisted.title')} description={t('assisted.description')} />
      <Link to="/assisted/new" className="btn btn-primary" data-testid="assisted-new">
        {t('assisted.new')}
      </Link>
      <FormError error={list.error} />
      <ul className="space-y-3" data-testid="assisted-list">
        {(list.data?.data ?? []).map((a) => (
          <li key={a.assistedId} className="panel p-4" data-testid="assisted-item" data-state={a.state}>
            <Link to={`/assisted/view?id=${a.assistedId}`} className="font-semibold">
              {a.programName}
            </Link>
            <p className="text-sm">
              <span dir="ltr" className="font-mono">
                {a.individualIdType} {a.individualId}
              </span>{' '}
              · <span>{t(`assisted.states.${a.state}`)}</span> · {formatDateTime(a.updatedDateTime, lang)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Opens an assisted application: the applicant's UIN/VID, the program, the applicant's consent (required). */
export function AssistedNewScreen() {
  const { t } = useTranslation();
  const programs = useRecord('assisted.programs', { pageSize: 100 });
  const open = useCommand('assisted.open');
  const [idType, setIdType] = useState<'UIN' | 'VID'>('UIN');
  const [individualId, setIndividualId] = useState('');
  const [programId, setProgramId] = useState('');
  const [consent, setConsent] = useState(false);
  const submit = () =>
    void open.run({ individualIdType: idType, individualId, programId, consent }).then((r) => {
      if (r) navigate(`/assisted/view?id=${r.assistedId}`);
    });
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <PageHeader title={t('assisted.new')} description={t('assisted.newDescription')} />
      <FormError error={open.error ?? programs.error} />
      <form
        className="panel space-y-3 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="block text-sm">
          {t('assisted.idType')}
          <select
            className="input mt-1 block w-full"
            value={idType}
            data-testid="assisted-id-type"
            onChange={(e) => setIdType(e.target.value === 'VID' ? 'VID' : 'UIN')}
          >
            <option value="UIN">UIN</option>
            <option value="VID">VID</option>
          </select>
        </label>
        <label className="block text-sm">
          {t('assisted.individualId')}
          <input
            className="input mt-1 block w-full font-mono"
            dir="ltr"
            inputMode="numeric"
            value={individualId}
            data-testid="assisted-individual-id"
            onChange={(e) => setIndividualId(e.target.value)}
          />
        </label>
        <label className="block text-sm">
          {t('assisted.program')}
          <select
            className="input mt-1 block w-full"
            value={programId}
            data-testid="assisted-program"
            onChange={(e) => setProgramId(e.target.value)}
          >
            <option value="">{t('assisted.chooseProgram')}</option>
            {(programs.data?.data ?? []).map((p) => (
              <option key={p.programId} value={p.programId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            checked={consent}
            data-testid="assisted-consent"
            onChange={(e) => setConsent(e.target.checked)}
          />
          <span>{t('assisted.consent')}</span>
        </label>
        <button type="submit" className="btn btn-primary" disabled={open.pending} data-testid="assisted-open">
          {t('assisted.open')}
        </button>
      </form>
    </div>
  );
}
