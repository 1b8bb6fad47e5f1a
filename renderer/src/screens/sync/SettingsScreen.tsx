import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DeskUpdates, ReleaseSettings } from '../updates/UpdatesSettings.tsx';

/**
 * The deployment's settings (admins): the freeze, the number of days a desk may stay unsynced.
 * It is the server's setting; on a joined desk it is shown as its last sync brought it.
 */
export function SettingsScreen() {
  const { t } = useTranslation();
  const id = useId();
  const settings = useRecord('sync.settings', {});
  const status = useRecord('sync.status', {});
  const save = useCommand('sync.setFreezeDays');
  // null until edited: the field shows the stored value as it arrives
  const [edited, setDays] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const current = settings.data?.freezeDays;
  const days = edited ?? (current !== undefined ? String(current) : '');
  const onDesk = status.data !== undefined && status.data.state !== 'standalone';
  const value = Number(days);
  const valid = days.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= 365;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!valid) return;
    if (await save.run({ days: value })) {
      setSaved(true);
      settings.refetch();
    }
  }

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageHeader title={t('sync.settings.title')} description={t('sync.settings.description')} />
      <form noValidate onSubmit={(e) => void submit(e)} className="panel space-y-4 p-6" data-testid="settings-sync">
        <h2 className="text-base font-semibold">{t('sync.settings.syncTitle')}</h2>
        <FormError error={save.error ?? settings.error} />
        {onDesk ? (
          <p
            className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm"
            data-testid="settings-on-desk"
          >
            {t('sync.settings.onDesk')}
          </p>
        ) : null}
        <div>
          <label htmlFor={id} className="field-label">
            {t('sync.settings.freezeDays')}
          </label>
          <input
            id={id}
            name="freezeDays"
            type="number"
            min={0}
            max={365}
            dir="ltr"
            className="field-input max-w-[10rem]"
            value={days}
            readOnly={onDesk}
            aria-invalid={days !== '' && !valid}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              setDays(e.target.value);
              setSaved(false);
            }}
            data-testid="settings-freeze-days"
          />
          <p id={`${id}-hint`} className="field-hint">
            {t('sync.settings.freezeHint')}
          </p>
          {days !== '' && !valid ? (
            <p className="field-error" data-testid="field-error-freezeDays">
              {t('validation.invalid')}
            </p>
          ) : null}
        </div>
        {onDesk ? null : (
          <div className="flex items-center gap-3">
            <button
              type="submit"
              className="btn btn-primary"
              disabled={save.pending || !valid}
              aria-busy={save.pending}
              data-testid="settings-save"
            >
              {save.pending ? t('sync.settings.saving') : t('sync.settings.save')}
            </button>
            {saved ? (
              <span role="status" className="text-sm text-ok-fg" data-testid="settings-saved">
                {t('sync.settings.saved')}
              </span>
            ) : null}
          </div>
        )}
      </form>
      <DeskUpdates />
      {/* Releases are published on the server; a joined desk follows its server's feed. */}
      {status.data !== undefined && !onDesk ? <ReleaseSettings /> : null}
    </div>
  );
}
