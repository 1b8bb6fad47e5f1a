/**
 * Enrolled identities: demographics (the claims e-KYC may release) and biometric records. The
 * records rest wrapped under the host's KEK; the gallery the matcher sees carries each record's
 * test digest and unwraps the record only if a matcher asks for it.
 */
import type { ReadDb, WriteDb } from '../context.ts';
import type { KeyWrap } from '../../../lib/keys/wrap.ts';
import { testRecordDigest } from './matcher.ts';
import type { BioType, GallerySample } from './matcher.ts';

export interface EnrolBiometric {
  bioType: BioType;
  bioSubType: string;
  /** The ISO 19794 record. */
  record: Uint8Array;
}

export interface EnrolIdentity {
  individualId: string;
  individualIdType: 'UIN' | 'VID';
  demographics: Record<string, string>;
  biometrics: readonly EnrolBiometric[];
}

/** Why a record cannot be enrolled (index of the first bad one), or null. */
export function badRecord(biometrics: readonly EnrolBiometric[]): number | null {
  const i = biometrics.findIndex((b) => testRecordDigest(b.bioType, b.record) === null);
  return i < 0 ? null : i;
}

/** Inserts or replaces an identity and its records; the caller runs it inside its command. */
export function storeIdentity(
  db: WriteDb,
  keyWrap: KeyWrap,
  identity: EnrolIdentity,
  actor: string,
  time: string,
): { replaced: boolean } {
  const replaced =
    db.prepare('DELETE FROM ida_identity WHERE individual_id = ?').run(identity.individualId).changes > 0;
  db.prepare(
    'INSERT INTO ida_identity (individual_id, id_type, demographics, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
  ).run(identity.individualId, identity.individualIdType, JSON.stringify(identity.demographics), time, actor);
  const insert = db.prepare(
    'INSERT INTO ida_biometric (individual_id, seq, bio_type, bio_sub_type, record_digest, wrapped_record) VALUES (?, ?, ?, ?, ?, ?)',
  );
  identity.biometrics.forEach((b, seq) => {
    const digest = testRecordDigest(b.bioType, b.record);
    if (digest === null) throw new RangeError(`biometric ${seq} is not an ISO 19794 ${b.bioType} record`);
    insert.run(
      identity.individualId,
      seq,
      b.bioType,
      b.bioType === 'Face' ? '' : b.bioSubType,
      digest,
      keyWrap.wrap(Buffer.from(b.record)),
    );
  });
  return { replaced };
}

export interface EnrolledIdentity {
  individualId: string;
  idType: 'UIN' | 'VID';
  demographics: Record<string, string>;
  gallery: GallerySample[];
}

export function loadIdentity(db: ReadDb, keyWrap: KeyWrap, individualId: string): EnrolledIdentity | null {
  const row = db
    .prepare('SELECT individual_id, id_type, demographics FROM ida_identity WHERE individual_id = ?')
    .get(individualId) as { individual_id: string; id_type: 'UIN' | 'VID'; demographics: string } | undefined;
  if (!row) return null;
  const records = db
    .prepare(
      'SELECT bio_type, bio_sub_type, record_digest, wrapped_record FROM ida_biometric WHERE individual_id = ? ORDER BY seq',
    )
    .all(individualId) as Array<{
    bio_type: BioType;
    bio_sub_type: string;
    record_digest: string;
    wrapped_record: Buffer;
  }>;
  return {
    individualId: row.individual_id,
    idType: row.id_type,
    demographics: JSON.parse(row.demographics) as Record<string, string>,
    gallery: records.map((r) => ({
      bioType: r.bio_type,
      bioSubType: r.bio_sub_type,
      digest: r.record_digest,
      record: () => keyWrap.unwrap(r.wrapped_record),
    })),
  };
}
