import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserProfile } from '../../contract.ts';
import { fetchOnce } from '../../data/fetchOnce.ts';
import { TextField } from '../../components/Field.tsx';
import { navigate, useRoute } from '../../router/hash.ts';
import { useRecord } from '../../data/useRecord.ts';
import type { CertificateCard } from '../../lib/certificates.ts';
import { useSession } from '../../stores/session.ts';
import { CertificateError } from './CertificateError.tsx';
import { PartnerCertificateCardView } from './PartnerCertificateCardView.tsx';
import { PartnerUploadDialog } from './PartnerUploadDialog.tsx';

/** The admin names a partner (`?partnerId=`); partners see their own ids without asking. */
function AdminLookup({ current }: { current: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(current);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const id = value.trim();
    if (id) navigate(`/partner/certificates?partnerId=${encodeURIComponent(id)}`);
  }
  return (
    <form
      noValidate
      onSubmit={submit}
      className="panel flex flex-wrap items-end gap-3 p-4"
      data-testid="partner-lookup"
    >
      <div className="min-w-64 flex-1">
        <TextField
          name="partnerId"
          label={t('certificates.partnerCert.lookupLabel')}
          hint={t('certificates.partnerCert.lookupHint')}
          value={value}
          onChange={setValue}
          dir="ltr"
        />
      </div>
      <button type="submit" className="btn btn-primary mb-5" data-testid="partner-lookup-submit">
        {t('certificates.partnerCert.lookupSubmit')}
      </button>
    </form>
  );
}

/** Partner Certificate (pms.md §5.3): one card per partner id. */
export function PartnerCertificateScreen({ user }: { user: UserProfile }) {
  const { t } = useTranslation();
  const asked = useRoute().query.get('partnerId')?.trim() || null;
  const partnerId = user.isAdmin ? asked : null;
  // The admin sees nothing until a partner id is asked for; partners see their own ids.
  const list = useRecord('partnerCertificate.list', user.isAdmin ? (partnerId ? { partnerId } : null) : {});
  const error = list.error;
  const cards = list.data?.cards ?? (error ? [] : null);
  const [uploading, setUploading] = useState<CertificateCard | null>(null);

  function uploaded() {
    // The list refetches on its own (the upload changes `partners`). The first upload approves and activates the partner: refresh the signed-in profile.
    if (!user.isAdmin) {
      fetchOnce('session.me', {}).then(
        (me) => useSession.getState().setUser(me),
        () => undefined,
      );
    }
  }

  const shown = user.isAdmin && !partnerId ? null : cards;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="page-title">{t('certificates.partnerCert.title')}</h1>
        <p className="mt-1 text-slate-600">{t('certificates.partnerCert.description')}</p>
      </div>
      {user.isAdmin ? <AdminLookup key={partnerId ?? ''} current={partnerId ?? ''} /> : null}
      <CertificateError error={error} />
      {shown === null ? (
        user.isAdmin && !partnerId ? null : (
          <p role="status" className="text-slate-600">
            {t('app.loading')}
          </p>
        )
      ) : shown.length === 0 && !error ? (
        <p className="panel p-5 text-slate-700" data-testid="partner-cert-none">
          {t('certificates.partnerCert.noPartners')}
        </p>
      ) : (
        <ul className="space-y-4" data-testid="partner-cert-cards" aria-label={t('certificates.partnerCert.title')}>
          {shown.map((card) => (
            <PartnerCertificateCardView
              key={card.partnerId}
              card={card}
              isAdmin={user.isAdmin}
              onUpload={setUploading}
            />
          ))}
        </ul>
      )}
      {uploading ? (
        <PartnerUploadDialog card={uploading} onClose={() => setUploading(null)} onUploaded={uploaded} />
      ) : null}
    </div>
  );
}
