import { z } from 'zod';
import { Id as BaseId, JsonDocument, Text, Timestamp } from '../common.ts';

/** Stored ids here are UUIDs or application ids: at most 36 characters. */
export const PortalId = BaseId.max(36);

/** A calendar day (YYYY-MM-DD) that exists. */
export const Day = Text({ max: 10, trim: false })
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    { message: 'date' },
  );

export const PROGRAM_STATES = ['active', 'ended'] as const;
export const ProgramState = z.enum(PROGRAM_STATES);
export const TARGET_TYPES = ['individual', 'group'] as const;

/**
 * Application states: OpenG2P's newer stored vocabulary (ssp.md §A5) plus `draft`, a saved but
 * unsubmitted answer (OpenG2P keeps those in a separate draft table).
 */
export const APPLICATION_STATES = ['draft', 'active', 'inprogress', 'rejected', 'completed', 'closed'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const ApplicationState = z.enum(APPLICATION_STATES);

/** Registrant ↔ program membership (OpenG2P `g2p.program_membership`, ssp.md §A6). */
export const MEMBERSHIP_STATES = ['draft', 'enrolled', 'paused', 'exited', 'not_eligible', 'duplicated'] as const;
export type MembershipState = (typeof MEMBERSHIP_STATES)[number];
export const MembershipState = z.enum(MEMBERSHIP_STATES);

/**
 * OpenG2P's older, computed application states mapped onto the stored vocabulary (ssp.md §A5):
 * every "In Progress" flavour is `inprogress`, `not_eligible` is a rejection.
 */
export const LEGACY_APPLICATION_STATES = {
  draft: 'active',
  duplicated: 'inprogress',
  enrolled: 'inprogress',
  ent_approved: 'inprogress',
  again_enrolled: 'inprogress',
  not_eligible: 'rejected',
  completed: 'completed',
  rejected: 'rejected',
} as const satisfies Record<string, ApplicationState>;

/** The Odoo SSP's membership labels (ssp.md §A6): draft is "Submitted", enrolled is "Enrolled", anything else an error. */
export function membershipLabel(state: MembershipState | null): 'notApplied' | 'submitted' | 'enrolled' | 'other' {
  if (state === null) return 'notApplied';
  return state === 'draft' ? 'submitted' : state === 'enrolled' ? 'enrolled' : 'other';
}

export const ProgramRow = z.object({
  programId: z.string(),
  name: z.string(),
  description: z.string(),
  targetType: z.enum(TARGET_TYPES),
  state: ProgramState,
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  endedDateTime: Timestamp.nullable(),
  formId: z.string().nullable(),
  formTitle: z.string().nullable(),
  formVersion: z.number().int().nullable(),
  multipleSubmissions: z.boolean(),
  applicationCount: z.number().int(),
  createdDateTime: Timestamp,
  updatedDateTime: Timestamp,
});
export type ProgramView = z.infer<typeof ProgramRow>;

export const FormRow = z.object({
  formId: z.string(),
  /** The form family: every version of one form shares it. */
  formKey: z.string(),
  version: z.number().int(),
  title: z.string(),
  /** Mapped to a program or answered by an application: changing it makes a new version. */
  inUse: z.boolean(),
  /** A newer version of this form exists. */
  superseded: z.boolean(),
  createdDateTime: Timestamp,
});
export const FormDetail = FormRow.extend({ schema: JsonDocument });

export const ApplicationRow = z.object({
  applicationId: z.string(),
  programId: z.string(),
  programName: z.string(),
  registrantId: z.string(),
  registrantName: z.string(),
  formId: z.string(),
  state: ApplicationState,
  membershipState: MembershipState.nullable(),
  /** Why the program administrator rejected it; the applicant sees it. */
  rejectReason: z.string().nullable(),
  submittedDateTime: Timestamp.nullable(),
  decidedDateTime: Timestamp.nullable(),
  updatedDateTime: Timestamp,
  /** Submitted by a registration officer on the applicant's behalf (issue 16); null: by the applicant. */
  assistedBy: z.object({ officerId: z.string(), officerName: z.string() }).nullable(),
});
export const ApplicationDetail = ApplicationRow.extend({ data: JsonDocument });

/** One state an application entered, with who decided it (null: the submission) and the reason given. */
export const ApplicationStatusEntry = z.object({
  state: ApplicationState,
  dateTime: Timestamp,
  by: z.object({ userId: z.string(), name: z.string() }).nullable(),
  reason: z.string().nullable(),
});

/** What the program administrator opens: the answers with the form they answered, and the status history. */
export const ApplicationReview = ApplicationDetail.extend({
  form: FormDetail,
  history: z.array(ApplicationStatusEntry),
});

/** A program as the applicant sees it: open for applications, and where this applicant stands. */
export const PortalProgramRow = z.object({
  programId: z.string(),
  name: z.string(),
  description: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  multipleSubmissions: z.boolean(),
  isFormMapped: z.boolean(),
  hasApplied: z.boolean(),
  membershipState: MembershipState.nullable(),
  lastApplicationState: ApplicationState.nullable(),
  /** The applicant may apply (or re-apply) now. */
  canApply: z.boolean(),
});

export const RegistrantView = z.object({
  registrantId: z.string(),
  idType: z.string(),
  idValue: z.string(),
  name: z.string(),
  /** The current demographic record (every change is a new version, audited). */
  demographics: JsonDocument,
  version: z.number().int(),
  updatedDateTime: Timestamp,
});

export const ReasonText = Text({ min: 1, max: 1024, multiline: true });
