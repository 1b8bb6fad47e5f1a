import type { KeyObject } from 'node:crypto';
import { JSON_SCHEMA, load } from 'js-yaml';
import { AppError } from '../contract/index.ts';
import type { FeedStamp } from '../core/releases/feed.ts';
import { releasePublicKey, verifyDocument } from '../core/releases/key.ts';
import { hashFile, parseMetadata } from '../core/releases/metadata.ts';
import type { ReleaseMetadata } from '../core/releases/metadata.ts';
import { compareVersions } from '../core/releases/semver.ts';

/** A feed document whose signature verified with the pinned key, and what it says. */
export interface VerifiedFeed {
  metadata: ReleaseMetadata;
  stamp: FeedStamp;
  /** The parsed document, for electron-updater (it reads the same fields). */
  document: Record<string, unknown>;
  /** Older than the running version, allowed because the admin pinned it. */
  downgrade: boolean;
}

export interface FeedExpectation {
  publicKey: KeyObject;
  channel: string;
  metadataName: string;
  runningVersion: string;
  /** signedAt of the newest document this desk accepted before (replays of older ones are refused). */
  lastSignedAt: string | null;
}

/** The release key pinned in config.json (base64 raw Ed25519); PD_UPDATE_013 when absent or unusable. */
export function pinnedReleaseKey(base64: string | null): KeyObject {
  const raw = base64 ? Buffer.from(base64, 'base64') : Buffer.alloc(0);
  if (raw.length !== 32)
    throw new AppError(
      'PD_UPDATE_013',
      'No release key is pinned on this desk (config.json updates.releaseKey): updates are off.',
    );
  return releasePublicKey(raw);
}

/**
 * The desk's check of a feed before electron-updater sees a single field of it: the detached
 * Ed25519 signature over the exact bytes received (PD_UPDATE_010), the stamp inside (channel and
 * platform file it was signed for, not older than the last accepted one: PD_UPDATE_015), the
 * metadata's shape (PD_UPDATE_001), and no downgrade unless the admin pinned it (PD_UPDATE_012).
 */
export function verifyFeed(bytes: Buffer, signature: string | null, expect: FeedExpectation): VerifiedFeed {
  if (!signature || !verifyDocument(expect.publicKey, bytes, signature)) {
    throw new AppError(
      'PD_UPDATE_010',
      `The update feed ${expect.metadataName} is not signed with this deployment's release key.`,
    );
  }
  const text = bytes.toString('utf8');
  const document = load(text, { schema: JSON_SCHEMA }) as Record<string, unknown>;
  const raw = (document.partnerDesk ?? {}) as Partial<Record<keyof FeedStamp, unknown>>;
  const policy = raw.policy === 'automatic' || raw.policy === 'ask' || raw.policy === 'never' ? raw.policy : null;
  if (
    raw.channel !== expect.channel ||
    raw.metadataName !== expect.metadataName ||
    policy === null ||
    typeof raw.signedAt !== 'string' ||
    typeof raw.pinned !== 'boolean'
  ) {
    throw new AppError(
      'PD_UPDATE_015',
      `The signed feed is for ${String(raw.channel)}/${String(raw.metadataName)}, not ${expect.channel}/${expect.metadataName}.`,
    );
  }
  if (expect.lastSignedAt !== null && raw.signedAt < expect.lastSignedAt) {
    throw new AppError(
      'PD_UPDATE_015',
      `The signed feed (${raw.signedAt}) is older than one this desk already accepted (${expect.lastSignedAt}).`,
    );
  }
  const stamp: FeedStamp = {
    channel: raw.channel,
    metadataName: raw.metadataName,
    policy,
    pinned: raw.pinned,
    signedAt: raw.signedAt,
  };
  const metadata = parseMetadata(text);
  const older = compareVersions(metadata.version, expect.runningVersion) < 0;
  if (older && !stamp.pinned) {
    throw new AppError(
      'PD_UPDATE_012',
      `The server offers ${metadata.version}, older than the running ${expect.runningVersion}, and no administrator pinned it.`,
      { version: metadata.version },
    );
  }
  return { metadata, stamp, document, downgrade: older };
}

/**
 * The downloaded installer against the signed metadata, right before it is installed
 * (PD_UPDATE_011): electron-updater's own sha512 check reads the same signed value, this one runs
 * on the file as it is on disk at install time.
 */
export async function verifyDownloadedFile(path: string, feed: VerifiedFeed): Promise<void> {
  const seen = await hashFile(path).catch(() => null);
  const match = seen !== null && feed.metadata.files.some((f) => f.sha512 === seen.sha512 && f.size === seen.size);
  if (!match)
    throw new AppError(
      'PD_UPDATE_011',
      'The downloaded update does not match its signed description; it was not installed.',
    );
}
