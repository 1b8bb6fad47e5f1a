import type { Output } from '../contract.ts';
import { PARTNER_DOMAINS, PKI_WARNING_CODES } from '../contract.ts';

export type PartnerDomain = Output<'trustStore.list'>['data'][number]['partnerDomain'];
export type CaType = Output<'trustStore.list'>['data'][number]['caCertificateType'];

export { PARTNER_DOMAINS };

export function isPartnerDomain(value: unknown): value is PartnerDomain {
  return typeof value === 'string' && (PARTNER_DOMAINS as readonly string[]).includes(value);
}

/** What makes the MOSIP backend refuse an accepted certificate (from the contract). */
export const WARNING_CODES = PKI_WARNING_CODES;
export type WarningCode = (typeof WARNING_CODES)[number];

export function isWarningCode(value: string): value is WarningCode {
  return (WARNING_CODES as readonly string[]).includes(value);
}

/** "Expiring within N days": whole days 1–30 as MOSIP; undefined when empty, null when invalid. */
export function parseExpiryPeriod(value: string): number | undefined | null {
  const text = value.trim();
  if (!text) return undefined;
  if (!/^\d{1,2}$/.test(text)) return null;
  const days = Number(text);
  return days >= 1 && days <= 30 ? days : null;
}

/** The certificate file limit of the contract (base64 characters of `contentBase64`). */
export const MAX_FILE_BASE64 = 1_400_000;

/** Within its validity window at `now` (what the trust store calls `status`). */
export function isCurrentlyValid(notBefore: string, notAfter: string, now: number): boolean {
  return Date.parse(notBefore) <= now && now <= Date.parse(notAfter);
}

/** One partner id's certificate card: the uploaded certificate and the MOSIP-signed copy. */
export type CertificateCard = Output<'partnerCertificate.list'>['cards'][number];
