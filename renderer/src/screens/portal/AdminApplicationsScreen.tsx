import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPLICATION_STATES, type Output } from '../../contract.ts';
import type { Column } from '../../components/DataTable.tsx';
import { FormError } from '../../components/FormError.tsx';
import { ListView, listIds } from '../../components/ListView.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useList } from '../../data/useList.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useUi } from '../../stores/ui.ts';
import { Link } from '../../router/Link.tsx';

type ApplicationView = Output<'applications.list'>['data'][number];
const IDS = listIds('portal-applications');

/** Review: submitted applications, enrol, or reject with a reason the applicant reads. */
export function AdminApplicationsScreen() {
  const { t } = useTranslation();
  const lang = useUi((s) => s.lang);
  const list = useList('applications.list', {
    id: 'portal-applications',
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    parse: { state: (v) => APPLICATION_STATES.find((s) => s === v) },
  });
  const enroll = useCommand('applications.enroll');
  const reject = useCommand('applications.reject');
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  const actions = (r: ApplicationView) =>
    r.state === 'active' || r.state === 'inprogress' ? (
      <span className="flex gap-2">
        {r.state === 'active' ? (
          <button
            type="button"
            className="btn btn-quiet px-2"
            data-testid="application-enroll"
            onClick={() => void enroll.run({ applicationId: r.applicationId })}
          >
            {t('portal.admin.enroll')}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-quiet px-2"
          data-testid="application-reject"
          onClick={() => {
            setRejecting(r.applicationId);
            setReason('');
          }}
        >
          {t('portal.admin.reject')}
        </button>
      </span>
    ) : null;

  const columns: Column<ApplicationView>[] = [
    {
      id: 'id',
      label: t('portal.admin.applicationId'),
      width: '9rem',
      sort: 'applicationId',
      cell: (r) => (
        <Link
          to={`/applications/view?id=${r.applicationId}`}
          dir="ltr"
          className="font-mono text-xs underline"
          data-testid="application-open"
        >
          {r.applicationId}
        </Link>
      ),
    },
    {
      id: 'program',
      label: t('portal.admin.program'),
      width: 'minmax(10rem,1fr)',
      cell: (r) => r.programName,
    },
    {
      id: 'who',
      label: t('portal.admin.applicant'),
      width: '12rem',
      cell: (r) => (
        <span data-testid="application-applicant">
          {r.registrantName}
          {r.assistedBy ? (
            <span className="block text-xs text-slate-600" data-testid="application-assisted">
              {t('assisted.assistedBy', { name: r.assistedBy.officerName })}
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'state',
      label: t('portal.admin.state'),
      width: '8rem',
      sort: 'state',
      cell: (r) => <span data-testid="application-state">{t(`portal.states.${r.state}`)}</span>,
    },
    {
      id: 'submitted',
      label: t('portal.admin.submitted'),
      width: '11rem',
      sort: 'submittedDateTime',
      cell: (r) => (r.submittedDateTime ? formatDateTime(r.submittedDateTime, lang) : ''),
    },
    { id: 'actions', label: '', width: '12rem', flex: true, cell: actions },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t('portal.admin.applications')} description={t('portal.admin.applicationsDescription')} />
      <FormError error={enroll.error ?? reject.error} />
      {rejecting ? (
        <form
          className="panel space-y-3 p-4"
          data-testid="application-reject-form"
          onSubmit={(e) => {
            e.preventDefault();
            void reject.run({ applicationId: rejecting, reason }).then((done) => done && setRejecting(null));
          }}
        >
          <label className="field-label">
            {t('portal.admin.reason')}
            <textarea
              className="field-input"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="application-reason"
            />
          </label>
          <button
            type="submit"
            className="btn btn-danger"
            disabled={reject.pending}
            data-testid="application-reject-confirm"
          >
            {t('portal.admin.confirmReject')}
          </button>
        </form>
      ) : null}
      <ListView
        list={list}
        columns={columns}
        rowKey={(r) => r.applicationId}
        rowData={(r) => ({ id: r.applicationId, state: r.state })}
        label={t('portal.admin.applications')}
        empty={t('portal.admin.empty')}
        filters={[
          { name: 'registrantName', label: t('portal.admin.applicant') },
          { name: 'applicationId', label: t('portal.admin.applicationId'), ltr: true },
          {
            name: 'state',
            label: t('portal.admin.state'),
            options: APPLICATION_STATES.filter((s) => s !== 'draft').map((s) => ({
              value: s,
              label: t(`portal.states.${s}`),
            })),
          },
        ]}
        ids={IDS}
        totalLabel={(n) => t('portal.admin.appsTotal', { count: n })}
        minWidth="60rem"
      />
    </div>
  );
}
