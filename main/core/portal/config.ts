import { z } from 'zod';

/** e-Signet's ACR values (ssp.md §B5); a deployment picks the ones its client registered. */
export const ESIGNET_ACR_VALUES = [
  'mosip:idp:acr:generated-code',
  'mosip:idp:acr:biometrics',
  'mosip:idp:acr:linked-wallet',
  'mosip:idp:acr:static-code',
  'mosip:idp:acr:knowledge',
  'mosip:idp:acr:password',
] as const;

/**
 * Applicant sign-in through an OpenID Provider configured like e-Signet: `private_key_jwt` with
 * the client's private JWK, PKCE S256, userinfo as a signed JWT. `claimMapping` turns claims into
 * the demographic record (form key → claim), which fills in the forms; `idClaim` is the claim whose
 * value, with `idType`, finds the registrant (e-Signet: `individual_id`, not the pairwise `sub`).
 */
export const PortalOidcSchema = z
  .object({
    issuer: z.string().url(),
    clientId: z.string().min(1).max(100),
    /** The client's private key as a JWK (RSA or EC with `kid`); or a file holding it. */
    clientJwk: z.record(z.string(), z.unknown()).optional(),
    clientJwkFile: z.string().min(1).optional(),
    /** Where the provider sends the browser back (registered with the provider, exact match). */
    redirectUri: z.string().url(),
    /** Other redirect URIs a host may ask for (the desktop host's loopback, RFC 8252). */
    extraRedirectUris: z.array(z.string().url()).max(5).default([]),
    scope: z.string().default('openid profile'),
    acrValues: z.array(z.string().min(1)).min(1).default(['mosip:idp:acr:generated-code', 'mosip:idp:acr:biometrics']),
    /** Userinfo claims asked for with the `claims` parameter (e-Signet's names). */
    claims: z
      .array(z.string().min(1))
      .default(['name', 'individual_id', 'email', 'phone_number', 'birthdate', 'gender']),
    idType: z.string().min(1).max(64).default('NATIONAL_ID'),
    idClaim: z.string().min(1).default('individual_id'),
    claimMapping: z.record(z.string(), z.string()).default({
      name: 'name',
      email: 'email',
      phone: 'phone_number',
      birthdate: 'birthdate',
      gender: 'gender',
      nationalId: 'individual_id',
    }),
    /** Loopback providers in tests and demos speak plain HTTP. */
    allowInsecureLoopback: z.boolean().default(false),
    /** How long the sign-in may take at the provider. */
    loginTtlSeconds: z.number().int().min(30).max(3600).default(600),
  })
  .strict()
  .refine((c) => c.clientJwk !== undefined || c.clientJwkFile !== undefined, {
    message: 'clientJwk or clientJwkFile is required',
  });

export const PortalConfigSchema = z.object({ oidc: PortalOidcSchema.optional() }).strict();
export type PortalOidcConfig = z.output<typeof PortalOidcSchema>;
