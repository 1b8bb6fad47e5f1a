import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membershipLabel } from '../../contract.ts';
import { FormError } from '../../components/FormError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router/Link.tsx';
import { useRoute } from '../../router/hash.ts';
import { useUi } from '../../stores/ui.ts';
import { FormioForm, type Answers } from './FormioForm.tsx';

/** Open programs, marked applied or enrolled, with Apply / Apply again where the program allows it. */
export function PortalProgramsScreen() {
  const { t } = useTranslation();
  const programs = useRecord('portal.programs', { pageSize: 100 });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('portal.applicant.programs')} description={t('portal.applicant.programsDescription')} />
      <FormError error={programs.error} />
      <ul className="space-y-3" data-testid="portal-programs">
        {(programs.data?.data ?? []).map((p) => (
          <li
            key={p.programId}
            className="panel flex flex-wrap items-center justify-between gap-3 p-4"
            data-testid="portal-program"
            data-name={p.name}
          >
            <div>
              <h2 className="font-semibold">{p.name}</h2>
              <p className="text-sm text-slate-600">{p.description}</p>
              <p className="text-xs" data-testid="portal-program-status">
                {p.membershipState === 'enrolled'
                  ? t('portal.applicant.enrolled')
                  : p.hasApplied
                    ? t('portal.applicant.applied')
                    : t(`portal.membership.${membershipLabel(p.membershipState)}`)}
                {p.lastApplicationState ? ` · ${t(`portal.states.${p.lastApplicationState}`)}` : ''}
              </p>
            </div>
            {p.canApply ? (
              <Link to={`/portal/apply?program=${p.programId}`} className="btn btn-primary" data-testid="portal-apply">
                {p.hasApplied ? t('portal.applicant.reapply') : t('portal.applicant.apply')}
              </Link>
            ) : (
              <span className="text-sm text-slate-500">{t('portal.applicant.closed')}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Apply: the form auto-filled from the sign-in claims, the saved draft, save and submit; the server's rules per field. */
export function PortalApplyScreen() {
  const { t } = useTranslation();
  const programId = useRoute().query.get('program') ?? '';
  const form = useRecord('portal.form', { programId });
  const save = useCommand('portal.saveDraft');
  const submit = useCommand('portal.submit');
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const data = form.data;
  if (!data) return <FormError error={form.error} />;
  const current = answers ?? { ...data.prefill, ...(data.draft ?? {}) };
  const error = submit.error ?? save.error;
  const problems = error?.code === 'PD_SSP_005' ? error.fields : undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={data.program.name} description={data.program.description} />
      {Object.keys(data.prefill).length > 0 ? (
        <p className="text-sm" data-testid="portal-prefill-note">
          {t('portal.applicant.prefilled')}
        </p>
      ) : null}
      <FormError error={error} />
      {notice ? (
        <p role="status" className="text-sm text-ok-fg" data-testid="portal-notice">
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
          data-testid="portal-save-draft"
          onClick={() =>
            void save.run({ programId, data: current }).then((r) => r && setNotice(t('portal.applicant.draftSaved')))
          }
        >
          {t('portal.applicant.saveDraft')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={submit.pending}
          data-testid="portal-submit"
          onClick={() =>
            void submit
              .run({ programId, data: current })
              .then((r) => r && setNotice(t('portal.applicant.submittedAs', { id: r.applicationId })))
          }
        >
          {t('portal.applicant.submit')}
        </button>
      </div>
    </div>
  );
}

/** Everything the applicant saved or submitted, with its status and, when rejected, the reason. */
export function PortalApplicationsScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const apps = useRecord('portal.applications', { pageSize: 100 });
  const enrolled = useRecord('portal.programs', { pageSize: 100, enrolledOnly: true });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader
        title={t('portal.applicant.myApplications')}
        description={t('portal.applicant.myApplicationsDescription')}
      />
      <FormError error={apps.error} />
      {(enrolled.data?.data.length ?? 0) > 0 ? (
        <p className="text-sm" data-testid="portal-enrolled">
          {t('portal.applicant.enrolled')}: {enrolled.data!.data.map((p) => p.name).join(', ')}
        </p>
      ) : null}
      <ul className="space-y-3" data-testid="portal-applications">
        {(apps.data?.data ?? []).map((a) => (
          <li key={a.applicationId} className="panel p-4" data-testid="portal-application" data-state={a.state}>
            <p className="font-semibold">{a.programName}</p>
            <p className="text-sm">
              <span dir="ltr" className="font-mono">
                {a.applicationId}
              </span>{' '}
              · <span data-testid="portal-application-state">{t(`portal.states.${a.state}`)}</span>
              {a.submittedDateTime ? ` · ${formatDateTime(a.submittedDateTime, lang)}` : ''}
            </p>
            {a.rejectReason ? (
              <p className="text-sm text-bad-fg" data-testid="portal-application-reason">
                {t('portal.applicant.reason', { reason: a.rejectReason })}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The demographic record: shown, edited, saved as a new version. */
export function PortalProfileScreen() {
  const { t } = useTranslation();
  const profile = useRecord('portal.profile', {});
  const update = useCommand('portal.updateProfile');
  const [edits, setEdits] = useState<Record<string, string> | null>(null);
  const [saved, setSaved] = useState(false);
  const p = profile.data;
  if (!p) return <FormError error={profile.error} />;
  const values: Record<string, string> = edits ?? {
    name: p.name,
    ...Object.fromEntries(Object.entries(p.demographics).map(([k, v]) => [k, String(v)])),
  };
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('portal.applicant.profile')} description={t('portal.applicant.profileDescription')} />
      <p className="text-sm" data-testid="portal-profile-version">
        {t('portal.applicant.profileVersion', {
          version: p.version,
          idType: p.idType,
          idValue: p.idValue,
        })}
      </p>
      <FormError error={update.error} />
      <form
        className="panel space-y-3 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          const { name = '', ...rest } = values;
          void update.run({ name, demographics: rest }).then((r) => {
            if (r) {
              setEdits(null);
              setSaved(true);
            }
          });
        }}
      >
        {Object.entries(values).map(([k, v]) => (
          <label key={k} className="field-label">
            {k}
            <input
              className="field-input"
              value={v}
              data-testid={`portal-profile-${k}`}
              onChange={(e) => {
                setSaved(false);
                setEdits({ ...values, [k]: e.target.value });
              }}
            />
          </label>
        ))}
        <button type="submit" className="btn btn-primary" disabled={update.pending} data-testid="portal-profile-save">
          {t('portal.admin.save')}
        </button>
        {saved ? (
          <p role="status" className="text-sm">
            {t('portal.applicant.saved')}
          </p>
        ) : null}
      </form>
    </div>
  );
}
