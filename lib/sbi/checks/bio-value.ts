/**
 * The biometric record inside `data.bioValue`: base64url of the ISO 19794 record for RCAPTURE,
 * AES-GCM ciphertext under a session key for CAPTURE (sbi.md §2.5), which only the holder of the
 * encryption key can open — so decryption is a callback (the bench plugs its own key; the desk
 * usually has none and the record, and with it the hash, is then not checkable). The format
 * identifier of the record must match bioType; the full ISO checks belong to the bench.
 */
import { SbiError } from '../errors.ts';
import { base64UrlBytes } from '../wire/index.ts';
import type { BioType, CaptureData, CaptureItem } from '../wire/index.ts';
import { fail, failFrom, pass, skip } from './types.ts';
import type { Check } from './types.ts';

/** What a decryptor gets: the fields as the device sent them. */
export interface EncryptedBioInput {
  bioValue: string;
  sessionKey: string;
  thumbprint: string | null;
  timestamp: string;
  transactionId: string;
}
/** Returns the plaintext ISO record; throws SbiError (SBI_DECRYPT) when it cannot. */
export type BioDecryptor = (item: EncryptedBioInput) => Uint8Array;

const FORMAT_IDS: Record<BioType, string> = { Finger: 'FIR\0', Iris: 'IIR\0', Face: 'FAC\0' };

export type IsoOrReason = Uint8Array | { unavailable: string };

export function readBioValue(
  data: CaptureData,
  item: CaptureItem,
  encrypted: boolean,
  subject: string,
  decrypt?: BioDecryptor,
): { check: Check; iso: IsoOrReason } {
  const name = `${subject}.bioValue`;
  let iso: Uint8Array;
  try {
    if (!encrypted) iso = base64UrlBytes(data.bioValue, `${subject}.data.bioValue`);
    else if (!decrypt)
      return {
        check: skip(name, 'hash', 'encrypted; no decryption key'),
        iso: { unavailable: 'encrypted; no decryption key' },
      };
    else {
      iso = decrypt({
        bioValue: data.bioValue,
        sessionKey: item.sessionKey ?? '',
        thumbprint: item.thumbprint ?? null,
        timestamp: data.timestamp,
        transactionId: data.transactionId,
      });
    }
  } catch (e) {
    if (!(e instanceof SbiError)) throw e;
    return { check: failFrom(name, 'hash', e), iso: { unavailable: 'record not readable' } };
  }
  const want = FORMAT_IDS[data.bioType];
  const got = Buffer.from(iso.subarray(0, 4)).toString('latin1');
  if (got !== want) {
    return {
      check: fail(name, 'hash', 'SBI_ISO_RECORD', `a ${data.bioType} record must start with ${JSON.stringify(want)}`, {
        expected: want.trim(),
        actual: Buffer.from(iso.subarray(0, 4)).toString('hex'),
      }),
      iso,
    };
  }
  return { check: pass(name, 'hash', `${iso.length} bytes`), iso };
}
