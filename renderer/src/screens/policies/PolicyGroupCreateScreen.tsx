import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { TextField } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { navigate } from '../../router/hash.ts';
import { Link } from '../../router/Link.tsx';
import { useUnsavedGuard } from '../../router/useUnsavedGuard.ts';
import { BackLink } from './Bits.tsx';

/** `#/admin/policy-groups/create`: name (≤128, unique) and description (≤256) → confirmation page. */
export function PolicyGroupCreateScreen() {
  const { t } = useTranslation();
  const createGroup = useCommand('policyGroups.create');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = useRef(false);
  useUnsavedGuard(useCallback(() => dirty.current, []));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'required';
    else if (name.trim().length > 128) problems.name = 'invalid';
    if (!description.trim()) problems.description = 'required';
    else if (description.trim().length > 256) problems.description = 'invalid';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setError(null);
    try {
      const group = await createGroup.call({ name: name.trim(), description: description.trim() });
      dirty.current = false;
      navigate(`/admin/policy-groups/created?name=${encodeURIComponent(group.name)}`, {
        force: true,
      });
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      setErrors(apiError.fields);
      setBusy(false);
    }
  }

  const edit = (set: (v: string) => void) => (value: string) => {
    dirty.current = true;
    set(value);
  };

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <BackLink to="/admin/policy-groups" label={t('policies.groups.backToGroups')} />
      <h1 className="page-title">{t('policies.groups.createTitle')}</h1>
      <form noValidate onSubmit={(e) => void submit(e)} className="panel space-y-4 p-6" data-testid="group-form">
        <FormError error={error} />
        <TextField
          name="name"
          label={t('policies.groups.name')}
          value={name}
          onChange={edit(setName)}
          error={errors.name}
          hint={t('policies.groups.nameHint')}
          required
        />
        <TextField
          name="description"
          label={t('policies.list.description')}
          value={description}
          onChange={edit(setDescription)}
          error={errors.description}
          hint={t('policies.groups.descriptionHint')}
          required
          multiline
        />
        <div className="flex flex-wrap justify-end gap-2">
          <Link to="/admin/policy-groups" className="btn btn-secondary">
            {t('policies.form.cancel')}
          </Link>
          <SubmitButton
            busy={busy}
            label={t('policies.groups.submit')}
            busyLabel={t('policies.list.saving')}
            testId="group-submit"
          />
        </div>
      </form>
    </div>
  );
}
