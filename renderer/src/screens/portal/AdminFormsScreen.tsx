import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { fetchOnce } from '../../data/fetchOnce.ts';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { FormioForm, type Answers } from './FormioForm.tsx';

const STARTER = JSON.stringify(
  {
    display: 'form',
    components: [
      {
        type: 'textfield',
        key: 'name',
        label: 'Full name',
        input: true,
        validate: { required: true },
      },
    ],
  },
  null,
  2,
);

function parse(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Portal forms: Form.io JSON (written here or pasted from OpenG2P's builder) with a live preview
 * in the portal's own renderer; the server refuses what it cannot enforce and versions forms in use.
 */
export function AdminFormsScreen() {
  const { t } = useTranslation();
  const forms = useRecord('portalForms.list', { pageSize: 100 });
  const create = useCommand('portalForms.create');
  const update = useCommand('portalForms.update');
  const [editing, setEditing] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [text, setText] = useState(STARTER);
  const [preview, setPreview] = useState<Answers>({});
  const schema = parse(text);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!schema) return;
    const saved = editing ? await update.run({ formId: editing, title, schema }) : await create.run({ title, schema });
    if (saved) setEditing(saved.formId);
  }

  return (
    <div className="space-y-4">
      <PageHeader title={t('portal.admin.forms')} description={t('portal.admin.formsDescription')} />
      <ul className="panel divide-y divide-slate-200" data-testid="form-list">
        {(forms.data?.data ?? []).map((f) => (
          <li key={f.formId} className="flex items-center justify-between gap-3 px-4 py-2">
            <span>
              {f.title} · {t('portal.admin.version', { version: f.version })}
            </span>
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => {
                setEditing(f.formId);
                setTitle(f.title);
                void fetchInto(f.formId);
              }}
            >
              {t('portal.admin.edit')}
            </button>
          </li>
        ))}
      </ul>
      <form noValidate onSubmit={(e) => void submit(e)} className="grid gap-4 lg:grid-cols-2" data-testid="form-editor">
        <div className="panel space-y-3 p-4">
          <h2 className="text-base font-semibold">{editing ? title : t('portal.admin.newForm')}</h2>
          <FormError error={create.error ?? update.error} />
          <label className="field-label">
            {t('portal.admin.title')}
            <input
              className="field-input"
              name="title"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              data-testid="form-title"
            />
          </label>
          <label className="field-label">
            {t('portal.admin.schema')}
            <textarea
              className="field-input min-h-[20rem] font-mono text-xs"
              dir="ltr"
              spellCheck={false}
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={schema === null}
              data-testid="form-schema"
            />
          </label>
          {schema === null ? <p className="field-error">{t('portal.admin.schemaInvalid')}</p> : null}
          <button
            type="submit"
            className="btn btn-primary"
            disabled={schema === null || create.pending || update.pending}
            data-testid="form-save"
          >
            {t('portal.admin.save')}
          </button>
        </div>
        <div className="panel space-y-3 p-4" data-testid="form-preview">
          <h2 className="text-base font-semibold">{t('portal.admin.preview')}</h2>
          {schema ? <FormioForm schema={schema} answers={preview} onChange={setPreview} /> : null}
        </div>
      </form>
    </div>
  );

  async function fetchInto(formId: string) {
    const f = await fetchOnce('portalForms.get', { formId });
    setText(JSON.stringify(f.schema, null, 2));
  }
}
