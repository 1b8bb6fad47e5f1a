import { z } from 'zod';
import { method } from '../spec.ts';
import { Empty, Language, Ok, PartnerTypeCode, RoleSchema, Text, Timestamp } from '../common.ts';

/** Length caps follow MOSIP's columns (pms.md §1.1); the core re-checks the rules with MOSIP's codes. */
const Name = Text({ min: 1, max: 64 });
const OrgName = Text({ min: 1, max: 128 });
const Email = Text({ max: 254 });
/** Not trimmed: a space in a username is refused by the core with MOSIP's code (PMS_PRT_066). */
const Username = Text({ max: 64, trim: false });
/** A secret: hashed, never stored or shown, so any string; checked for strength by the core. */
const Password = z.string().min(1).max(256);

export const PartnerSummary = z.object({
  partnerId: z.string(),
  partnerType: PartnerTypeCode,
  orgName: z.string(),
  approvalStatus: z.enum(['InProgress', 'approved', 'rejected']),
  isActive: z.boolean(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  policyGroupId: z.string().nullable(),
  certificateUploaded: z.boolean(),
  createdAt: Timestamp,
});

export const UserProfile = z.object({
  userId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  orgName: z.string(),
  lang: Language,
  roles: z.array(RoleSchema),
  isAdmin: z.boolean(),
  partner: PartnerSummary.nullable(),
  createdAt: Timestamp,
});
export type UserProfile = z.infer<typeof UserProfile>;

export const SessionInfo = z.object({
  token: z.string(),
  expiresAt: Timestamp,
  user: UserProfile,
});

export const accountMethods = {
  'system.info': method({
    kind: 'query',
    access: 'public',
    input: Empty,
    output: z.object({
      version: z.string(),
      setupRequired: z.boolean(),
      languages: z.array(Language),
      inactivitySeconds: z.number().int(),
      promptSeconds: z.number().int(),
      mailMode: z.enum(['smtp', 'outbox']),
    }),
    errors: [],
  }),
  'setup.createAdmin': method({
    kind: 'command',
    changes: ['accounts'],
    access: 'public',
    input: z
      .object({
        firstName: Name,
        lastName: Name,
        orgName: OrgName,
        email: Email,
        username: Username,
        password: Password,
        lang: Language,
      })
      .strict(),
    output: Ok,
    errors: ['PD_SETUP_001', 'PD_PWD_001', 'PMS_PRT_012', 'PMS_PRT_052', 'PMS_PRT_066'],
  }),
  'setup.loadDemo': method({
    kind: 'command',
    // The demo seeds every feature's data.
    changes: ['accounts', 'partners', 'trustStore', 'policies', 'policyLinking', 'authServices', 'devices', 'ftm'],
    access: 'public',
    input: Empty,
    output: z.object({
      users: z.number().int(),
      partners: z.number().int(),
      adminLogin: z.string(),
      password: z.string(),
    }),
    errors: ['PD_SETUP_002'],
  }),
  'auth.register': method({
    kind: 'command',
    changes: ['partners'],
    access: 'public',
    input: z
      .object({
        firstName: Name,
        lastName: Name,
        orgName: OrgName,
        partnerType: Text({ max: 64 }),
        address: Text({ min: 1, max: 2000, multiline: true }),
        email: Email,
        phone: Text({ max: 64 }),
        username: Username,
        password: Password,
        lang: Language,
      })
      .strict(),
    output: z.object({ partnerId: z.string(), approvalStatus: z.literal('InProgress') }),
    errors: [
      'PMS_PRT_010',
      'PMS_PRT_011',
      'PMS_PRT_012',
      'PMS_PRT_013',
      'PMS_PRT_051',
      'PMS_PRT_052',
      'PMS_PRT_066',
      'PMS_PRT_056',
      'PD_PWD_001',
    ],
  }),
  'auth.login': method({
    kind: 'command',
    changes: [],
    access: 'public',
    // The UI language is chosen on the sign-in page and stays in the UI; the account keeps its own (for e-mails).
    input: z.object({ login: Text({ min: 1, max: 254 }), password: Password }).strict(),
    output: SessionInfo,
    errors: ['PD_AUTH_001', 'PD_AUTH_002', 'PD_AUTH_007'],
  }),
  'auth.requestPasswordReset': method({
    kind: 'command',
    changes: [],
    access: 'public',
    input: z.object({ email: Text({ min: 1, max: 254 }), lang: Language.optional() }).strict(),
    // Same answer whether or not the address is known, so the form cannot probe for accounts.
    output: Ok,
    errors: ['PMS_PRT_012'],
  }),
  'auth.resetPassword': method({
    kind: 'command',
    changes: [],
    access: 'public',
    input: z.object({ token: z.string().min(1).max(256), newPassword: Password }).strict(),
    output: Ok,
    errors: ['PD_AUTH_005', 'PD_PWD_001'],
  }),
  'auth.logout': method({
    kind: 'command',
    changes: [],
    access: 'session',
    input: Empty,
    output: Ok,
    errors: [],
  }),
  'auth.keepAlive': method({
    kind: 'command',
    changes: [],
    access: 'session',
    input: Empty,
    output: z.object({ expiresAt: Timestamp }),
    errors: [],
  }),
  'session.me': method({
    kind: 'query',
    access: 'session',
    input: Empty,
    output: UserProfile,
    errors: [],
  }),
  'profile.setLanguage': method({
    kind: 'command',
    changes: [],
    access: 'session',
    input: z.object({ lang: Language }).strict(),
    output: UserProfile,
    errors: ['PMS_PRT_056'],
  }),
  'profile.changePassword': method({
    kind: 'command',
    changes: [],
    access: 'session',
    input: z.object({ currentPassword: Password, newPassword: Password }).strict(),
    output: Ok,
    errors: ['PD_AUTH_006', 'PD_PWD_001'],
  }),
};
