/**
 * The FTM protocol Partner Desk defines on top of the HID framing (docs/ftm-protocol.md): three
 * vendor commands and their payloads, the proof-of-possession message, and the HID report
 * descriptor of the chip's interface. Decoders take untrusted bytes and throw FtmError.
 */
import { z } from 'zod';
import { MAX_PAYLOAD } from '../hid/framing.ts';

export const FtmCommand = {
  INFO: 0x40,
  GET_CERT: 0x41,
  SIGN: 0x42,
} as const;

/**
 * Vendor page 0xFF00, usage 0x01; one 64-byte input and one 64-byte output report; no report IDs.
 * The gadget's configfs `report_desc` and a firmware's HID descriptor carry exactly these bytes.
 */
export const FTM_REPORT_DESCRIPTOR = new Uint8Array([
  0x06,
  0x00,
  0xff, // Usage Page (Vendor 0xFF00)
  0x09,
  0x01, //       Usage (0x01)
  0xa1,
  0x01, //       Collection (Application)
  0x09,
  0x20, //         Usage (0x20): data in
  0x15,
  0x00, //         Logical Minimum (0)
  0x26,
  0xff,
  0x00, //   Logical Maximum (255)
  0x75,
  0x08, //         Report Size (8)
  0x95,
  0x40, //         Report Count (64)
  0x81,
  0x02, //         Input (Data, Variable, Absolute)
  0x09,
  0x21, //         Usage (0x21): data out
  0x15,
  0x00, //         Logical Minimum (0)
  0x26,
  0xff,
  0x00, //   Logical Maximum (255)
  0x75,
  0x08, //         Report Size (8)
  0x95,
  0x40, //         Report Count (64)
  0x91,
  0x02, //         Output (Data, Variable, Absolute)
  0xc0, //             End Collection
]);
export const FTM_USAGE_PAGE = 0xff00;

export const FTM_ERROR_CODES = [
  'FTM_MALFORMED', // an answer that does not decode (INFO JSON, certificate list, SIGN answer)
  'FTM_BAD_CERTIFICATE', // a certificate from the chip that is not X.509
  'FTM_UNSUPPORTED', // a signature algorithm this desk does not know
] as const;
export type FtmErrorCode = (typeof FTM_ERROR_CODES)[number];

export class FtmError extends Error {
  constructor(
    readonly code: FtmErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FtmError';
  }
}

// ------------------------------------------------------------------ INFO

const Field = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x20-\x7e]+$/, 'printable ASCII');
const InfoSchema = z.object({ make: Field, model: Field, serial: Field, firmware: Field });
export type FtmInfo = z.infer<typeof InfoSchema>;
const MAX_INFO = 1024;

export function encodeInfo(info: FtmInfo): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(InfoSchema.parse(info)));
}

export function decodeInfo(payload: Uint8Array): FtmInfo {
  if (payload.length > MAX_INFO)
    throw new FtmError('FTM_MALFORMED', `INFO answer of ${payload.length} bytes exceeds ${MAX_INFO}`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    throw new FtmError('FTM_MALFORMED', 'INFO answer is not UTF-8 JSON');
  }
  const parsed = InfoSchema.safeParse(json);
  if (!parsed.success)
    throw new FtmError(
      'FTM_MALFORMED',
      `INFO answer: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

// ------------------------------------------------------------------ GET_CERT

export const MAX_CHAIN = 8;

/** count(1) | { length(2, BE) | DER } × count — the chip certificate first, then its issuers. */
export function encodeChain(chain: readonly Uint8Array[]): Uint8Array {
  if (chain.length < 1 || chain.length > MAX_CHAIN)
    throw new RangeError(`chain of ${chain.length} certificates (1..${MAX_CHAIN})`);
  const size = 1 + chain.reduce((n, c) => n + 2 + c.length, 0);
  if (size > MAX_PAYLOAD) throw new RangeError(`chain of ${size} bytes exceeds ${MAX_PAYLOAD}`);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out[0] = chain.length;
  let at = 1;
  for (const der of chain) {
    if (der.length < 1 || der.length > 0xffff) throw new RangeError('certificate length out of range');
    view.setUint16(at, der.length);
    out.set(der, at + 2);
    at += 2 + der.length;
  }
  return out;
}

export function decodeChain(payload: Uint8Array): Uint8Array[] {
  const count = payload[0];
  if (count === undefined || count < 1 || count > MAX_CHAIN)
    throw new FtmError('FTM_MALFORMED', `GET_CERT answer announces ${count ?? 'no'} certificates (1..${MAX_CHAIN})`);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const chain: Uint8Array[] = [];
  let at = 1;
  for (let i = 0; i < count; i++) {
    if (at + 2 > payload.length)
      throw new FtmError('FTM_MALFORMED', `GET_CERT answer ends inside certificate ${i}'s length`);
    const length = view.getUint16(at);
    if (length === 0 || at + 2 + length > payload.length)
      throw new FtmError('FTM_MALFORMED', `certificate ${i} of ${length} bytes does not fit the answer`);
    chain.push(payload.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  if (at !== payload.length)
    throw new FtmError('FTM_MALFORMED', `${payload.length - at} bytes after the last certificate`);
  return chain;
}

// ------------------------------------------------------------------ SIGN

export const CHALLENGE_MIN = 16;
export const CHALLENGE_MAX = 64;

/** Signature algorithm byte in the SIGN answer. Only RSASSA-PKCS1-v1_5 with SHA-256 is defined. */
export const SignAlgorithm = { RS256: 0x01 } as const;

/**
 * What the chip key signs: a fixed domain string, a NUL, then the challenge. The NUL can never
 * occur in a JWS signing input (base64url and '.'), so a host cannot use SIGN to obtain the
 * chip's signature over a forged Digital ID or any other JWS.
 */
export const POP_DOMAIN = new TextEncoder().encode('PartnerDesk-FTM-PoP\0');

export function popMessage(challenge: Uint8Array): Uint8Array {
  const m = new Uint8Array(POP_DOMAIN.length + challenge.length);
  m.set(POP_DOMAIN);
  m.set(challenge, POP_DOMAIN.length);
  return m;
}

export function encodeSignature(algorithm: number, signature: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + signature.length);
  out[0] = algorithm;
  out.set(signature, 1);
  return out;
}

export function decodeSignature(payload: Uint8Array): {
  algorithm: 'RS256';
  signature: Uint8Array;
} {
  if (payload.length < 2) throw new FtmError('FTM_MALFORMED', 'SIGN answer without a signature');
  if (payload[0] !== SignAlgorithm.RS256)
    throw new FtmError('FTM_UNSUPPORTED', `signature algorithm 0x${payload[0]!.toString(16)} is not defined`);
  return { algorithm: 'RS256', signature: payload.slice(1) };
}
