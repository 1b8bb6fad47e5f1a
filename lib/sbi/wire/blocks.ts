/**
 * A signed block as SBI sends it: a compact JWS (three base64url parts), or — for an unregistered
 * device and in discovery — bare base64url JSON without dots (sbi.md §1.4, §1.5).
 */
import { SbiError } from '../errors.ts';
import { decodeJws, jwsJson } from '../jws.ts';
import type { DecodedJws } from '../jws.ts';
import { decodeUnsignedJson } from './common.ts';

export type Block =
  | { signed: true; jws: DecodedJws; payload: Record<string, unknown> }
  | { signed: false; payload: Record<string, unknown> };

export function decodeBlock(value: unknown, field: string): Block {
  if (typeof value !== 'string' || value.length === 0)
    throw new SbiError('SBI_MALFORMED', `${field}: not a non-empty string`, { field });
  const dots = value.split('.', 4).length - 1;
  if (dots === 0) return { signed: false, payload: decodeUnsignedJson(value, field) };
  const jws = decodeJws(value, field);
  return { signed: true, jws, payload: jwsJson(jws, field) };
}
