import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../data/useCommand.ts';
import type { Output } from '../../contract.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import { SelectField } from '../../components/Field.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { PARTNER_DOMAINS, isPartnerDomain, type PartnerDomain } from '../../lib/certificates.ts';
import type { ChosenFile } from '../../lib/files.ts';
import { showNewestFirst } from '../../data/listState.ts';
import { navigate } from '../../router/hash.ts';
import { Link } from '../../router/Link.tsx';
import { useUnsavedGuard } from '../../router/useUnsavedGuard.ts';
import { CertificateError } from './CertificateError.tsx';
import { FilePicker } from './FilePicker.tsx';
import { ProfileNote } from './ProfileNote.tsx';
import { UploadResults } from './UploadResults.tsx';
import { useTrustProfiles } from './useTrustProfiles.ts';

type UploadOutput = Output<'trustStore.upload'>;

/** Upload Trust Certificate (pms.md §5.4): a domain and a `.cer/.pem/.crt/.p7b` file, one certificate or a bundle. */
export function TrustUploadScreen() {
  const { t } = useTranslation();
  const uploadTrust = useCommand('trustStore.upload');
  const [domain, setDomain] = useState<PartnerDomain | ''>('');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<{ domain: PartnerDomain; output: UploadOutput } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { profiles } = useTrustProfiles();
  const profileOf = (d: PartnerDomain) => profiles?.find((p) => p.partnerDomain === d)?.profile ?? 'keymanager';
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A chosen file is work in progress until it has been uploaded.
  useUnsavedGuard(useCallback(() => file !== null && result === null, [file, result]));

  useEffect(() => {
    if (result) headingRef.current?.focus();
  }, [result]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (!domain || !file) {
      const missing = !domain ? 'partnerDomain' : 'certificateFile';
      const element = formRef.current?.elements.namedItem(missing);
      if (element instanceof HTMLElement) element.focus();
      return;
    }
    setSubmitting(true);
    try {
      const output = await uploadTrust.call({
        partnerDomain: domain,
        fileName: file.fileName,
        contentBase64: file.contentBase64,
      });
      const only = output.results.length === 1 ? output.results[0] : undefined;
      const added = output.results.find((r) => r.status === 'Upload Success' && r.caCertificateType);
      if (added?.caCertificateType)
        showNewestFirst('trustStore', {
          scope: { caCertificateType: added.caCertificateType },
          sortFieldName: 'uploadedDateTime',
        });
      if (only && only.status === 'Upload Success' && only.warnings.length === 0) {
        navigate(`/done/trust-uploaded?domain=${domain}`, { force: true });
        return;
      }
      // A bundle, or warnings to read: the results stay on this page.
      setResult({ domain, output });
    } catch (caught) {
      const failure = toApiError(caught);
      const refused = refusedBundle(failure);
      if (refused) setResult({ domain, output: { ...refused, profile: profileOf(domain) } });
      else setError(failure);
    } finally {
      setSubmitting(false);
    }
  }

  function again() {
    setResult(null);
    setFile(null);
    setSubmitted(false);
    setError(null);
  }

  if (result) {
    return (
      <div className="space-y-4">
        <h1 ref={headingRef} tabIndex={-1} className="page-title">
          {t('certificates.trustUpload.resultsTitle', {
            domain: t(`certificates.domains.${result.domain}`),
          })}
        </h1>
        <ProfileNote domain={result.domain} profile={result.output.profile} />
        <UploadResults domain={result.domain} output={result.output} />
        <div className="flex flex-wrap gap-2">
          <Link to="/admin/trust-store" className="btn btn-primary" data-testid="upload-back">
            {t('certificates.trustUpload.backToList')}
          </Link>
          <button type="button" className="btn btn-secondary" onClick={again} data-testid="upload-again">
            {t('certificates.trustUpload.uploadAnother')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <div>
        <h1 className="page-title">{t('certificates.trustUpload.title')}</h1>
        <p className="mt-1 text-slate-600">{t('certificates.trustUpload.description')}</p>
      </div>
      <form
        ref={formRef}
        noValidate
        onSubmit={(event) => void submit(event)}
        className="panel space-y-4 p-5"
        data-testid="trust-upload-form"
      >
        <CertificateError error={error} />
        <SelectField
          name="partnerDomain"
          label={t('certificates.trustUpload.partnerDomain')}
          value={domain}
          onChange={(value) => setDomain(isPartnerDomain(value) ? value : '')}
          placeholder={t('certificates.trustUpload.domainPlaceholder')}
          options={PARTNER_DOMAINS.map((d) => ({
            value: d,
            label: t(`certificates.domains.${d}`),
          }))}
          error={submitted && !domain ? 'required' : undefined}
          required
          testId="trust-upload-domain"
        />
        {domain && profiles ? <ProfileNote domain={domain} profile={profileOf(domain)} /> : null}
        <FilePicker
          name="certificateFile"
          label={t('certificates.trustUpload.file')}
          hint={t('certificates.trustUpload.fileHint')}
          accept=".cer,.pem,.crt,.p7b"
          file={file}
          onChange={(chosen) => {
            setFile(chosen);
            setError(null);
          }}
          missing={submitted}
          testId="trust-upload-file"
        />
        <div className="flex flex-wrap justify-end gap-2">
          <Link to="/admin/trust-store" className="btn btn-secondary" data-testid="trust-upload-cancel">
            {t('certificates.trustUpload.cancel')}
          </Link>
          <SubmitButton
            busy={submitting}
            label={t('certificates.trustUpload.submit')}
            busyLabel={t('certificates.trustUpload.submitting')}
            testId="trust-upload-submit"
          />
        </div>
      </form>
    </div>
  );
}

/** A bundle refused whole comes back as one error with a code per certificate (`certificate.<index>`). */
function refusedBundle(error: ApiError): Omit<Output<'trustStore.upload'>, 'profile'> | null {
  const perCertificate = Object.entries(error.fields ?? {}).filter(([key]) => /^certificate\.\d+$/.test(key));
  if (perCertificate.length < 2) return null;
  return {
    status: 'Upload Failed',
    results: perCertificate.map(([key, code]) => ({
      index: Number(key.slice('certificate.'.length)),
      status: 'Upload Failed' as const,
      certificateId: null,
      caCertificateType: null,
      issuedTo: null,
      code,
      message: code,
      warnings: [],
    })),
  };
}
