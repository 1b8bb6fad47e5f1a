import { z } from 'zod';
import { method } from '../spec.ts';
import { Id, Text, Timestamp } from '../common.ts';

/**
 * The ID authentication service's administration (docs/id-service.md) and the desk's IDA client
 * settings. The service's own API (e-KYC, auth, certificates) is IDA's HTTP API on the server
 * host, not contract methods.
 */

const IndividualId = Text({ min: 1, max: 64 }).refine(
  (v) => /^[A-Za-z0-9]+$/.test(v),
  'letters and digits, at most 64',
);
/** File contents (an ISO 19794 record) as base64, like certificate uploads' contentBase64. */
const Base64Record = z
  .string()
  .min(16)
  .max(1_400_000)
  .regex(/^[A-Za-z0-9+/_-]+={0,2}$/, 'base64 or base64url');
const Pem = Text({ min: 64, max: 20_000, multiline: true }).refine(
  (v) => /-----BEGIN [A-Z ]+-----/.test(v),
  'PEM text',
);
/** Secrets: stored only wrapped, never shown again. */
const Secret = z.string().min(1).max(256);
const PrivateKeyPem = z
  .string()
  .min(64)
  .max(20_000)
  .regex(/-----BEGIN [A-Z ]+-----/, 'PEM text');

export const EnrolBiometricInput = z
  .object({
    bioType: z.enum(['Finger', 'Iris', 'Face']),
    /** MOSIP's names: "Left IndexFinger", "Right", "UNKNOWN" (the default); ignored for face. */
    bioSubType: Text({ min: 0, max: 32 }).optional(),
    /** The ISO 19794-4/-5/-6 record, base64. */
    record: Base64Record,
  })
  .strict();

export const idServiceMethods = {
  /** Enrols (or replaces) one identity of the ID authentication service: its claims and biometric records. */
  'idService.enrol': method({
    kind: 'command',
    changes: [],
    access: ['PARTNER_ADMIN'],
    maxBytes: 8 * 1024 * 1024,
    input: z
      .object({
        individualId: IndividualId,
        individualIdType: z.enum(['UIN', 'VID']),
        demographics: z
          .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), Text({ min: 0, max: 512 }))
          .refine((d) => Object.keys(d).length <= 64, 'at most 64 claims'),
        biometrics: z.array(EnrolBiometricInput).min(1).max(13),
      })
      .strict(),
    output: z.object({
      individualId: z.string(),
      replaced: z.boolean(),
      biometrics: z.number().int(),
    }),
    errors: ['PD_IDA_007'],
  }),
  /** A MISP licence key for an approved, active MISP partner, shown once (only its hash is kept). */
  'idService.issueMispLicense': method({
    kind: 'command',
    changes: [],
    access: ['PARTNER_ADMIN'],
    input: z.object({ mispPartnerId: Id, validDays: z.number().int().min(1).max(3650).default(365) }).strict(),
    output: z.object({ licenseKey: z.string(), mispPartnerId: z.string(), validTo: Timestamp }),
    errors: ['PD_IDA_008'],
  }),
  /** Points this desk at an ID authentication service (this project's or MOSIP IDA) as an authentication partner. */
  'idaClient.configure': method({
    kind: 'command',
    changes: [],
    access: ['PARTNER_ADMIN'],
    input: z
      .object({
        baseUrl: Text({ min: 8, max: 2048 }).refine((v) => /^https?:\/\/[^\s]+$/.test(v), 'an http(s) URL'),
        mispLicenseKey: Secret,
        partnerId: Id,
        apiKey: Secret,
        servicePartnerCertificate: Pem,
        serviceFirCertificate: Pem,
        serviceSignCertificate: Pem,
        partnerCertificate: Pem,
        /** PKCS#8 PEM; stored only wrapped under the host's key. */
        partnerPrivateKey: PrivateKeyPem,
        timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
      })
      .strict(),
    output: z.object({
      partnerId: z.string(),
      baseUrl: z.string(),
      servicePartnerThumbprint: z.string(),
      serviceFirThumbprint: z.string(),
    }),
    errors: ['PD_IDA_009'],
  }),
  /** Whether this desk can send e-KYC requests, and the IDA-FIR certificate its Auth devices must encrypt to. */
  'idaClient.status': method({
    kind: 'query',
    access: ['PARTNER_ADMIN'],
    input: z.object({}).strict(),
    output: z.union([
      z.object({ configured: z.literal(false) }),
      z.object({
        configured: z.literal(true),
        baseUrl: z.string(),
        partnerId: z.string(),
        serviceFirCertificate: z.string(),
        serviceFirThumbprint: z.string(),
        updatedAt: Timestamp,
      }),
    ]),
    errors: [],
  }),
};
