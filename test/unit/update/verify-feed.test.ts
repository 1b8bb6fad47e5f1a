import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { feedDocument } from '../../../main/core/releases/feed.ts';
import type { FeedStamp } from '../../../main/core/releases/feed.ts';
import { releaseKeyFromSeed, releasePublicKey, signDocument } from '../../../main/core/releases/key.ts';
import { compareVersions } from '../../../main/core/releases/semver.ts';
import { pinnedReleaseKey, verifyFeed } from '../../../main/update/verify.ts';

const key = releaseKeyFromSeed(Buffer.alloc(32, 1));
const publicKey = releasePublicKey(key.publicKey);
const sha512 = createHash('sha512').update('installer').digest('base64');
const stamp: FeedStamp = {
  channel: 'stable',
  metadataName: 'latest-linux.yml',
  policy: 'ask',
  pinned: false,
  signedAt: '2026-12-01T08:00:00.000Z',
};
const release = {
  version: '1.2.0',
  files: [{ url: 'pd_1.2.0_amd64.deb', sha512, size: 9 }],
  releaseNotes: 'n',
  releaseDate: null,
  rollout: 100,
};
const expect0 = {
  publicKey,
  channel: 'stable',
  metadataName: 'latest-linux.yml',
  runningVersion: '1.1.0',
  lastSignedAt: null,
};
const signed = (doc: string) => [Buffer.from(doc), signDocument(key.pkcs8, doc)] as const;

describe('the desk’s feed check', () => {
  it('accepts a document signed by the pinned key for its channel and file', () => {
    const [bytes, sig] = signed(feedDocument(release, stamp));
    expect(verifyFeed(bytes, sig, expect0)).toMatchObject({
      metadata: { version: '1.2.0' },
      stamp,
      downgrade: false,
    });
  });

  it('refuses a missing, malformed or foreign signature, and a changed byte (PD_UPDATE_010)', () => {
    const [bytes, sig] = signed(feedDocument(release, stamp));
    const other = signDocument(releaseKeyFromSeed(Buffer.alloc(32, 2)).pkcs8, bytes.toString());
    for (const s of [null, '', 'not base64 at all', sig.slice(0, 40), other])
      expect(() => verifyFeed(bytes, s, expect0)).toThrow(expect.objectContaining({ code: 'PD_UPDATE_010' }));
    const flipped = Buffer.from(bytes);
    flipped.writeUInt8(flipped.readUInt8(10) ^ 1, 10);
    expect(() => verifyFeed(flipped, sig, expect0)).toThrow(expect.objectContaining({ code: 'PD_UPDATE_010' }));
  });

  it('refuses a signed document of another channel or platform, without a stamp, or older than one accepted (PD_UPDATE_015)', () => {
    const cases = [
      feedDocument(release, { ...stamp, channel: 'beta' }),
      feedDocument(release, { ...stamp, metadataName: 'latest.yml' }),
      'version: 1.2.0\nfiles: []\n',
    ];
    for (const doc of cases) {
      const [bytes, sig] = signed(doc);
      expect(() => verifyFeed(bytes, sig, expect0)).toThrow(expect.objectContaining({ code: 'PD_UPDATE_015' }));
    }
    const [bytes, sig] = signed(feedDocument(release, stamp));
    expect(() => verifyFeed(bytes, sig, { ...expect0, lastSignedAt: '2026-12-02T00:00:00.000Z' })).toThrow(
      expect.objectContaining({ code: 'PD_UPDATE_015' }),
    );
  });

  it('refuses signed metadata a desk could not install (PD_UPDATE_001)', () => {
    const [bytes, sig] = signed(feedDocument({ ...release, files: [{ url: '../evil.deb', sha512, size: 9 }] }, stamp));
    expect(() => verifyFeed(bytes, sig, expect0)).toThrow(expect.objectContaining({ code: 'PD_UPDATE_001' }));
  });

  it('refuses an older version unless the signed stamp says the admin pinned it (PD_UPDATE_012)', () => {
    const [bytes, sig] = signed(feedDocument(release, stamp));
    expect(() => verifyFeed(bytes, sig, { ...expect0, runningVersion: '2.0.0' })).toThrow(
      expect.objectContaining({ code: 'PD_UPDATE_012' }),
    );
    const [pb, ps] = signed(feedDocument(release, { ...stamp, pinned: true }));
    expect(verifyFeed(pb, ps, { ...expect0, runningVersion: '2.0.0' })).toMatchObject({
      downgrade: true,
    });
  });

  it('needs a pinned key of the right size (PD_UPDATE_013)', () => {
    for (const k of [null, '', 'AAAA', Buffer.alloc(31).toString('base64')])
      expect(() => pinnedReleaseKey(k)).toThrow(expect.objectContaining({ code: 'PD_UPDATE_013' }));
    expect(pinnedReleaseKey(key.publicKey.toString('base64')).asymmetricKeyType).toBe('ed25519');
  });
});

describe('version order', () => {
  it('orders as semver.org §11', () => {
    const sorted = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 1; i < sorted.length; i++) {
      expect(compareVersions(sorted[i - 1]!, sorted[i]!)).toBe(-1);
      expect(compareVersions(sorted[i]!, sorted[i - 1]!)).toBe(1);
    }
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
  });
});
