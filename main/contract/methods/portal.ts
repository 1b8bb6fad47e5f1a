import { z } from 'zod';
import { method } from '../spec.ts';
import { Filter, Id, JsonDocument, PAGING_ERRORS, PageQuery, Text, pageOf } from '../common.ts';
import type { Role } from '../common.ts';
import { SessionInfo } from './accounts.ts';
import {
  ApplicationDetail,
  ApplicationReview,
  ApplicationRow,
  ApplicationState,
  Day,
  FormDetail,
  FormRow,
  PortalId,
  PortalProgramRow,
  ProgramRow,
  ProgramState,
  ReasonText,
  RegistrantView,
  TARGET_TYPES,
} from './portal-model.ts';

const PROGRAM_ADMIN: readonly Role[] = ['PROGRAM_ADMIN'];
const APPLICANT: readonly Role[] = ['APPLICANT'];
/** A Form.io schema or a submission is larger than most inputs; still bounded. */
const FORM_MAX_BYTES = 512 * 1024;

const ProgramFields = {
  name: Text({ min: 1, max: 128 }),
  description: Text({ max: 2000, multiline: true }).default(''),
  startDate: Day.nullable().default(null),
  endDate: Day.nullable().default(null),
};

/** Program administration, portal forms and the review of applications (ssp.md §A3–§A6). */
export const portalAdminMethods = {
  'programAdmins.grant': method({
    kind: 'command',
    changes: ['accounts'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ userId: Id }).strict(),
    output: z.object({ userId: z.string(), roles: z.array(z.string()) }),
    errors: ['PD_SSP_020'],
  }),
  'programs.create': method({
    kind: 'command',
    changes: ['programs'],
    access: PROGRAM_ADMIN,
    input: z.object({ ...ProgramFields, targetType: z.enum(TARGET_TYPES).default('individual') }).strict(),
    output: ProgramRow,
    errors: ['PD_SSP_017', 'PD_SSP_018'],
  }),
  'programs.update': method({
    kind: 'command',
    changes: ['programs'],
    access: PROGRAM_ADMIN,
    input: z.object({ programId: PortalId, ...ProgramFields }).strict(),
    output: ProgramRow,
    errors: ['PD_SSP_001', 'PD_SSP_017', 'PD_SSP_018'],
  }),
  /** End a program (only an active one) or re-activate it (only an ended one), as OpenG2P. */
  'programs.setState': method({
    kind: 'command',
    changes: ['programs'],
    access: PROGRAM_ADMIN,
    input: z.object({ programId: PortalId, state: ProgramState }).strict(),
    output: ProgramRow,
    errors: ['PD_SSP_001', 'PD_SSP_008'],
  }),
  'programs.mapForm': method({
    kind: 'command',
    changes: ['programs'],
    access: PROGRAM_ADMIN,
    input: z
      .object({
        programId: PortalId,
        formId: PortalId.nullable(),
        multipleSubmissions: z.boolean(),
      })
      .strict(),
    output: ProgramRow,
    errors: ['PD_SSP_001', 'PD_SSP_004'],
  }),
  'programs.list': method({
    kind: 'query',
    reads: ['programs', 'applications'],
    access: PROGRAM_ADMIN,
    input: PageQuery.extend({
      name: Filter,
      state: ProgramState.optional(),
      formMapped: z.boolean().optional(),
    }).strict(),
    output: pageOf(ProgramRow),
    errors: PAGING_ERRORS,
  }),
  'programs.get': method({
    kind: 'query',
    reads: ['programs', 'applications'],
    access: PROGRAM_ADMIN,
    input: z.object({ programId: PortalId }).strict(),
    output: ProgramRow,
    errors: ['PD_SSP_001'],
  }),
  'portalForms.create': method({
    kind: 'command',
    changes: ['programs'],
    access: PROGRAM_ADMIN,
    input: z.object({ title: Text({ min: 1, max: 128 }), schema: JsonDocument }).strict(),
    output: FormDetail,
    errors: ['PD_SSP_009'],
    maxBytes: FORM_MAX_BYTES,
  }),
  /** Edits a form not in use in place; a form in use gets a new version (the answer names it). */
  'portalForms.update': method({
    kind: 'command',
    changes: ['programs'],
    access: PROGRAM_ADMIN,
    input: z.object({ formId: PortalId, title: Text({ min: 1, max: 128 }), schema: JsonDocument }).strict(),
    output: FormDetail,
    errors: ['PD_SSP_004', 'PD_SSP_008', 'PD_SSP_009'],
    maxBytes: FORM_MAX_BYTES,
  }),
  'portalForms.list': method({
    kind: 'query',
    reads: ['programs', 'applications'],
    access: PROGRAM_ADMIN,
    input: PageQuery.extend({ title: Filter, latestOnly: z.boolean().default(true) }).strict(),
    output: pageOf(FormRow),
    errors: PAGING_ERRORS,
  }),
  'portalForms.get': method({
    kind: 'query',
    reads: ['programs', 'applications'],
    access: PROGRAM_ADMIN,
    input: z.object({ formId: PortalId }).strict(),
    output: FormDetail,
    errors: ['PD_SSP_004'],
  }),
  'applications.list': method({
    kind: 'query',
    reads: ['applications', 'programs'],
    access: PROGRAM_ADMIN,
    input: PageQuery.extend({
      programId: PortalId.optional(),
      state: ApplicationState.optional(),
      applicationId: Filter,
      registrantName: Filter,
    }).strict(),
    output: pageOf(ApplicationRow),
    errors: PAGING_ERRORS,
  }),
  'applications.get': method({
    kind: 'query',
    reads: ['applications', 'programs'],
    access: PROGRAM_ADMIN,
    input: z.object({ applicationId: PortalId }).strict(),
    output: ApplicationReview,
    errors: ['PD_SSP_007'],
  }),
  /** Reject a submitted application with a reason the applicant sees. */
  'applications.reject': method({
    kind: 'command',
    changes: ['applications'],
    access: PROGRAM_ADMIN,
    input: z.object({ applicationId: PortalId, reason: ReasonText }).strict(),
    output: ApplicationDetail,
    errors: ['PD_SSP_007', 'PD_SSP_008'],
  }),
  /** Enrol the registrant of a submitted application: membership enrolled, application in progress. */
  'applications.enroll': method({
    kind: 'command',
    changes: ['applications'],
    access: PROGRAM_ADMIN,
    input: z.object({ applicationId: PortalId }).strict(),
    output: ApplicationDetail,
    errors: ['PD_SSP_007', 'PD_SSP_008'],
  }),
};

/** The applicant's side of the portal (ssp.md §A1, §A4–§A7). */
export const portalApplicantMethods = {
  'portal.programs': method({
    kind: 'query',
    reads: ['programs', 'applications'],
    access: APPLICANT,
    input: PageQuery.extend({ name: Filter, enrolledOnly: z.boolean().default(false) }).strict(),
    output: pageOf(PortalProgramRow),
    errors: PAGING_ERRORS,
  }),
  /** The program's form, the applicant's draft for it, and what the sign-in claims fill in. */
  'portal.form': method({
    kind: 'query',
    reads: ['programs', 'applications'],
    access: APPLICANT,
    input: z.object({ programId: PortalId }).strict(),
    output: z.object({
      program: PortalProgramRow,
      form: FormDetail,
      draft: JsonDocument.nullable(),
      prefill: JsonDocument,
    }),
    errors: ['PD_SSP_001', 'PD_SSP_002', 'PD_SSP_003'],
  }),
  /** Keep unfinished answers; only types and lengths are checked until submit. */
  'portal.saveDraft': method({
    kind: 'command',
    changes: ['applications'],
    access: APPLICANT,
    input: z.object({ programId: PortalId, data: JsonDocument }).strict(),
    output: ApplicationDetail,
    errors: ['PD_SSP_001', 'PD_SSP_002', 'PD_SSP_003', 'PD_SSP_005', 'PD_SSP_006'],
    maxBytes: FORM_MAX_BYTES,
  }),
  'portal.submit': method({
    kind: 'command',
    changes: ['applications'],
    access: APPLICANT,
    input: z.object({ programId: PortalId, data: JsonDocument }).strict(),
    output: ApplicationDetail,
    errors: ['PD_SSP_001', 'PD_SSP_002', 'PD_SSP_003', 'PD_SSP_005', 'PD_SSP_006'],
    maxBytes: FORM_MAX_BYTES,
  }),
  'portal.applications': method({
    kind: 'query',
    reads: ['applications', 'programs'],
    access: APPLICANT,
    input: PageQuery.extend({
      programId: PortalId.optional(),
      state: ApplicationState.optional(),
    }).strict(),
    output: pageOf(ApplicationRow),
    errors: PAGING_ERRORS,
  }),
  'portal.application': method({
    kind: 'query',
    reads: ['applications', 'programs'],
    access: APPLICANT,
    input: z.object({ applicationId: PortalId }).strict(),
    output: ApplicationDetail,
    errors: ['PD_SSP_007'],
  }),
  'portal.profile': method({
    kind: 'query',
    reads: ['applications'],
    access: APPLICANT,
    input: z.object({}).strict(),
    output: RegistrantView,
    errors: [],
  }),
  /** A new version of the demographic record (the ID it was found by never changes). */
  'portal.updateProfile': method({
    kind: 'command',
    changes: ['applications'],
    access: APPLICANT,
    input: z.object({ name: Text({ min: 1, max: 256 }), demographics: JsonDocument }).strict(),
    output: RegistrantView,
    errors: [],
    maxBytes: FORM_MAX_BYTES,
  }),
};

/** Applicant sign-in through OpenID Connect, e-Signet style (ssp.md §B). */
export const portalAuthMethods = {
  'portal.signIn.info': method({
    kind: 'query',
    access: 'public',
    input: z.object({}).strict(),
    output: z.object({
      enabled: z.boolean(),
      issuer: z.string().nullable(),
      acrValues: z.array(z.string()),
    }),
    errors: [],
  }),
  /** Starts a sign-in: state, nonce and PKCE verifier kept here; the browser goes to the answer's URL. */
  'portal.signIn.begin': method({
    kind: 'command',
    changes: [],
    access: 'public',
    input: z
      .object({
        redirectUri: Text({ min: 1, max: 512 })
          .refine((v) => URL.canParse(v), { message: 'url' })
          .optional(),
      })
      .strict(),
    output: z.object({ authorizationUrl: z.string(), state: z.string() }),
    errors: ['PD_SSP_015'],
  }),
  /** The provider sent the browser back: exchange the code, verify tokens and userinfo, sign in. */
  'portal.signIn.complete': method({
    kind: 'command',
    changes: ['applications'],
    access: 'public',
    input: z
      .object({
        state: Text({ min: 1, max: 256 }),
        code: Text({ min: 1, max: 2048 }).optional(),
        error: Text({ max: 256 }).optional(),
        error_description: Text({ max: 512 }).optional(),
        iss: Text({ max: 512 }).optional(),
      })
      .strict(),
    output: SessionInfo,
    errors: [
      'PD_SSP_010',
      'PD_SSP_011',
      'PD_SSP_012',
      'PD_SSP_013',
      'PD_SSP_014',
      'PD_SSP_015',
      'PD_SSP_016',
      'PD_SSP_019',
    ],
  }),
};
