import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../../lib/private-files.ts';
import type { FeedExpectation, VerifiedFeed } from './verify.ts';
import { pinnedReleaseKey, verifyDownloadedFile, verifyFeed } from './verify.ts';

export interface GuardOptions {
  /** config.json updates.releaseKey, pinned at install. */
  releaseKey: string | null;
  channel: string;
  runningVersion: string;
  /** Where the newest accepted signedAt is kept (the desk's data directory). */
  stateDir: string;
}

/**
 * What stands between the update server and the installer: every feed document goes through
 * `acceptFeed` (signature, stamp, no downgrade) before electron-updater parses it, and the
 * downloaded file through `acceptDownload` before it is installed. Keeps the newest signedAt it
 * accepted on disk, so an old signed document replayed later is refused.
 */
export class FeedGuard {
  private verified: VerifiedFeed | null = null;
  private readonly stateFile: string;

  constructor(private readonly options: GuardOptions) {
    this.stateFile = join(options.stateDir, 'update-feed.json');
  }

  get lastVerified(): VerifiedFeed | null {
    return this.verified;
  }

  private lastSignedAt(): string | null {
    try {
      const v = (JSON.parse(readFileSync(this.stateFile, 'utf8')) as { signedAt?: unknown }).signedAt;
      return typeof v === 'string' ? v : null;
    } catch {
      return null;
    }
  }

  acceptFeed(bytes: Buffer, signature: string | null, metadataName: string): VerifiedFeed {
    this.verified = null;
    const expect: FeedExpectation = {
      publicKey: pinnedReleaseKey(this.options.releaseKey),
      channel: this.options.channel,
      metadataName,
      runningVersion: this.options.runningVersion,
      lastSignedAt: this.lastSignedAt(),
    };
    const feed = verifyFeed(bytes, signature, expect);
    writePrivateFile(this.stateFile, JSON.stringify({ signedAt: feed.stamp.signedAt }));
    this.verified = feed;
    return feed;
  }

  async acceptDownload(path: string): Promise<void> {
    const feed = this.verified;
    if (!feed) throw new Error('no verified feed for this download');
    await verifyDownloadedFile(path, feed);
  }
}
