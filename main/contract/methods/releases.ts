import { z } from 'zod';
import { method } from '../spec.ts';
import { Empty, Id, Ok, Text, Timestamp } from '../common.ts';

/** Update channels a desk follows (README "Shipping installers and updates"). */
export const CHANNELS = ['stable', 'beta'] as const;
export const Channel = z.enum(CHANNELS);
/** What a desk does with an update its channel offers: install by itself, ask its user, or nothing. */
export const UpdatePolicy = z.enum(['automatic', 'ask', 'never']);
/** electron-builder's metadata files: Windows, macOS, Linux x64, Linux arm64. */
export const METADATA_NAME = /^latest(-mac|-linux(-arm64)?)?\.yml$/;
/** A semantic version as electron-builder writes it (1.2.3, 1.2.3-beta.1). */
export const SEMVER = /^\d{1,9}\.\d{1,9}\.\d{1,9}(-[0-9A-Za-z.-]{1,64})?$/;

const Rollout = z.number().int().min(1).max(100);

export const ReleaseFile = z.object({
  url: z.string(),
  size: z.number().int(),
  sha512: z.string(),
});

export const ReleaseRow = z.object({
  releaseId: z.string(),
  channel: Channel,
  metadataName: z.string(),
  version: z.string(),
  files: z.array(ReleaseFile),
  releaseNotes: z.string().nullable(),
  rollout: Rollout,
  /** The release the channel serves for this platform now. */
  served: z.boolean(),
  publishedAt: Timestamp,
  publishedBy: z.string(),
});

export const ChannelState = z.object({
  channel: Channel,
  policy: UpdatePolicy,
  pinnedVersion: z.string().nullable(),
  updatedAt: Timestamp,
});

const PUBLISH_ERRORS = ['PD_UPDATE_001', 'PD_UPDATE_002', 'PD_UPDATE_003', 'PD_SYNC_004'] as const;

/** The desk's view of its own updater (the Electron host fills it; a browser page has none). */
export const UpdateState = z.object({
  /** false: this host installs nothing (a browser page); updates come with the desktop app. */
  supported: z.boolean(),
  /** null where no app version applies (a browser page of the server). */
  runningVersion: z.string().nullable(),
  channel: Channel,
  policy: UpdatePolicy,
  phase: z.enum(['idle', 'checking', 'available', 'downloading', 'downloaded', 'installing', 'error']),
  available: z
    .object({
      version: z.string(),
      releaseNotes: z.string().nullable(),
      releaseDate: z.string().nullable(),
    })
    .nullable(),
  progress: z.object({ transferred: z.number(), total: z.number(), percent: z.number() }).nullable(),
  /** The last refusal or failure, with its stable code (PD_UPDATE_*). */
  lastError: z.object({ code: z.string(), message: z.string(), at: Timestamp }).nullable(),
  checkedAt: Timestamp.nullable(),
});

export const releaseMethods = {
  /**
   * Publishes what `npm run cli -- release publish` put in the release store: the metadata is
   * checked against the stored artefacts (sha512, size), signed with the release key and served.
   */
  'releases.publish': method({
    kind: 'command',
    changes: ['releases'],
    access: ['PARTNER_ADMIN'],
    input: z
      .object({
        channel: Channel,
        metadataName: Text({ min: 1, max: 64 }).refine((v) => METADATA_NAME.test(v), {
          message: 'latest.yml, latest-mac.yml, latest-linux.yml or latest-linux-arm64.yml',
        }),
        /** The latest*.yml text electron-builder wrote, as is. */
        metadata: Text({ min: 1, max: 64 * 1024, multiline: true, trim: false }),
        rollout: Rollout.default(100),
      })
      .strict(),
    output: z.object({
      releaseId: z.string(),
      version: z.string(),
      channel: Channel,
      rollout: Rollout,
      files: z.array(ReleaseFile),
    }),
    errors: PUBLISH_ERRORS,
    maxBytes: 96 * 1024,
  }),
  'releases.setRollout': method({
    kind: 'command',
    changes: ['releases'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ releaseId: Id, rollout: Rollout }).strict(),
    output: Ok,
    errors: ['PD_UPDATE_005', 'PD_SYNC_004'],
  }),
  /** The admin's policy for desks on a channel, and the version they must run (downgrades allowed to it). */
  'releases.setChannel': method({
    kind: 'command',
    changes: ['releases'],
    access: ['PARTNER_ADMIN'],
    input: z
      .object({
        channel: Channel,
        policy: UpdatePolicy,
        pinnedVersion: Text({ min: 1, max: 80 })
          .refine((v) => SEMVER.test(v), { message: 'a version such as 1.4.2' })
          .nullable(),
      })
      .strict(),
    output: ChannelState,
    errors: ['PD_UPDATE_004', 'PD_SYNC_004'],
  }),
  'releases.list': method({
    kind: 'query',
    reads: ['releases'],
    access: ['PARTNER_ADMIN'],
    input: z.object({ channel: Channel.optional() }).strict(),
    output: z.object({
      channels: z.array(ChannelState),
      releases: z.array(ReleaseRow),
      /** The release public key desks pin at install (base64 of the raw Ed25519 key); null until the first publish. */
      publicKey: z.string().nullable(),
    }),
    errors: [],
  }),
  /** This desk's updater: what is available, how far the download is, the last refusal. */
  'updates.status': method({
    kind: 'query',
    access: 'session',
    input: Empty,
    output: UpdateState,
    errors: [],
  }),
  'updates.check': method({
    kind: 'action',
    access: 'session',
    input: Empty,
    output: UpdateState,
    errors: ['PD_UPDATE_016'],
  }),
  'updates.download': method({
    kind: 'action',
    access: 'session',
    input: Empty,
    output: UpdateState,
    errors: ['PD_UPDATE_016'],
  }),
  'updates.cancel': method({
    kind: 'action',
    access: 'session',
    input: Empty,
    output: UpdateState,
    errors: ['PD_UPDATE_016'],
  }),
  /** Finishes (or parks) the sync queue, then quits and installs the downloaded update. */
  'updates.install': method({
    kind: 'action',
    access: 'session',
    input: Empty,
    output: UpdateState,
    errors: ['PD_UPDATE_016', 'PD_UPDATE_017'],
  }),
};
