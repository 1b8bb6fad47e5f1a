import type { TFunction } from 'i18next';
import { PARTNER_TYPE_CODES, type PartnerTypeCode } from '../../contract.ts';

export function isPartnerTypeCode(value: string): value is PartnerTypeCode {
  return (PARTNER_TYPE_CODES as readonly string[]).includes(value);
}

/** A partner type code in the user's language; unknown codes are shown as they are. */
export function partnerTypeName(t: TFunction, code: string): string {
  return isPartnerTypeCode(code) ? t(`partnerTypes.${code}`) : code;
}
