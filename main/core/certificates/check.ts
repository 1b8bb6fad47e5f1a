import { AppError, isErrorCode } from '../../contract/index.ts';
import type { ErrorCode } from '../../contract/index.ts';
import { parseCertificate, validateCertificatePath } from '../../../lib/pki/index.ts';
import type { ParsedCert, PartnerDomain } from '../../../lib/pki/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import { certificatesInFile } from './decode.ts';
import { identityOf } from './details.ts';
import { minimumValidityRefusal } from './refusals.ts';
import type { Identity } from './details.ts';
import { trustStoreOf } from './trust.ts';

const DAY_MS = 86_400_000;
// Checks on the certificate itself that keymanager runs only after the chain (pms.md §3.1 step 3).
const LATE_CODES = new Set<string>([
  'KER-PCM-007',
  'KER-PCM-013',
  'KER-PCM-014',
  'PD_PKI_007',
  'PD_PKI_010',
  'PD_PKI_004',
]);
const EARLY_CODES = new Set<string>(['KER-PMS-020', 'KER-PCM-004', 'KER-PCM-017', 'KER-PCM-015']);

const asCode = (code: string): ErrorCode => (isErrorCode(code) ? code : 'KER-PCM-001');

export interface CheckedCertificate {
  der: Uint8Array;
  identity: Identity;
  warnings: string[];
}

/**
 * keymanager's checks on an uploaded end-entity certificate, in its order (pms.md §3.1): exactly
 * one parsable certificate, not future-dated, currently valid, long enough (`minRemainingDays`,
 * keymanager's 1 year − 30 days grace by default, named in the refusal), not self-signed,
 * chains to the domain's trust store, v3, O= equals the organisation name exactly, RSA ≥ 2048,
 * SHA-2. Used by the partner-certificate upload and the FTM chip-certificate upload.
 */
export function checkUploadedCertificate(
  db: ReadDb | WriteDb,
  args: {
    contentBase64: string;
    domain: PartnerDomain;
    orgName: string;
    minRemainingDays: number;
    at: Date;
  },
): CheckedCertificate {
  const ders = certificatesInFile(args.contentBase64);
  if (ders.length !== 1)
    throw new AppError('KER-PCM-001', `Upload exactly one certificate (the file holds ${ders.length}).`);
  const der = ders[0]!;
  const result = parseCertificate(der);
  if (!('thumbprint' in result)) throw new AppError(asCode(result.code), result.message);
  const parsed = result as ParsedCert;
  const verdict = validateCertificatePath({
    leaf: parsed,
    domain: args.domain,
    trust: trustStoreOf(db),
    at: args.at,
    options: { minRemainingValidityMs: args.minRemainingDays * DAY_MS },
  });
  if (!verdict.ok && verdict.code === 'KER-PCM-017' && verdict.check === 'minimumValidity')
    throw minimumValidityRefusal(parsed, args.at, { days: args.minRemainingDays });
  // keymanager answers a partner upload without a path ROOT_INTER_CA_NOT_FOUND (-006), also when the domain has no root at all.
  if (!verdict.ok && verdict.code === 'KER-PCM-005') throw new AppError('KER-PCM-006', verdict.message);
  if (!verdict.ok && (EARLY_CODES.has(verdict.code) || !LATE_CODES.has(verdict.code)))
    throw new AppError(asCode(verdict.code), verdict.message);
  if (parsed.faults.version) throw new AppError('KER-PCM-007', parsed.faults.version.message);
  const identity = identityOf(der);
  if (identity.organization !== args.orgName) {
    throw new AppError(
      'KER-PCM-008',
      `The certificate's organisation (O=${identity.organization ?? 'none'}) must equal "${args.orgName}" exactly.`,
    );
  }
  if (!verdict.ok) throw new AppError(asCode(verdict.code), verdict.message);
  return { der, identity, warnings: verdict.warnings };
}
