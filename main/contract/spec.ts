import type { z } from 'zod';
import type { ErrorCode } from './errors.ts';
import type { Role } from './common.ts';

/**
 * Who may call a method, checked by the core before anything else:
 * - 'public': no session (login, registration, first-run setup)
 * - 'session': any signed-in user; ownership is checked by the method itself
 * - a role list: a signed-in user holding at least one of them
 */
export type Access = 'public' | 'session' | readonly Role[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /**
   * Commands change tables and go through the command path; queries never write. Actions change
   * no table but change the world (a device, a running task): they run like queries and are
   * audited, success or refusal, in a transaction of their own.
   */
  kind: 'command' | 'query' | 'action';
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

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}
