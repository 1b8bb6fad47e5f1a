import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isErrorCode, type Output } from '../../contract.ts';
import { FormError } from '../../components/FormError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useRoute } from '../../router/hash.ts';
import { useUi } from '../../stores/ui.ts';
import { FormioForm, type Answers } from '../portal/FormioForm.tsx';
import { CapturePanel } from './CapturePanel.tsx';
import { ErrorDetail } from './ErrorDetail.tsx';

type Assisted = Output<'assisted.get'>;

/** One assisted application: capture, authentication (or the queue), then the program's form. */
export function AssistedViewScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const assistedId = useRoute().query.get('id') ?? '';
  const record = useRecord('assisted.get', { assistedId });
  const authenticate = useCommand('assisted.authenticate');
  const restart = useCommand('assisted.restart');
  const a = record.data;
  if (!a) return <FormError error={record.error} />;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title={a.programName}
        description={t('assisted.forApplicant', { id: `${a.individualIdType} ${a.individualId}` })}
      />
      <p className="text-sm" data-testid="assisted-state" data-state={a.state}>
        {t(`assisted.states.${a.state}`)}
      </p>
      {a.outcomeCode && a.state !== 'authenticated' && a.state !== 'submitted' ? (
        <p className="text-sm text-bad-fg" data-testid="assisted-outcome">
          {isErrorCode(a.outcomeCode) ? t(`errors.${a.outcomeCode}`) : a.outcomeCode}
        </p>
      ) : null}
      {a.state === 'draft' ? <CapturePanel application={a} /> : null}
      {a.state === 'draft' || a.state === 'waiting' ? (
        <div className="panel space-y-2 p-4">
          {a.state === 'waiting' ? (
            <p role="status" className="text-sm" data-testid="assisted-waiting">
              {t('assisted.waiting', {
                until: a.queueExpiresDateTime ? formatDateTime(a.queueExpiresDateTime, lang) : '',
              })}
            </p>
          ) : null}
          <FormError error={authenticate.error} />
          <ErrorDetail error={authenticate.error} />
          <button
            type="button"
            className="btn btn-primary"
            disabled={authenticate.pending || a.captured.length === 0}
            data-testid="assisted-authenticate"
            onClick={() => void authenticate.run({ assistedId })}
          >
            {a.state === 'waiting' ? t('assisted.tryAgain') : t('assisted.authenticate')}
          </button>
        </div>
      ) : null}
      {a.state === 'refused' ? (
        <div className="panel space-y-2 p-4">
          <FormError error={authenticate.error ?? restart.error} />
          <ErrorDetail error={authenticate.error} />
          <button
            type="button"
            className="btn"
            data-testid="assisted-restart"
            onClick={() => void restart.run({ assistedId })}
          >
            {t('assisted.restart')}
          </button>
        </div>
      ) : null}
      {a.state === 'authenticated' ? <AssistedForm application={a} /> : null}
      {a.state === 'submitted' ? (
        <p className="panel p-4 text-sm" data-testid="assisted-submitted">
          {t('assisted.submittedAs', { id: a.applicationId ?? '' })}
        </p>
      ) : null}
    </div>
  );
}

/** The program's form with the consented claims filled in; the officer completes and submits it. */
function AssistedForm({ application }: { application: Assisted }) {
  const { t } = useTranslation();
  const form = useRecord('assisted.form', { assistedId: application.assistedId });
  const save = useCommand('assisted.saveDraft');
  const submit = useCommand('assisted.submit');
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const data = form.data;
  if (!data) return <FormError error={form.error} />;
  const current = answers ?? { ...data.prefill, ...(data.draft ?? {}) };
  const error = submit.error ?? save.error;
  const problems = error?.code === 'PD_SSP_005' ? error.fields : undefined;
  const input = { assistedId: application.assistedId, data: current };
  return (
    <div className="space-y-3">
      <p className="text-sm" data-testid="assisted-matched">
        {t('assisted.matched')}
      </p>
      <FormError error={error} />
      {notice ? (
        <p role="status" className="text-sm text-ok-fg">
          {notice}
        </p>
      ) : null}
      <div className="panel p-4">
        <FormioForm
          schema={data.form.schema}
          answers={current}
          onChange={setAnswers}
          problems={problems}
          prefilled={new Set(Object.keys(data.prefill))}
        />
      </div>
      <div className="flex gap-3">
        <button
          type="button"
          className="btn"
          disabled={save.pending}
          data-testid="assisted-save"
          onClick={() => void save.run(input).then((r) => r && setNotice(t('assisted.draftSaved')))}
        >
          {t('assisted.saveDraft')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={submit.pending}
          data-testid="assisted-submit"
          onClick={() => void submit.run(input)}
        >
          {t('assisted.submit')}
        </button>
      </div>
    </div>
  );
}
