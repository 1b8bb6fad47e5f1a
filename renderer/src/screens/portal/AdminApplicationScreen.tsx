import { useTranslation } from 'react-i18next';
import { Facts } from '../../components/Facts.tsx';
import { FormError } from '../../components/FormError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRecord } from '../../data/useRecord.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import { useRoute } from '../../router/hash.ts';
import { useUi } from '../../stores/ui.ts';
import { FormioForm } from './FormioForm.tsx';

const keep = () => undefined;

/**
 * One application as the program administrator reviews it: the applicant's answers shown with the
 * version of the form they answered (read-only), the reject reason, and every state it went through.
 */
export function AdminApplicationScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const id = useRoute().query.get('id') ?? '';
  const review = useRecord('applications.get', { applicationId: id });
  const a = review.data;
  if (!a) return <FormError error={review.error} />;
  return (
    <div className="mx-auto max-w-3xl space-y-4" data-testid="application-detail">
      <PageHeader
        title={t('portal.admin.applicationOf', { name: a.registrantName })}
        description={t('portal.admin.applicationDescription')}
      />
      <p>
        <Link to="/applications" className="underline" data-testid="application-back">
          {t('portal.admin.backToApplications')}
        </Link>
      </p>
      <section className="panel space-y-4 p-4" aria-labelledby="application-facts">
        <h2 id="application-facts" className="text-base font-semibold">
          {t('portal.admin.applicationFacts')}
        </h2>
        <Facts
          items={[
            { label: t('portal.admin.applicationId'), value: <span dir="ltr">{a.applicationId}</span> },
            { label: t('portal.admin.program'), value: a.programName },
            { label: t('portal.admin.applicant'), value: a.registrantName },
            {
              label: t('portal.admin.state'),
              value: t(`portal.states.${a.state}`),
              testId: 'application-detail-state',
            },
            {
              label: t('portal.admin.submitted'),
              value: a.submittedDateTime ? formatDateTime(a.submittedDateTime, lang) : '—',
            },
            {
              label: t('portal.admin.form'),
              value: `${a.form.title} · ${t('portal.admin.version', { version: a.form.version })}`,
            },
          ]}
        />
        {a.rejectReason ? (
          <p
            className="rounded-md border border-red-200 bg-bad-bg px-3 py-2 text-bad-fg"
            data-testid="application-detail-reason"
          >
            {t('portal.applicant.reason', { reason: a.rejectReason })}
          </p>
        ) : null}
      </section>
      <section className="panel space-y-3 p-4" aria-labelledby="application-answers" data-testid="application-answers">
        <h2 id="application-answers" className="text-base font-semibold">
          {t('portal.admin.answers')}
        </h2>
        <FormioForm schema={a.form.schema} answers={a.data} onChange={keep} disabled />
      </section>
      <section className="panel space-y-3 p-4" aria-labelledby="application-history">
        <h2 id="application-history" className="text-base font-semibold">
          {t('portal.admin.history')}
        </h2>
        <ol className="space-y-2" data-testid="application-history">
          {a.history.map((h, i) => (
            <li key={i} className="border-s-2 border-brand-200 ps-3" data-testid="application-history-entry">
              <span className="font-medium" data-testid="application-history-state">
                {t(`portal.states.${h.state}`)}
              </span>{' '}
              <span className="text-sm text-slate-600">
                {formatDateTime(h.dateTime, lang)}
                {' · '}
                {h.by ? t('portal.admin.historyBy', { name: h.by.name }) : t('portal.admin.historyByApplicant')}
              </span>
              {h.reason ? (
                <p className="text-sm" data-testid="application-history-reason">
                  {t('portal.applicant.reason', { reason: h.reason })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
