import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import type { Column } from '../../components/DataTable.tsx';
import { FormError } from '../../components/FormError.tsx';
import { ListView, listIds } from '../../components/ListView.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useList } from '../../data/useList.ts';
import { useRecord } from '../../data/useRecord.ts';
import { Link } from '../../router/Link.tsx';
import { useRoute } from '../../router/hash.ts';

type ProgramView = Output<'programs.list'>['data'][number];
const IDS = listIds('portal-programs');
const STATES = ['active', 'ended'] as const;

/** The program administrator's programs: create, list (filters and paging in SQL), open one. */
export function AdminProgramsScreen() {
  const { t } = useTranslation();
  const list = useList('programs.list', {
    id: 'portal-programs',
    sortFieldName: 'createdDateTime',
    sortType: 'desc',
    parse: { state: (v) => STATES.find((s) => s === v) },
  });
  const create = useCommand('programs.create');
  const [draft, setDraft] = useState({ name: '', description: '', startDate: '', endDate: '' });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const made = await create.run({
      name: draft.name,
      description: draft.description,
      startDate: draft.startDate || null,
      endDate: draft.endDate || null,
    });
    if (made) setDraft({ name: '', description: '', startDate: '', endDate: '' });
  }

  const columns: Column<ProgramView>[] = [
    {
      id: 'name',
      label: t('portal.admin.name'),
      width: 'minmax(12rem,1fr)',
      sort: 'name',
      cell: (r) => (
        <Link to={`/programs/view?id=${r.programId}`} className="truncate underline" data-testid="program-open">
          {r.name}
        </Link>
      ),
    },
    {
      id: 'state',
      label: t('portal.admin.state'),
      width: '7rem',
      sort: 'state',
      cell: (r) => <span data-testid="program-state">{t(`portal.admin.programStates.${r.state}`)}</span>,
    },
    {
      id: 'form',
      label: t('portal.admin.form'),
      width: '14rem',
      cell: (r) =>
        r.formTitle
          ? `${r.formTitle} · ${t('portal.admin.version', { version: r.formVersion })}`
          : t('portal.admin.noForm'),
    },
    {
      id: 'apps',
      label: t('portal.admin.applications'),
      width: '8rem',
      cell: (r) => <span dir="ltr">{r.applicationCount}</span>,
    },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t('portal.admin.programs')} description={t('portal.admin.programsDescription')} />
      <form
        noValidate
        onSubmit={(e) => void submit(e)}
        className="panel grid gap-3 p-4 sm:grid-cols-2"
        data-testid="program-create"
      >
        <h2 className="text-base font-semibold sm:col-span-2">{t('portal.admin.newProgram')}</h2>
        <FormError error={create.error} />
        <label className="field-label">
          {t('portal.admin.name')}
          <input
            className="field-input"
            name="name"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </label>
        <label className="field-label">
          {t('portal.admin.description')}
          <input
            className="field-input"
            name="description"
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
        </label>
        <label className="field-label">
          {t('portal.admin.startDate')}
          <input
            className="field-input"
            type="date"
            dir="ltr"
            name="startDate"
            value={draft.startDate}
            onChange={(e) => setDraft({ ...draft, startDate: e.target.value })}
          />
        </label>
        <label className="field-label">
          {t('portal.admin.endDate')}
          <input
            className="field-input"
            type="date"
            dir="ltr"
            name="endDate"
            value={draft.endDate}
            onChange={(e) => setDraft({ ...draft, endDate: e.target.value })}
          />
        </label>
        <div>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={create.pending}
            data-testid="program-create-submit"
          >
            {t('portal.admin.create')}
          </button>
        </div>
      </form>
      <ListView
        list={list}
        columns={columns}
        rowKey={(r) => r.programId}
        rowData={(r) => ({ name: r.name, state: r.state })}
        label={t('portal.admin.programs')}
        empty={t('portal.admin.empty')}
        filters={[
          { name: 'name', label: t('portal.admin.name') },
          {
            name: 'state',
            label: t('portal.admin.state'),
            options: STATES.map((s) => ({ value: s, label: t(`portal.admin.programStates.${s}`) })),
          },
        ]}
        ids={IDS}
        totalLabel={(n) => t('portal.admin.total', { count: n })}
        minWidth="40rem"
      />
    </div>
  );
}

/** One program: end or re-activate it, and map a portal form (with "multiple submissions allowed"). */
export function AdminProgramScreen() {
  const { t } = useTranslation();
  const id = useRoute().query.get('id') ?? '';
  const program = useRecord('programs.get', { programId: id });
  const forms = useRecord('portalForms.list', { pageSize: 100, latestOnly: false });
  const setState = useCommand('programs.setState');
  const map = useCommand('programs.mapForm');
  const [formId, setFormId] = useState<string | null>(null);
  const [multiple, setMultiple] = useState<boolean | null>(null);
  const p = program.data;
  if (!p) return <FormError error={program.error} />;
  const chosen = formId ?? p.formId ?? '';
  const allowMany = multiple ?? p.multipleSubmissions;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={p.name} description={p.description} />
      <div className="panel space-y-3 p-4">
        <FormError error={setState.error ?? map.error} />
        <p data-testid="program-state">
          {t('portal.admin.state')}: {t(`portal.admin.programStates.${p.state}`)}
        </p>
        <button
          type="button"
          className="btn"
          data-testid="program-toggle-state"
          onClick={() =>
            void setState.run({
              programId: p.programId,
              state: p.state === 'active' ? 'ended' : 'active',
            })
          }
        >
          {p.state === 'active' ? t('portal.admin.end') : t('portal.admin.reactivate')}
        </button>
      </div>
      <div className="panel space-y-3 p-4" data-testid="program-map">
        <label className="field-label">
          {t('portal.admin.form')}
          <select
            className="field-input"
            value={chosen}
            onChange={(e) => setFormId(e.target.value)}
            data-testid="program-map-form"
          >
            <option value="">{t('portal.admin.noForm')}</option>
            {(forms.data?.data ?? []).map((f) => (
              <option
                key={f.formId}
                value={f.formId}
              >{`${f.title} · ${t('portal.admin.version', { version: f.version })}`}</option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={allowMany}
            onChange={(e) => setMultiple(e.target.checked)}
            data-testid="program-map-multiple"
          />{' '}
          {t('portal.admin.multiple')}
        </label>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="program-map-submit"
          onClick={() =>
            void map.run({
              programId: p.programId,
              formId: chosen || null,
              multipleSubmissions: allowMany,
            })
          }
        >
          {t('portal.admin.mapForm')}
        </button>
      </div>
    </div>
  );
}
