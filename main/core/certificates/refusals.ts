import { AppError } from '../../contract/index.ts';
import type { ParsedCert } from '../../../lib/pki/index.ts';

const DAY_MS = 86_400_000;
/** keymanager adds calendar months (plusMonths); the desk uses the mean month length. */
export const MONTH_MS = 30.4375 * DAY_MS;

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The rule in force, as keymanager words it: days for partner certificates, months for CAs. */
export type MinimumValidity = { days: number } | { months: number };

export const minimumValidityMs = (m: MinimumValidity): number => ('days' in m ? m.days * DAY_MS : m.months * MONTH_MS);

/**
 * KER-PCM-017 naming the required minimum and the date it means, so the uploader knows what
 * certificate to ask for; `params` carry the same values to the translated message.
 */
export function minimumValidityRefusal(
  cert: Pick<ParsedCert, 'notAfter'>,
  at: Date,
  minimum: MinimumValidity,
): AppError {
  const requiredUntil = at.getTime() + minimumValidityMs(minimum);
  const rule = 'days' in minimum ? `${minimum.days} days` : `${minimum.months} months`;
  return new AppError(
    'KER-PCM-017',
    `The certificate is valid only until ${iso(cert.notAfter)}; at least ${rule} of remaining validity are required (valid until ${iso(requiredUntil)} or later).`,
    undefined,
    {
      ...('days' in minimum ? { minimumDays: String(minimum.days) } : { minimumMonths: String(minimum.months) }),
      validUntil: iso(cert.notAfter),
      requiredUntil: iso(requiredUntil),
    },
  );
}

/** Why a certificate is no CA, or null when its basicConstraints say cA=TRUE. */
export function notCaReason(cert: Pick<ParsedCert, 'ext'>): string | null {
  const bc = cert.ext.basicConstraints;
  if (!bc) return 'it has no basicConstraints extension';
  return bc.cA ? null : 'its basicConstraints say cA=FALSE';
}
