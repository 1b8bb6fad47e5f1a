import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { navigate } from '../../router/hash.ts';
import { useSystem } from '../../stores/system.ts';
import { SyncCodeExplained, SyncCodeHelp } from './SyncCodeHelp.tsx';
import { SyncProgressBar } from './SyncProgressBar.tsx';

type Values = {
  serverUrl: string;
  fingerprint: string;
  login: string;
  password: string;
  deskName: string;
};
const REQUIRED: readonly (keyof Values)[] = ['serverUrl', 'login', 'password', 'deskName'];
/** Which field a refusal of the join points at. */
const FIELD_OF: Readonly<Record<string, keyof Values>> = {
  PD_SYNC_008: 'fingerprint',
  PD_AUTH_001: 'password',
  PD_AUTH_002: 'login',
  PD_AUTH_007: 'login',
};

/**
 * "Join a server" for an empty desk (`sync.connect`): URL, pinned fingerprint, the user's server
 * account and a desk name. The join ends with the first full sync, whose progress is read from
 * the public `sync.activity` while the command runs (nobody is signed in yet) and which "Cancel"
 * abandons, leaving the desk empty.
 */
export function JoinServerForm() {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>({
    serverUrl: '',
    fingerprint: '',
    login: '',
    password: '',
    deskName: '',
  });
  const [missing, setMissing] = useState<Partial<Record<keyof Values, string>>>({});
  const connect = useCommand('sync.connect');
  const cancel = useCommand('sync.cancel');
  const activity = useRecord('sync.activity', {}, { pollMs: connect.pending ? 400 : false });
  const set = (name: keyof Values) => (value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setMissing((m) => ({ ...m, [name]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = Object.fromEntries(REQUIRED.filter((n) => !values[n].trim()).map((n) => [n, 'required']));
    setMissing(problems);
    if (Object.keys(problems).length > 0) return;
    cancel.reset();
    const fingerprint = values.fingerprint.trim();
    const joined = await connect.run({
      serverUrl: values.serverUrl.trim(),
      login: values.login.trim(),
      password: values.password,
      deskName: values.deskName.trim(),
      ...(fingerprint ? { fingerprint } : {}),
    });
    if (!joined) return;
    useSystem.getState().markSetupDone();
    navigate('/done/desk-joined', { force: true, replace: true });
  }

  const code = connect.error?.code;
  const pointed = code ? FIELD_OF[code] : undefined;
  const field = (name: keyof Values) => ({
    name,
    value: values[name],
    onChange: set(name),
    error: missing[name] ?? (pointed === name ? code : undefined),
  });
  const progress = connect.pending ? (activity.data?.progress ?? null) : null;
  const cancelled = code === 'PD_SYNC_013';
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="mt-4 space-y-4" data-testid="join-form">
      {cancelled ? (
        <p
          role="status"
          className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm"
          data-testid="join-cancelled"
        >
          {t('sync.join.cancelled')}
        </p>
      ) : (
        <>
          <FormError error={connect.error} />
          <SyncCodeExplained code={code} />
        </>
      )}
      <TextField
        label={t('sync.join.serverUrl')}
        hint={t('sync.join.serverUrlHint')}
        dir="ltr"
        autoComplete="url"
        required
        {...field('serverUrl')}
      />
      <TextField
        label={t('sync.join.fingerprint')}
        hint={t('sync.join.fingerprintHint')}
        dir="ltr"
        {...field('fingerprint')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('sync.join.login')} dir="ltr" autoComplete="username" required {...field('login')} />
        <TextField
          label={t('sync.join.password')}
          type="password"
          autoComplete="current-password"
          required
          {...field('password')}
        />
      </div>
      <TextField label={t('sync.join.deskName')} hint={t('sync.join.deskNameHint')} required {...field('deskName')} />
      {connect.pending ? (
        <div className="space-y-2" data-testid="join-progress">
          {progress?.phase === 'pull' ? (
            <SyncProgressBar progress={progress} label={t('sync.bar.firstSync')} testId="join-progress-bar" />
          ) : (
            <p role="status" className="text-sm text-slate-600">
              {t('sync.join.progressUnknown')}
            </p>
          )}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={connect.pending}
          aria-busy={connect.pending}
          data-testid="join-submit"
        >
          {connect.pending ? t('sync.join.joining') : t('sync.join.submit')}
        </button>
        {connect.pending ? (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void cancel.run({})}
            disabled={cancel.pending}
            data-testid="join-cancel"
          >
            {t('sync.join.cancel')}
          </button>
        ) : null}
      </div>
      <SyncCodeHelp />
    </form>
  );
}
