import type { z } from 'zod';
import type { ErrorCode } from './errors.ts';
import type { DataTopic, Role } from './common.ts';

/**
 * Who may call a method, checked by the core before anything else:
 * - 'public': no session (login, registration, first-run setup)
 * - 'session': any signed-in user; ownership is checked by the method itself
 * - a role list: a signed-in user holding at least one of them
 */
export type Access = 'public' | 'session' | readonly Role[];

interface SpecBase<I extends z.ZodType, O extends z.ZodType> {
  access: Access;
  /**
   * Callers with only partner roles must own an approved, active partner of a type the access list
   * names (PMS_PMP_016 otherwise); admins pass. Checked at the door with the role gate.
   */
  activePartner?: true;
  input: I;
  output: O;
  /** Codes the method can answer with besides the generic wire/auth ones. */
  errors: readonly ErrorCode[];
  /** Largest accepted request body for this method (bytes); the host default otherwise. */
  maxBytes?: number;
}

/**
 * Commands change tables and go through the command path; queries never write. Actions change no
 * table but change the world (a device, a running task): they run like queries and are audited,
 * success or refusal, in a transaction of their own. Invalidation is declared here once: a command
 * lists the topics it may announce (`data.changed`; the core refuses to announce any other), a
 * query or an action the topics whose change makes its answer stale.
 */
export type MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = SpecBase<I, O> &
  ({ kind: 'command'; changes: readonly DataTopic[] } | { kind: 'query' | 'action'; reads?: readonly DataTopic[] });

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/** The topics a command may announce (none for a query). */
export function changesOf(spec: MethodSpec): readonly DataTopic[] {
  return spec.kind === 'command' ? spec.changes : [];
}

/** The topics a query's answer depends on (none for a command). */
export function readsOf(spec: MethodSpec): readonly DataTopic[] {
  return spec.kind !== 'command' ? (spec.reads ?? []) : [];
}
