import { dump } from 'js-yaml';
import type { WriteDb } from '../context.ts';
import type { KeyWrap } from '../../../lib/keys/wrap.ts';
import { signDocument } from './key.ts';
import type { ReleaseMetadata } from './metadata.ts';
import { compareVersions } from './semver.ts';

/**
 * What a desk reads besides electron-builder's fields, inside the signed document: the channel
 * and file it was signed for (so a beta or Windows document cannot be served as stable Linux), the
 * admin's policy and pin, and when it was signed (a desk refuses a document older than one it
 * already accepted: an old signed feed cannot be replayed).
 */
export interface FeedStamp {
  channel: string;
  metadataName: string;
  policy: 'automatic' | 'ask' | 'never';
  /** The admin pinned this version: desks install it even when it is older than theirs. */
  pinned: boolean;
  signedAt: string;
}

export interface FeedRelease extends ReleaseMetadata {
  rollout: number;
}

/** The served latest*.yml: electron-builder's fields, the staging percentage, our stamp. */
export function feedDocument(release: FeedRelease, stamp: FeedStamp): string {
  const [first] = release.files;
  const doc: Record<string, unknown> = {
    version: release.version,
    files: release.files.map((f) => ({ url: f.url, sha512: f.sha512, size: f.size })),
    // Older electron-updater versions read the top-level path/sha512.
    path: first?.url,
    sha512: first?.sha512,
    ...(release.releaseDate ? { releaseDate: release.releaseDate } : {}),
    ...(release.releaseNotes ? { releaseNotes: release.releaseNotes } : {}),
    ...(release.rollout < 100 ? { stagingPercentage: release.rollout } : {}),
    partnerDesk: { ...stamp },
  };
  return dump(doc, { lineWidth: -1, noRefs: true });
}

interface ReleaseRow {
  id: string;
  metadata_name: string;
  version: string;
  release_notes: string | null;
  release_date: string | null;
  rollout: number;
}

/**
 * Re-signs what a channel serves after anything about it changed (a publish, a rollout, the
 * policy or the pin): per platform file, the pinned version if it is published there, else the
 * highest version. Runs inside the command's transaction with the unwrapped key.
 */
export function refreshChannelFeeds(db: WriteDb, keyWrap: KeyWrap, channel: string, signedAt: string): void {
  const key = db.prepare('SELECT wrapped_private_key FROM release_key WHERE id = 1').get() as
    { wrapped_private_key: Buffer } | undefined;
  if (!key) return;
  const pkcs8 = keyWrap.unwrap(key.wrapped_private_key);
  const settings = db.prepare('SELECT policy, pinned_version FROM release_channel WHERE channel = ?').get(channel) as {
    policy: FeedStamp['policy'];
    pinned_version: string | null;
  };
  const rows = db
    .prepare('SELECT id, metadata_name, version, release_notes, release_date, rollout FROM release WHERE channel = ?')
    .all(channel) as ReleaseRow[];
  const byName = new Map<string, ReleaseRow[]>();
  for (const r of rows) byName.set(r.metadata_name, [...(byName.get(r.metadata_name) ?? []), r]);
  const files = db.prepare('SELECT url, sha512, size FROM release_file WHERE release_id = ? ORDER BY rowid');
  const upsert = db.prepare(
    `INSERT INTO release_feed (channel, metadata_name, release_id, document, signature) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (channel, metadata_name) DO UPDATE SET release_id = excluded.release_id, document = excluded.document, signature = excluded.signature`,
  );
  for (const [metadataName, list] of byName) {
    const pinned =
      settings.pinned_version === null ? undefined : list.find((r) => r.version === settings.pinned_version);
    const served = pinned ?? list.reduce((a, b) => (compareVersions(b.version, a.version) > 0 ? b : a));
    const document = feedDocument(
      {
        version: served.version,
        files: files.all(served.id) as FeedRelease['files'],
        releaseNotes: served.release_notes,
        releaseDate: served.release_date,
        rollout: pinned ? 100 : served.rollout,
      },
      { channel, metadataName, policy: settings.policy, pinned: pinned !== undefined, signedAt },
    );
    upsert.run(channel, metadataName, served.id, document, signDocument(pkcs8, document));
  }
}
