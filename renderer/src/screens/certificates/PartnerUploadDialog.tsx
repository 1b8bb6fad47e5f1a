import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import type { ChosenFile } from '../../lib/files.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useUnsavedGuard } from '../../router/useUnsavedGuard.ts';
import type { CertificateCard } from '../../lib/certificates.ts';
import { useUi } from '../../stores/ui.ts';
import { CertificateError } from './CertificateError.tsx';
import { FilePicker } from './FilePicker.tsx';
import { Modal } from '../../components/Modal.tsx';
import { partnerTypeName } from './partnerType.ts';
import { ProfileNote } from './ProfileNote.tsx';
import { WarningList } from './WarningList.tsx';

interface PartnerUploadDialogProps {
  card: CertificateCard;
  onClose: () => void;
  onUploaded: (card: CertificateCard) => void;
}

/** Upload / re-upload popup (pms.md §5.3): type and domain read-only, one `.cer`/`.pem` file. */
export function PartnerUploadDialog({ card, onClose, onUploaded }: PartnerUploadDialogProps) {
  const { t } = useTranslation();
  const uploadCertificate = useCommand('partnerCertificate.upload');
  const lang = useUi((s) => s.lang);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [uploaded, setUploaded] = useState<CertificateCard | null>(null);
  const typeName = partnerTypeName(t, card.partnerType);
  const closeRef = useRef<HTMLButtonElement>(null);

  // The form (and its focused button) is gone once uploaded: keyboard focus goes to Close.
  useEffect(() => {
    if (uploaded) closeRef.current?.focus();
  }, [uploaded]);

  useUnsavedGuard(useCallback(() => file !== null && uploaded === null, [file, uploaded]));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (!file) {
      const input = event.currentTarget.elements.namedItem('partnerCertificateFile');
      if (input instanceof HTMLElement) input.focus();
      return;
    }
    setSubmitting(true);
    try {
      const out = await uploadCertificate.call({
        partnerId: card.partnerId,
        fileName: file.fileName,
        contentBase64: file.contentBase64,
      });
      setUploaded(out.card);
      onUploaded(out.card);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSubmitting(false);
    }
  }

  const reupload = card.uploaded;
  return (
    <Modal
      title={t(reupload ? 'certificates.partnerCert.reuploadTitle' : 'certificates.partnerCert.dialogTitle')}
      onClose={onClose}
      busy={submitting}
      testId="partner-upload-dialog"
    >
      {uploaded ? (
        <div className="mt-4 space-y-4">
          <p role="status" className="rounded-md bg-ok-bg px-3 py-2 text-ok-fg" data-testid="partner-upload-success">
            {t('certificates.partnerCert.success', { type: typeName })}
          </p>
          <WarningList warnings={uploaded.warnings} />
          <ProfileNote domain={uploaded.partnerDomain} profile={uploaded.profile} />
          <div className="flex justify-end">
            <button
              ref={closeRef}
              type="button"
              className="btn btn-primary"
              onClick={onClose}
              data-testid="partner-upload-close"
            >
              {t('certificates.partnerCert.close')}
            </button>
          </div>
        </div>
      ) : (
        <form
          noValidate
          onSubmit={(event) => void submit(event)}
          className="mt-4 space-y-4"
          data-testid="partner-upload-form"
        >
          <CertificateError error={error} />
          <dl className="grid gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3 sm:grid-cols-[9rem_1fr]">
            <dt className="text-slate-600">{t('certificates.partnerCert.partnerId')}</dt>
            <dd className="font-mono text-xs leading-5">
              <bdi dir="ltr">{card.partnerId}</bdi>
            </dd>
            <dt className="text-slate-600">{t('certificates.partnerCert.partnerType')}</dt>
            <dd data-testid="upload-partner-type">{typeName}</dd>
            <dt className="text-slate-600">{t('certificates.partnerCert.partnerDomain')}</dt>
            <dd data-testid="upload-partner-domain">{t(`certificates.domains.${card.partnerDomain}`)}</dd>
          </dl>
          <ProfileNote domain={card.partnerDomain} profile={card.profile} />
          {reupload && card.uploadedDateTime ? (
            <p className="text-slate-700" data-testid="last-uploaded">
              {t('certificates.partnerCert.lastUploaded', {
                date: formatDateTime(card.uploadedDateTime, lang),
              })}
            </p>
          ) : null}
          <FilePicker
            name="partnerCertificateFile"
            label={t('certificates.partnerCert.file')}
            hint={t('certificates.partnerCert.fileHint')}
            accept=".cer,.pem"
            file={file}
            onChange={(chosen) => {
              setFile(chosen);
              setError(null);
            }}
            missing={submitted}
            testId="partner-upload-file"
          />
          <div className="flex flex-wrap justify-end gap-2">
            <button
              type="button"
              className="btn btn-secondary"
              onClick={onClose}
              disabled={submitting}
              data-testid="partner-upload-cancel"
            >
              {t('certificates.partnerCert.cancel')}
            </button>
            <SubmitButton
              busy={submitting}
              label={t('certificates.partnerCert.submit')}
              busyLabel={t('certificates.partnerCert.submitting')}
              testId="partner-upload-submit"
            />
          </div>
        </form>
      )}
    </Modal>
  );
}
