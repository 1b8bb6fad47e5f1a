import { AppError } from '../../contract/index.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { requireActor } from '../context.ts';
import { uploadCaCertificates } from './ca-upload.ts';
import { certificateCards } from './cards.ts';
import { toPem } from './decode.ts';
import { detailsOf } from './details.ts';
import { applyUpload, partnerForCertificate, prepareUpload } from './partner-upload.ts';
import type { PreparedUpload } from './partner-upload.ts';
import { listProfiles, setProfile } from './profiles.ts';
import { downloadTrustCertificate, listTrustCertificates, trustCertificateDetail } from './queries.ts';

type CertificateMethods =
  | 'trustStore.upload'
  | 'trustStore.profiles'
  | 'trustStore.setProfile'
  | 'trustStore.list'
  | 'trustStore.detail'
  | 'trustStore.download'
  | 'trustStore.signingCertificate'
  | 'partnerCertificate.list'
  | 'partnerCertificate.upload'
  | 'partnerCertificate.download';

const pemFile = (fileName: string, der: Uint8Array) => ({
  fileName,
  mimeType: 'application/x-pem-file',
  contentBase64: Buffer.from(toPem(der)).toString('base64'),
});

export const certificateHandlers: HandlerMap<CertificateMethods> = {
  'trustStore.upload': command<'trustStore.upload'>({
    module: 'certificates',
    apply: (ctx, input) => uploadCaCertificates(ctx, input),
  }),
  'trustStore.profiles': query(listProfiles),
  'trustStore.setProfile': command<'trustStore.setProfile'>({
    module: 'certificates',
    apply: (ctx, input) => setProfile(ctx, input),
  }),
  'trustStore.list': query(listTrustCertificates),
  'trustStore.detail': query(trustCertificateDetail),
  'trustStore.download': query(downloadTrustCertificate),
  'trustStore.signingCertificate': query((ctx) => {
    const row = ctx.db.prepare("SELECT certificate_der FROM signing_key WHERE purpose = 'partner-signing'").get() as
      { certificate_der: Buffer } | undefined;
    if (!row) return { file: null, details: null };
    const der = new Uint8Array(row.certificate_der);
    return { file: pemFile('partner-desk-signing-ca.pem', der), details: detailsOf(der) };
  }),

  // A partner sees its own partner ids; the partner admin asks for one partner at a time.
  'partnerCertificate.list': query((ctx, input) => {
    const actor = requireActor(ctx.actor);
    if (input.partnerId) {
      partnerForCertificate(ctx.db, actor, input.partnerId);
      return { cards: certificateCards(ctx.db, [input.partnerId], ctx.now) };
    }
    return { cards: certificateCards(ctx.db, actor.partnerIds, ctx.now) };
  }),

  'partnerCertificate.upload': command<'partnerCertificate.upload', PreparedUpload>({
    module: 'certificates',
    prepare: prepareUpload,
    apply: (ctx, _input, prepared) => applyUpload(ctx, prepared),
  }),

  'partnerCertificate.download': query((ctx, input) => {
    const actor = requireActor(ctx.actor);
    const partner = partnerForCertificate(ctx.db, actor, input.partnerId);
    if (!actor.roles.includes('PARTNER_ADMIN') && partner.approval_status === 'approved' && partner.is_active !== 1) {
      throw new AppError('PMS_CERTIFICATE_ERROR_009', 'Certificates of a deactivated partner cannot be downloaded.');
    }
    const row = ctx.db
      .prepare(
        'SELECT ca_signed_der, mosip_signed_der, ca_not_after, mosip_not_after FROM partner_certificate WHERE partner_id = ?',
      )
      .get(partner.id) as
      | {
          ca_signed_der: Buffer;
          mosip_signed_der: Buffer;
          ca_not_after: string;
          mosip_not_after: string;
        }
      | undefined;
    if (!row) throw new AppError('PMS_PRT_108', `No certificate has been uploaded for ${partner.id}.`);
    const caSigned = input.kind === 'caSigned';
    if (!caSigned && row.mosip_signed_der.length === 0)
      throw new AppError(
        'PD_SYNC_005',
        'The MOSIP-signed copy is issued by the server when it applies the upload; sync this desk.',
      );
    if (Date.parse(caSigned ? row.ca_not_after : row.mosip_not_after) < ctx.now.getTime()) {
      throw new AppError('PD_CERT_001', 'Certificate has expired. Please upload a valid certificate.');
    }
    return pemFile(
      `${partner.id}-${caSigned ? 'ca-signed' : 'mosip-signed'}.pem`,
      new Uint8Array(caSigned ? row.ca_signed_der : row.mosip_signed_der),
    );
  }),
};
