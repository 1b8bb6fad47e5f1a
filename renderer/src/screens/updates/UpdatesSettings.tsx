import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton.tsx';
import { FormError } from '../../components/FormError.tsx';
import { Notice } from '../../components/Notice.tsx';
import type { Output } from '../../contract.ts';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';

type Channel = 'stable' | 'beta';
type Policy = 'automatic' | 'ask' | 'never';
type Releases = Output<'releases.list'>;

/** This desk's own updater: the running version, or, on a page of the server, that the desktop app installs updates. */
export function DeskUpdates() {
  const { t } = useTranslation();
  const status = useRecord('updates.status', {});
  const check = useCommand('updates.check');
  const s = status.data;
  if (!s) return null;
  return (
    <section className="panel space-y-3 p-6" data-testid="settings-desk-updates">
      <h2 className="text-base font-semibold">{t('updates.desk.title')}</h2>
      {!s.supported ? (
        <p className="text-sm" data-testid="updates-web-host">
          {t('updates.desk.web')}
        </p>
      ) : (
        <>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt>{t('updates.desk.running')}</dt>
            <dd dir="ltr" className="text-start">
              {s.runningVersion}
            </dd>
            <dt>{t('updates.desk.channel')}</dt>
            <dd>{t(`updates.admin.channels.${s.channel}`)}</dd>
          </dl>
          {s.phase === 'idle' && !s.lastError && s.checkedAt ? (
            <p className="text-sm">{t('updates.desk.upToDate')}</p>
          ) : null}
          <FormError error={check.error} />
          <button
            type="button"
            className="btn"
            disabled={check.pending || s.phase === 'checking'}
            onClick={() => void check.run({}).then(() => status.refetch())}
            data-testid="updates-check"
          >
            {check.pending ? t('updates.desk.checking') : t('updates.desk.checkNow')}
          </button>
        </>
      )}
    </section>
  );
}

function ChannelForm({ channel, data, onSaved }: { channel: Channel; data: Releases; onSaved: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const current = data.channels.find((c) => c.channel === channel);
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [pinned, setPinned] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useCommand('releases.setChannel');
  const versions = [...new Set(data.releases.filter((r) => r.channel === channel).map((r) => r.version))];
  const chosenPolicy = policy ?? current?.policy ?? 'ask';
  const chosenPin = pinned ?? current?.pinnedVersion ?? '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (
      await save.run({
        channel,
        policy: chosenPolicy,
        pinnedVersion: chosenPin === '' ? null : chosenPin,
      })
    ) {
      setSaved(true);
      onSaved();
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => void submit(e)}
      className="space-y-3 border-t border-slate-200 pt-4"
      data-testid={`updates-channel-${channel}`}
    >
      <h3 className="font-semibold">{t(`updates.admin.channels.${channel}`)}</h3>
      <FormError error={save.error} />
      <div>
        <label htmlFor={`${id}-policy`} className="field-label">
          {t('updates.admin.policy')}
        </label>
        <select
          id={`${id}-policy`}
          className="field-input max-w-md"
          value={chosenPolicy}
          onChange={(e) => setPolicy(e.target.value as Policy)}
          data-testid={`updates-policy-${channel}`}
        >
          {(['automatic', 'ask', 'never'] as const).map((p) => (
            <option key={p} value={p}>
              {t(`updates.admin.policies.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-pin`} className="field-label">
          {t('updates.admin.pinned')}
        </label>
        <select
          id={`${id}-pin`}
          className="field-input max-w-xs"
          value={chosenPin}
          aria-describedby={`${id}-pin-hint`}
          onChange={(e) => setPinned(e.target.value)}
          data-testid={`updates-pin-${channel}`}
        >
          <option value="">{t('updates.admin.notPinned')}</option>
          {versions.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <p id={`${id}-pin-hint`} className="field-hint">
          {t('updates.admin.pinnedHint')}
        </p>
      </div>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={save.pending}
          aria-busy={save.pending}
          data-testid={`updates-save-${channel}`}
        >
          {save.pending ? t('updates.admin.saving') : t('updates.admin.save')}
        </button>
        <Notice text={saved ? t('updates.admin.saved') : null} testId={`updates-saved-${channel}`} />
      </div>
    </form>
  );
}

/** The admin's update settings on the server (or a standalone install): policy and pin per channel, the key desks pin, the releases. */
export function ReleaseSettings() {
  const { t } = useTranslation();
  const list = useRecord('releases.list', {});
  const data = list.data;
  return (
    <section className="panel space-y-4 p-6" data-testid="settings-releases">
      <h2 className="text-base font-semibold">{t('updates.admin.title')}</h2>
      <p className="text-sm">{t('updates.admin.description')}</p>
      <FormError error={list.error} />
      {data ? (
        <>
          <div className="space-y-1 text-sm">
            <p className="font-medium">{t('updates.admin.releaseKey')}</p>
            {data.publicKey ? (
              <p className="flex flex-wrap items-center gap-2">
                <code dir="ltr" className="break-all" data-testid="updates-release-key">
                  {data.publicKey}
                </code>
                <CopyButton value={data.publicKey} label={t('updates.admin.releaseKey')} testId="updates-copy-key" />
              </p>
            ) : (
              <p>{t('updates.admin.noKey')}</p>
            )}
          </div>
          {(['stable', 'beta'] as const).map((c) => (
            <ChannelForm key={c} channel={c} data={data} onSaved={() => list.refetch()} />
          ))}
          <h3 className="border-t border-slate-200 pt-4 font-semibold">{t('updates.admin.releases')}</h3>
          {data.releases.length === 0 ? (
            <p className="text-sm">{t('updates.admin.noReleases')}</p>
          ) : (
            <table className="w-full text-start text-sm" data-testid="updates-releases">
              <thead>
                <tr>
                  <th className="text-start">{t('updates.admin.channel')}</th>
                  <th className="text-start">{t('updates.admin.cols.version')}</th>
                  <th className="text-start">{t('updates.admin.cols.platform')}</th>
                  <th className="text-start">{t('updates.admin.cols.rollout')}</th>
                  <th className="text-start">{t('updates.admin.cols.served')}</th>
                  <th className="text-start">{t('updates.admin.cols.published')}</th>
                </tr>
              </thead>
              <tbody>
                {data.releases.map((r) => (
                  <tr key={r.releaseId}>
                    <td>{t(`updates.admin.channels.${r.channel}`)}</td>
                    <td dir="ltr" className="text-start">
                      {r.version}
                    </td>
                    <td dir="ltr" className="text-start">
                      {r.metadataName}
                    </td>
                    <td>{t('updates.admin.rolloutPercent', { percent: r.rollout })}</td>
                    <td>{r.served ? t('updates.admin.servedYes') : t('updates.admin.servedNo')}</td>
                    <td dir="ltr" className="text-start">
                      {r.publishedAt.slice(0, 16).replace('T', ' ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}
