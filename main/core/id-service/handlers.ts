import { X509Certificate, createPrivateKey } from 'node:crypto';
import { AppError } from '../../contract/index.ts';
import type { HandlerMap } from '../handlers.ts';
import { command, query } from '../handlers.ts';
import { requireActor } from '../context.ts';
import { hashApiKey, newApiKey } from '../auth-services/api-keys.ts';
import { idaClientSummary, storeIdaClientSettings } from '../ida/config.ts';
import { thumbprintOf, toPem } from '../ida/crypto.ts';
import { badRecord, storeIdentity } from './identities.ts';
import type { EnrolBiometric } from './identities.ts';

type Methods = 'idService.enrol' | 'idService.issueMispLicense' | 'idaClient.configure' | 'idaClient.status';

const DAY = 86_400_000;

function certDer(pem: string, field: string): Buffer {
  try {
    return new X509Certificate(pem).raw;
  } catch {
    throw new AppError('PD_IDA_009', `${field} is not a PEM certificate.`, {
      [field]: 'PD_IDA_009',
    });
  }
}

function pkcs8(pem: string): Buffer {
  try {
    return createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' });
  } catch {
    throw new AppError('PD_IDA_009', 'partnerPrivateKey is not a PEM private key.', {
      partnerPrivateKey: 'PD_IDA_009',
    });
  }
}

export const idServiceHandlers: HandlerMap<Methods> = {
  'idService.enrol': command<'idService.enrol'>({
    module: 'idService',
    actorName: () => 'system',
    apply(ctx, input) {
      // The admin, or the system when the operator enrols from the CLI (`id-service enrol`).
      const actor = ctx.actor?.userId ?? 'system';
      const biometrics: EnrolBiometric[] = input.biometrics.map((b) => ({
        bioType: b.bioType,
        bioSubType: b.bioType === 'Face' ? '' : b.bioSubType || 'UNKNOWN',
        record: Buffer.from(b.record, b.record.includes('+') || b.record.includes('/') ? 'base64' : 'base64url'),
      }));
      const bad = badRecord(biometrics);
      if (bad !== null)
        throw new AppError('PD_IDA_007', `Biometric ${bad} is not an ISO 19794 ${biometrics[bad]!.bioType} record.`, {
          [`biometrics.${bad}.record`]: 'PD_IDA_007',
        });
      const { replaced } = storeIdentity(
        ctx.db,
        ctx.deps.keyWrap,
        {
          individualId: input.individualId,
          individualIdType: input.individualIdType,
          demographics: input.demographics,
          biometrics,
        },
        actor,
        ctx.now.toISOString(),
      );
      return {
        output: { individualId: input.individualId, replaced, biometrics: biometrics.length },
        ref: { type: 'individual', id: input.individualId },
        // Never the claims or the records: they stay in the service's database.
        outbox: { individualId: input.individualId, biometrics: biometrics.length },
        replay: false,
      };
    },
  }),

  'idService.issueMispLicense': command<'idService.issueMispLicense'>({
    module: 'idService',
    actorName: () => 'system',
    apply(ctx, input) {
      const misp = ctx.db
        .prepare('SELECT partner_type_code, approval_status, is_active FROM partner WHERE id = ?')
        .get(input.mispPartnerId) as
        { partner_type_code: string; approval_status: string; is_active: number } | undefined;
      if (
        !misp ||
        misp.partner_type_code !== 'MISP_Partner' ||
        misp.approval_status !== 'approved' ||
        misp.is_active !== 1
      ) {
        throw new AppError('PD_IDA_008', `Partner "${input.mispPartnerId}" is not an approved, active MISP partner.`, {
          mispPartnerId: 'PD_IDA_008',
        });
      }
      const licenseKey = newApiKey(ctx.deps.randomBytes);
      const from = ctx.now.toISOString();
      const validTo = new Date(ctx.now.getTime() + input.validDays * DAY).toISOString();
      ctx.db
        .prepare(
          'INSERT INTO ida_misp_license (license_hash, misp_partner_id, is_active, valid_from, valid_to, created_at) VALUES (?, ?, 1, ?, ?, ?)',
        )
        .run(hashApiKey(licenseKey), input.mispPartnerId, from, validTo, from);
      return {
        output: { licenseKey, mispPartnerId: input.mispPartnerId, validTo },
        ref: { type: 'mispLicense', id: input.mispPartnerId },
        outbox: false,
        replay: false,
      };
    },
  }),

  'idaClient.configure': command<'idaClient.configure'>({
    module: 'idaClient',
    apply(ctx, input) {
      const actor = requireActor(ctx.actor);
      const settings = {
        baseUrl: input.baseUrl,
        mispLicenseKey: input.mispLicenseKey,
        partnerId: input.partnerId,
        apiKey: input.apiKey,
        servicePartnerCertDer: certDer(input.servicePartnerCertificate, 'servicePartnerCertificate'),
        serviceFirCertDer: certDer(input.serviceFirCertificate, 'serviceFirCertificate'),
        serviceSignCertDer: certDer(input.serviceSignCertificate, 'serviceSignCertificate'),
        partnerCertDer: certDer(input.partnerCertificate, 'partnerCertificate'),
        partnerKeyPkcs8: pkcs8(input.partnerPrivateKey),
        timeoutMs: input.timeoutMs,
      };
      storeIdaClientSettings(ctx.db, ctx.deps.keyWrap, settings, actor.userId, ctx.now.toISOString());
      return {
        output: {
          partnerId: input.partnerId,
          baseUrl: input.baseUrl,
          servicePartnerThumbprint: thumbprintOf(settings.servicePartnerCertDer),
          serviceFirThumbprint: thumbprintOf(settings.serviceFirCertDer),
        },
        ref: { type: 'idaClient', id: input.partnerId },
        // This desk's own settings with its secrets: not replicated.
        outbox: false,
      };
    },
  }),

  'idaClient.status': query((ctx) => {
    const s = idaClientSummary(ctx.db);
    if (!s) return { configured: false as const };
    return {
      configured: true as const,
      baseUrl: s.baseUrl,
      partnerId: s.partnerId,
      serviceFirCertificate: toPem(s.serviceFirCertDer),
      serviceFirThumbprint: thumbprintOf(s.serviceFirCertDer),
      updatedAt: s.updatedAt,
    };
  }),
};
