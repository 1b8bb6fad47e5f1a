/**
 * The pieces of the IDA exchange decoded independently: the AES-GCM block layout keymanager reads
 * (ciphertext ‖ tag ‖ 16-byte IV), IDA's time format, and the test matcher's record digest, which
 * ignores what a live capture changes (time, quality, finger position) and nothing else.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdaCryptoError, openAesGcm, parseIdaTime, sealAesGcm } from '../../main/core/ida/crypto.ts';
import { sha256TestMatcher, testRecordDigest } from '../../main/core/id-service/matcher.ts';
import { faceRecord, fingerRecord } from '../../native/virtual/sbi/iso19794.ts';
import { findSamplesDir, loadSamples } from '../../native/virtual/sbi/biometrics.ts';

const key = Buffer.alloc(32, 9);
const iv = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

describe('AES-256-GCM block as keymanager lays it out', () => {
  it('is ciphertext ‖ 16-byte tag ‖ 16-byte IV, opened by a plain decipher', () => {
    const sealed = sealAesGcm(key, Buffer.from('{"a":1}'), iv);
    expect(sealed.length).toBe(7 + 16 + 16);
    expect(sealed.subarray(-16)).toEqual(iv);
    const d = createDecipheriv('aes-256-gcm', key, iv);
    d.setAuthTag(sealed.subarray(7, 23));
    expect(Buffer.concat([d.update(sealed.subarray(0, 7)), d.final()]).toString()).toBe('{"a":1}');
    expect(openAesGcm(key, sealed).toString()).toBe('{"a":1}');
  });

  it('refuses a flipped bit, a short block and a wrong key with IdaCryptoError', () => {
    const sealed = sealAesGcm(key, Buffer.from('hello'), iv);
    sealed.writeUInt8(sealed.readUInt8(0) ^ 1, 0);
    expect(() => openAesGcm(key, sealed)).toThrow(IdaCryptoError);
    expect(() => openAesGcm(key, Buffer.alloc(20))).toThrow(IdaCryptoError);
    expect(() => openAesGcm(Buffer.alloc(16), sealAesGcm(key, Buffer.from('x'), iv))).toThrow(IdaCryptoError);
  });

  it('reads IDA times with or without milliseconds and refuses anything else', () => {
    expect(parseIdaTime('2026-11-21T09:00:00.123Z')).toBe(Date.parse('2026-11-21T09:00:00.123Z'));
    expect(parseIdaTime('2026-11-21T09:00:00+01:00')).toBe(Date.parse('2026-11-21T08:00:00Z'));
    for (const bad of ['2026-11-21 09:00:00Z', '2026-11-21T09:00Z', 'yesterday', 17, null, '2026-13-01T00:00:00Z'])
      expect(parseIdaTime(bad)).toBeNull();
  });
});

describe('the SHA-256 test matcher', () => {
  const samples = loadSamples(findSamplesDir());
  const finger = (name: string, position: number, when: Date, quality: number) => {
    const s = samples.get(name)!;
    return fingerRecord({
      image: s.image,
      info: s.info,
      purpose: 'Auth',
      captureTime: when,
      quality,
      position,
    });
  };
  const a = finger('finger-auth-1', 2, new Date('2026-01-01T00:00:00Z'), 80);

  it('gives one digest for the same sample captured at another time, quality and position', () => {
    const b = finger('finger-auth-1', 0, new Date('2027-06-30T12:34:56.789Z'), 41);
    expect(a.equals(b)).toBe(false);
    expect(testRecordDigest('Finger', a)).toBe(testRecordDigest('Finger', b));
    expect(testRecordDigest('Finger', a)).not.toBe(createHash('sha256').update(a).digest('hex'));
  });

  it('gives another digest for another sample, and none for a record that is not one', () => {
    expect(testRecordDigest('Finger', finger('finger-auth-2', 2, new Date(0), 80))).not.toBe(
      testRecordDigest('Finger', a),
    );
    expect(testRecordDigest('Iris', a)).toBeNull();
    expect(testRecordDigest('Finger', a.subarray(0, a.length - 1))).toBeNull();
    expect(testRecordDigest('Finger', Buffer.alloc(10))).toBeNull();
    const face = samples.get('face-auth')!;
    expect(
      testRecordDigest(
        'Face',
        faceRecord({
          image: face.image,
          info: face.info,
          purpose: 'Auth',
          captureTime: new Date(0),
          quality: 50,
        }),
      ),
    ).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches a finger with any enrolled hit of a compatible sub-type; an unknown modality is not enrolled', async () => {
    const gallery = [
      {
        bioType: 'Finger' as const,
        bioSubType: 'Right IndexFinger',
        digest: testRecordDigest('Finger', a)!,
        record: () => a,
      },
    ];
    expect(await sha256TestMatcher.match([{ bioType: 'Finger', bioSubType: 'UNKNOWN', record: a }], gallery)).toEqual({
      matched: true,
    });
    expect(
      await sha256TestMatcher.match([{ bioType: 'Finger', bioSubType: 'Left Thumb', record: a }], gallery),
    ).toEqual({ matched: false, reason: 'noMatch' });
    expect(await sha256TestMatcher.match([{ bioType: 'Iris', bioSubType: 'Left', record: a }], gallery)).toEqual({
      matched: false,
      reason: 'notEnrolled',
    });
    expect(
      await sha256TestMatcher.match(
        [{ bioType: 'Finger', bioSubType: 'UNKNOWN', record: Buffer.from('FIR\0junk') }],
        gallery,
      ),
    ).toEqual({ matched: false, reason: 'invalidSample' });
    expect(sha256TestMatcher.isTestMatcher).toBe(true);
  });
});
