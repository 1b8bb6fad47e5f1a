import { AppError } from '../../contract/index.ts';
import type { Output } from '../../contract/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';
import type { HandlerMap } from '../handlers.ts';
import { action, command, query } from '../handlers.ts';
import { newUuid } from '../ids.ts';
import { syncRole } from '../sync/node.ts';
import { refreshChannelFeeds } from './feed.ts';
import { releaseKeyFromSeed } from './key.ts';
import type { ReleaseMetadata } from './metadata.ts';
import { parseMetadata } from './metadata.ts';
import { verifyStored } from './store.ts';
import { unsupportedUpdates } from './updates.ts';
import type { DeskUpdatePort } from './updates.ts';

type ReleaseMethod = 'releases.publish' | 'releases.setRollout' | 'releases.setChannel' | 'releases.list';
type UpdateMethod = 'updates.status' | 'updates.check' | 'updates.download' | 'updates.cancel' | 'updates.install';

/** Releases are the server's (or a standalone install's): a desk follows its server's feed. */
function notOnDesk(db: ReadDb | WriteDb): void {
  if (syncRole(db) === 'desk')
    throw new AppError('PD_SYNC_004', 'Releases are published on the server this desk syncs with.');
}

/** Creates the release key on first use; its seed comes from the command's seeded source. */
function ensureReleaseKey(db: WriteDb, wrap: (plain: Buffer) => Buffer, seed: Buffer, time: string): void {
  const key = releaseKeyFromSeed(seed);
  db.prepare(
    'INSERT INTO release_key (id, public_key, wrapped_private_key, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  ).run(key.publicKey, wrap(key.pkcs8), time);
}

interface ReleaseRecord {
  id: string;
  channel: 'stable' | 'beta';
  metadata_name: string;
  version: string;
  release_notes: string | null;
  rollout: number;
  published_at: string;
  published_by: string;
  served: number;
}

export const releaseHandlers: HandlerMap<ReleaseMethod | UpdateMethod> = {
  'releases.publish': command<'releases.publish', ReleaseMetadata>({
    module: 'releases',
    // Outside the transaction: parse, then hash every stored artefact against the metadata.
    async prepare(ctx, input) {
      notOnDesk(ctx.db);
      const metadata = parseMetadata(input.metadata);
      for (const file of metadata.files) await verifyStored(ctx.deps.dataDir, file);
      return metadata;
    },
    apply(ctx, input, metadata) {
      notOnDesk(ctx.db);
      const time = ctx.now.toISOString();
      const taken = ctx.db
        .prepare('SELECT 1 FROM release WHERE channel = ? AND metadata_name = ? AND version = ?')
        .get(input.channel, input.metadataName, metadata.version);
      if (taken)
        throw new AppError(
          'PD_UPDATE_003',
          `${metadata.version} is already published on ${input.channel} (${input.metadataName}); publish a new version.`,
          { version: metadata.version },
        );
      ensureReleaseKey(ctx.db, (p) => ctx.deps.keyWrap.wrap(p), ctx.deps.randomBytes(32), time);
      const id = newUuid(ctx.deps);
      ctx.db
        .prepare(
          'INSERT INTO release (id, channel, metadata_name, version, metadata, release_notes, release_date, rollout, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          id,
          input.channel,
          input.metadataName,
          metadata.version,
          input.metadata,
          metadata.releaseNotes,
          metadata.releaseDate,
          input.rollout,
          time,
          ctx.actor?.userId ?? 'system',
        );
      const addFile = ctx.db.prepare('INSERT INTO release_file (release_id, url, sha512, size) VALUES (?, ?, ?, ?)');
      for (const f of metadata.files) addFile.run(id, f.url, f.sha512, f.size);
      refreshChannelFeeds(ctx.db, ctx.deps.keyWrap, input.channel, time);
      ctx.changed('releases');
      const output = {
        releaseId: id,
        version: metadata.version,
        channel: input.channel,
        rollout: input.rollout,
        files: metadata.files,
      };
      return {
        output,
        ref: { type: 'release', id },
        outbox: { releaseId: id, channel: input.channel, version: metadata.version },
        replay: false,
      };
    },
  }),
  'releases.setRollout': command({
    module: 'releases',
    apply(ctx, input) {
      notOnDesk(ctx.db);
      const row = ctx.db.prepare('SELECT channel FROM release WHERE id = ?').get(input.releaseId) as
        { channel: string } | undefined;
      if (!row) throw new AppError('PD_UPDATE_005', 'No such release.');
      ctx.db.prepare('UPDATE release SET rollout = ? WHERE id = ?').run(input.rollout, input.releaseId);
      refreshChannelFeeds(ctx.db, ctx.deps.keyWrap, row.channel, ctx.now.toISOString());
      ctx.changed('releases');
      return {
        output: { ok: true as const },
        ref: { type: 'release', id: input.releaseId },
        outbox: input,
        replay: false,
      };
    },
  }),
  'releases.setChannel': command({
    module: 'releases',
    apply(ctx, input) {
      notOnDesk(ctx.db);
      const time = ctx.now.toISOString();
      if (
        input.pinnedVersion !== null &&
        !ctx.db
          .prepare('SELECT 1 FROM release WHERE channel = ? AND version = ?')
          .get(input.channel, input.pinnedVersion)
      ) {
        throw new AppError('PD_UPDATE_004', `${input.pinnedVersion} is not published on ${input.channel}.`, {
          pinnedVersion: input.pinnedVersion,
        });
      }
      ctx.db
        .prepare('UPDATE release_channel SET policy = ?, pinned_version = ?, updated_at = ? WHERE channel = ?')
        .run(input.policy, input.pinnedVersion, time, input.channel);
      refreshChannelFeeds(ctx.db, ctx.deps.keyWrap, input.channel, time);
      ctx.changed('releases');
      const output = {
        channel: input.channel,
        policy: input.policy,
        pinnedVersion: input.pinnedVersion,
        updatedAt: time,
      };
      return {
        output,
        ref: { type: 'releaseChannel', id: input.channel },
        outbox: input,
        replay: false,
      };
    },
  }),
  'releases.list': query((ctx, input) => {
    const channels = ctx.db
      .prepare(
        'SELECT channel, policy, pinned_version AS pinnedVersion, updated_at AS updatedAt FROM release_channel ORDER BY channel DESC',
      )
      .all() as Output<'releases.list'>['channels'];
    const rows = ctx.db
      .prepare(
        `SELECT r.*, EXISTS (SELECT 1 FROM release_feed f WHERE f.release_id = r.id) AS served FROM release r
         WHERE (@channel IS NULL OR r.channel = @channel) ORDER BY r.published_at DESC, r.metadata_name LIMIT 200`,
      )
      .all({ channel: input.channel ?? null }) as ReleaseRecord[];
    const files = ctx.db.prepare('SELECT url, sha512, size FROM release_file WHERE release_id = ? ORDER BY rowid');
    const key = ctx.db.prepare('SELECT public_key FROM release_key WHERE id = 1').get() as
      { public_key: Buffer } | undefined;
    return {
      channels,
      releases: rows.map((r) => ({
        releaseId: r.id,
        channel: r.channel,
        metadataName: r.metadata_name,
        version: r.version,
        files: files.all(r.id) as Output<'releases.list'>['releases'][number]['files'],
        releaseNotes: r.release_notes,
        rollout: r.rollout,
        served: r.served === 1,
        publishedAt: r.published_at,
        publishedBy: r.published_by,
      })),
      publicKey: key ? key.public_key.toString('base64') : null,
    };
  }),
  // The desk's updater, through the port the Electron host sets; a browser page has none.
  'updates.status': query((ctx) => ctx.deps.deskUpdates?.state() ?? unsupportedUpdates(ctx.deps)),
  'updates.check': action({
    module: 'updates',
    run: async (ctx) => ({ output: await portOf(ctx.deps).check() }),
  }),
  'updates.download': action({
    module: 'updates',
    run: async (ctx) => ({ output: await portOf(ctx.deps).download() }),
  }),
  'updates.cancel': action({
    module: 'updates',
    run: async (ctx) => ({ output: await portOf(ctx.deps).cancel() }),
  }),
  'updates.install': action({
    module: 'updates',
    run: async (ctx) => ({ output: await portOf(ctx.deps).install() }),
  }),
};

function portOf(deps: { deskUpdates: DeskUpdatePort | null }): DeskUpdatePort {
  if (!deps.deskUpdates)
    throw new AppError('PD_UPDATE_016', 'Updates are installed by the desktop app; this page has no installer.');
  return deps.deskUpdates;
}
