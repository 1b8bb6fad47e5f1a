/**
 * Biometric matching behind one interface, so a real SDK (MOSIP's BioSDK `verify`) can take the
 * place of the default. The default is a TEST MATCHER, as MOSIP's mock bio-SDK is (ida.md §7): a
 * probe matches a gallery record when the SHA-256 of the ISO 19794 record is the same. It proves
 * the plumbing, not anybody's identity: only the exact enrolled sample matches.
 *
 * One difference from the mock SDK, which compares the stored bytes as they are: a live device
 * writes the capture's date and time and its quality score into every record, and names the
 * finger or eye it was asked for, so the digest is taken with those capture-session fields set to
 * zero (testRecordDigest). Sub-types are compared as IDA does: a named sub-type only with the same
 * sub-type, UNKNOWN with all.
 */
import { createHash } from 'node:crypto';

export type BioType = 'Finger' | 'Iris' | 'Face';

export interface ProbeSample {
  bioType: BioType;
  /** '' for face; 'UNKNOWN' when the device did not name it. */
  bioSubType: string;
  record: Uint8Array;
}

export interface GallerySample {
  bioType: BioType;
  bioSubType: string;
  /** testRecordDigest of the enrolled record. */
  digest: string;
  /** The enrolled record itself (unwrapped on demand), for a matcher that needs the image. */
  record: () => Uint8Array;
}

export type MatchVerdict = { matched: true } | { matched: false; reason: 'noMatch' | 'notEnrolled' | 'invalidSample' };

export interface BiometricMatcher {
  /** Shown in docs and logs; a test matcher says so. */
  readonly name: string;
  readonly isTestMatcher: boolean;
  /** Every modality in the probe must match (IDA's rule); one verdict for the whole request. */
  match(probe: readonly ProbeSample[], gallery: readonly GallerySample[]): Promise<MatchVerdict>;
}

const FORMATS: Record<BioType, { magic: string; rep: number }> = {
  Finger: { magic: 'FIR\0', rep: 16 },
  Iris: { magic: 'IIR\0', rep: 16 },
  Face: { magic: 'FAC\0', rep: 17 },
};

/**
 * SHA-256 (hex) of an ISO 19794-4/-5/-6:2011 record with its capture date/time, quality scores and
 * finger position / eye label zeroed; null when the bytes are not one record of that modality
 * (wrong format identifier, a length that disagrees with the bytes, truncated headers).
 */
export function testRecordDigest(bioType: BioType, record: Uint8Array): string | null {
  const f = FORMATS[bioType];
  const b = Buffer.from(record);
  if (b.length < f.rep + 24 || b.subarray(0, 4).toString('latin1') !== f.magic) return null;
  if (b.readUInt32BE(8) !== b.length) return null;
  const copy = Buffer.from(b);
  const rep = f.rep;
  copy.fill(0, rep + 4, rep + 13); // capture date and time
  const qualityBlocks = copy[rep + 18] ?? 0;
  const afterQuality = rep + 19 + qualityBlocks * 5;
  if (afterQuality + 3 > copy.length) return null;
  for (let i = 0; i < qualityBlocks; i++) copy[rep + 19 + i * 5] = 0; // quality scores
  if (bioType === 'Finger') copy[afterQuality] = 0; // finger position
  if (bioType === 'Iris') copy[afterQuality + 2] = 0; // eye label, after the representation number
  return createHash('sha256').update(copy).digest('hex');
}

const sameSubType = (probe: string, gallery: string) =>
  probe === 'UNKNOWN' || probe === '' || gallery === 'UNKNOWN' || probe === gallery;

/** The default matcher: exact digest equality per modality (Finger and Iris: any hit; Face: every probe). */
export const sha256TestMatcher: BiometricMatcher = {
  name: 'SHA-256 test matcher (exact enrolled sample only)',
  isTestMatcher: true,
  async match(probe, gallery) {
    const modalities = [...new Set(probe.map((p) => p.bioType))];
    for (const modality of modalities) {
      const enrolled = gallery.filter((g) => g.bioType === modality);
      if (enrolled.length === 0) return { matched: false, reason: 'notEnrolled' };
      const hits: boolean[] = [];
      for (const p of probe.filter((x) => x.bioType === modality)) {
        const digest = testRecordDigest(modality, p.record);
        if (digest === null) return { matched: false, reason: 'invalidSample' };
        hits.push(enrolled.some((g) => sameSubType(p.bioSubType, g.bioSubType) && g.digest === digest));
      }
      const ok = modality === 'Face' ? hits.every(Boolean) : hits.some(Boolean);
      if (!ok) return { matched: false, reason: 'noMatch' };
    }
    return { matched: true };
  },
};
