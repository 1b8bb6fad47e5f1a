import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../contract.ts';
import { SelectField } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { useEvent } from '../../hooks/useEvent.ts';
import { Link } from '../../router/Link.tsx';
import { useRoute } from '../../router/hash.ts';
import { useCommand } from '../../data/useCommand.ts';
import { useRecord } from '../../data/useRecord.ts';
import { useHardware } from '../../stores/hardware.ts';
import { DeviceBadge } from '../devices/parts.tsx';
import type { FtmRow } from '../devices/FtmScreens.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ChipReadingView } from './ChipReading.tsx';
import { Note, Section } from './parts.tsx';

export type ChipReading = Output<'hardware.ftm.read'>;

/** Entries that accept a certificate now (the FTM list's own rule). */
const canUpload = (s: FtmRow['status']) => s === 'pending_cert_upload' || s === 'approved';

const RECENT_CHIPS = {
  pageNo: 0,
  pageSize: 100,
  sortFieldName: 'createdDateTime',
  sortType: 'desc',
} as const;

/** The provider's chips that accept a certificate now (their 100 newest). */
function useUploadableChips(): FtmRow[] | null {
  const { data, error } = useRecord('ftm.list', RECENT_CHIPS);
  if (error) return [];
  return data ? data.data.filter((r) => canUpload(r.status)) : null;
}

/** FTM chip onboarding: read the certificate over HID, prove possession, upload it for one of the provider's chips. */
export function FtmOnboardScreen() {
  const { t } = useTranslation();
  const { data: chips, error: chipsError } = useHardware((s) => s.chips);
  const entries = useUploadableChips();
  const initialPath = useRoute().query.get('path') ?? '';
  const [path, setPath] = useState(initialPath);
  const [ftmId, setFtmId] = useState('');
  const [reading, setReading] = useState<ChipReading | null>(null);
  const [uploaded, setUploaded] = useState<FtmRow | null>(null);
  // Reading a chip is a query run on demand; the same pending/refusal state as a command.
  const read = useCommand('hardware.ftm.read');
  const upload = useCommand('hardware.ftm.onboard');
  useEffect(() => {
    void useHardware.getState().loadChips();
  }, []);
  useEvent('hardware.changed', ({ source }) => {
    if (source === 'hid' || source === 'virtual') void useHardware.getState().loadChips();
  });

  const chipPath = path || (chips?.length === 1 ? (chips[0]?.path ?? '') : '');
  const entryId = ftmId || (entries?.length === 1 ? (entries[0]?.ftmId ?? '') : '');
  const entry = entries?.find((e) => e.ftmId === entryId) ?? null;
  const verified = reading?.possession.verdict === 'verified' && reading.trust.verdict === 'verified';

  function choosePath(next: string) {
    setPath(next);
    setReading(null);
    setUploaded(null);
  }
  async function readChip() {
    setUploaded(null);
    setReading(await read.run({ path: chipPath }));
  }
  async function onboard() {
    const r = await upload.run({ path: chipPath, ftmId: entryId });
    if (r) {
      setReading(r.reading);
      setUploaded(r.ftm);
    }
  }

  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title={t('hardware.ftm.title')}
        description={t('hardware.ftm.description')}
        back={{ to: '/hardware', label: t('hardware.title') }}
      />
      <div className="panel grid gap-4 p-5 sm:grid-cols-2" data-testid="ftm-onboard-form">
        <SelectField
          name="chip"
          label={t('hardware.ftm.chip')}
          value={chipPath}
          onChange={choosePath}
          placeholder={t('hardware.ftm.chooseChip')}
          options={(chips ?? []).map((c) => ({
            value: c.path,
            label: `${c.product ?? t('hardware.usb.unknown')}${c.serial ? ` · ${c.serial}` : ''}${c.virtual ? ` (${t('hardware.chips.virtual')})` : ''}`,
          }))}
          testId="ftm-onboard-chip"
        />
        <SelectField
          name="ftmId"
          label={t('hardware.ftm.entry')}
          value={entryId}
          onChange={setFtmId}
          placeholder={t('hardware.ftm.chooseEntry')}
          options={(entries ?? []).map((e) => ({
            value: e.ftmId,
            label: t('hardware.ftm.entryOption', {
              make: e.make,
              model: e.model,
              status: t(`devices.status.${e.status}`),
            }),
          }))}
          testId="ftm-onboard-entry"
        />
        {chips && chips.length === 0 ? (
          <Note tone="wait" testId="ftm-onboard-no-chip">
            {t('hardware.ftm.noChips')}
          </Note>
        ) : null}
        {entries && entries.length === 0 ? (
          <Note tone="wait" testId="ftm-onboard-no-entry">
            {t('hardware.ftm.noEntry')}{' '}
            <Link to="/provider/ftm/add" className="link">
              {t('devices.ftm.add')}
            </Link>
          </Note>
        ) : null}
        <FormError error={chipsError} />
        <div className="sm:col-span-2">
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void readChip()}
            disabled={!chipPath || read.pending}
            aria-busy={read.pending}
            data-testid="ftm-onboard-read"
          >
            {read.pending ? t('hardware.ftm.reading') : t('hardware.ftm.read')}
          </button>
        </div>
      </div>
      <FormError error={read.error} />
      {reading ? (
        <Section title={t('hardware.ftm.readingTitle')} testId="ftm-reading">
          <ChipReadingView reading={reading} entry={entry} />
          {uploaded ? null : (
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3">
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => void onboard()}
                disabled={!verified || !entryId || upload.pending}
                aria-busy={upload.pending}
                data-testid="ftm-onboard-upload"
              >
                {t('hardware.ftm.upload')}
              </button>
              {!verified ? (
                <span className="text-sm text-slate-600" data-testid="ftm-onboard-blocked">
                  {t('hardware.ftm.blocked')}
                </span>
              ) : null}
            </div>
          )}
          <FormError error={upload.error} />
        </Section>
      ) : null}
      {uploaded ? (
        <div
          role="status"
          className="panel space-y-3 border-ok-fg/30 bg-ok-bg p-5 text-ok-fg"
          data-testid="ftm-onboard-success"
        >
          <p className="font-semibold">{t('hardware.ftm.success', { make: uploaded.make, model: uploaded.model })}</p>
          <p className="flex items-center gap-2 text-slate-800">
            {t('devices.cols.status')}: <DeviceBadge status={uploaded.status} testId="ftm-onboard-status" />
          </p>
          <Link to="/provider/ftm" className="btn btn-secondary" data-testid="ftm-onboard-list">
            {t('hardware.ftm.viewList')}
          </Link>
        </div>
      ) : null}
    </div>
  );
}
