/**
 * Shared pieces of the wire schemas: the error object, lenient scalars, and the one way untrusted
 * bytes become typed values (JSON → zod → SbiError SBI_MALFORMED naming the field, never the value).
 */
import { z } from 'zod';
import { SbiError } from '../errors.ts';

/** Longest plain string field we accept (ids, names, versions); signed blocks are capped by the body size. */
export const MAX_FIELD = 1024;

export const text = z.string().max(MAX_FIELD);
export const nonEmpty = z.string().min(1).max(MAX_FIELD);
/** A signed or encoded block (JWS, base64url JSON): bounded by the body size cap, not here. */
export const blob = z.string().min(1);
/** Counts, scores, codes and sub-ids are strings in 0.9.5; some devices send numbers. */
export const stringish = z.union([text, z.number().finite()]).transform((v) => String(v));
export const nonEmptyStringish = z.union([nonEmpty, z.number().finite()]).transform((v) => String(v));

export const sbiErrorSchema = z.object({
  errorCode: nonEmptyStringish,
  errorInfo: text.optional().default(''),
});
export type SbiWireError = z.output<typeof sbiErrorSchema>;
export const isSuccess = (e: SbiWireError): boolean => e.errorCode === '0';

const B64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** The first problem of a zod failure as "path: message" (paths name fields; values are never echoed). */
export function describeIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue
    ? issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
    : '';
  return { field, message: issue?.message ?? 'invalid' };
}

export function wireError(what: string, error: z.ZodError): SbiError {
  const { field, message } = describeIssue(error);
  const at = field ? `${what}.${field}` : what;
  return new SbiError('SBI_MALFORMED', `${at}: ${message}`, { field: at });
}

export type WireResult<T> = { ok: true; value: T } | { ok: false; error: SbiError };

export function safeWire<T>(schema: z.ZodType<T>, value: unknown, what: string): WireResult<T> {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: wireError(what, r.error) };
}

export function parseWire<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = safeWire(schema, value, what);
  if (!r.ok) throw r.error;
  return r.value;
}

/** A response body as JSON. Invalid UTF-8 and non-JSON are SBI_MALFORMED. */
export function parseJsonBody(body: Uint8Array | string, what = 'response'): unknown {
  let textBody: string;
  try {
    textBody = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new SbiError('SBI_MALFORMED', `${what}: body is not UTF-8`, { field: what });
  }
  try {
    return JSON.parse(textBody) as unknown;
  } catch {
    throw new SbiError('SBI_MALFORMED', `${what}: body is not JSON`, { field: what });
  }
}

/** base64url (padding tolerated, as Java's decoder does) → bytes; SBI_MALFORMED otherwise. */
export function base64UrlBytes(value: string, what: string): Buffer {
  if (!B64URL.test(value) || value.length % 4 === 1)
    throw new SbiError('SBI_MALFORMED', `${what}: not base64url`, { field: what });
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 0x3d) end--; // padding ("="), at most two after the regex
  return Buffer.from(end === value.length ? value : value.slice(0, end), 'base64url');
}

/** An unsigned block (discovery digitalId, deviceInfo of an unregistered device): base64url(JSON object). */
export function decodeUnsignedJson(value: string, what: string): Record<string, unknown> {
  const json = parseJsonBody(base64UrlBytes(value, what), what);
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new SbiError('SBI_MALFORMED', `${what}: not a JSON object`, { field: what });
  return json as Record<string, unknown>;
}

/** Keys of `value` that `allowed` does not list (the CTK schemas set additionalProperties:false). */
export function extraKeys(value: unknown, allowed: readonly string[]): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.keys(value).filter((k) => !allowed.includes(k));
}
