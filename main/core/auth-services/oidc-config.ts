import { z } from 'zod';

/**
 * How an Auth policy turns into an OIDC client's claims and ACR values (pms.md §1.6). MOSIP keeps
 * these in `mosip.pms.idp.supported-claims` and the eSignet amr/acr mapping; here they are admin
 * settings in config.json with MOSIP-like defaults.
 */
const Names = z.array(z.string().min(1).max(128)).min(1).max(32);

export const OIDC_DEFAULTS = {
  /** OIDC claim → the KYC attribute names (policy `allowedKycAttributes`) that grant it. */
  claimsMapping: {
    name: ['fullName', 'name'],
    given_name: ['firstName', 'givenName'],
    family_name: ['lastName', 'familyName'],
    gender: ['gender'],
    birthdate: ['dateOfBirth'],
    email: ['email'],
    phone_number: ['phone', 'phoneNumber'],
    picture: ['encodedPhoto', 'photo', 'face'],
    address: [
      'fullAddress',
      'addressLine1',
      'addressLine2',
      'addressLine3',
      'city',
      'province',
      'region',
      'postalCode',
    ],
    locale: ['preferredLang'],
  } as Record<string, string[]>,
  /** Policy `allowedAuthTypes[].authType` → the ACR values it enables. */
  acrMapping: {
    bio: ['mosip:idp:acr:biometrics'],
    otp: ['mosip:idp:acr:generated-code'],
    pin: ['mosip:idp:acr:static-code'],
    wla: ['mosip:idp:acr:linked-wallet'],
  } as Record<string, string[]>,
  /** mosip.pms.oidc.clients.grantTypes / clientAuthMethods */
  grantTypes: ['authorization_code'],
  clientAuthMethods: ['private_key_jwt'],
};

export const OidcConfigSchema = z
  .object({
    claimsMapping: z.record(z.string().min(1).max(64), Names).default(OIDC_DEFAULTS.claimsMapping),
    acrMapping: z.record(z.string().min(1).max(64), Names).default(OIDC_DEFAULTS.acrMapping),
    grantTypes: Names.default(OIDC_DEFAULTS.grantTypes),
    clientAuthMethods: Names.default(OIDC_DEFAULTS.clientAuthMethods),
  })
  .strict();
export type OidcConfig = z.output<typeof OidcConfigSchema>;
