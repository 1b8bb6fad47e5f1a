import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { Modal } from '../../components/Modal.tsx';
import { SyncCodeExplained } from './SyncCodeHelp.tsx';

/** The server ended the desk's session: sign in online again (`sync.signIn`), then a round runs. */
export function SyncSignInDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [password, setPassword] = useState('');
  const signIn = useCommand('sync.signIn');
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) return;
    if (await signIn.run({ password })) onClose();
  }
  return (
    <Modal title={t('sync.signIn.title')} onClose={onClose} busy={signIn.pending} testId="sync-signin-dialog">
      <form noValidate onSubmit={(e) => void submit(e)} className="mt-3 space-y-3">
        <p className="text-sm text-slate-700">{t('sync.signIn.description')}</p>
        <FormError error={signIn.error} />
        <SyncCodeExplained code={signIn.error?.code} />
        <div>
          <label htmlFor={id} className="field-label">
            {t('sync.signIn.password')}
          </label>
          <input
            id={id}
            type="password"
            name="password"
            autoComplete="current-password"
            className="field-input"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="sync-signin-password"
          />
        </div>
        <div className="flex justify-end gap-2">
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={signIn.pending}>
            {t('sync.signIn.close')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={signIn.pending || !password}
            aria-busy={signIn.pending}
            data-testid="sync-signin-submit"
          >
            {signIn.pending ? t('sync.signIn.submitting') : t('sync.signIn.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
