import { z } from 'zod';
import { method } from '../spec.ts';
import { ADMIN_ROLES, DATA_TOPICS, Empty, PAGING_ERRORS, PageQuery, Text, Timestamp, pageOf } from '../common.ts';

/**
 * Desk ↔ server sync (docs/sync.md). The server answers `sync.register`, `sync.push` and
 * `sync.pull`; a desk answers `sync.connect`, `sync.status`, `sync.queue`, `sync.now` and
 * `sync.signIn` to its own UI. The server is authoritative: a desk's commands are decided again
 * there, as the desk's user, and the desk adopts the server's rows.
 */

const DeskId = Text({ min: 1, max: 64 });
const DeskKey = Text({ min: 1, max: 128 });

/** One outbox entry as pushed: the command to run again, with the seed of its random source. */
export const PushedCommand = z
  .object({
    deskId: DeskId,
    seq: z.number().int().min(1),
    method: Text({ min: 1, max: 64 }),
    input: z.unknown(),
    /** 32 bytes, hex: ids and keys made by the command come out the same on the server. */
    seed: Text({ min: 64, max: 64 }).regex(/^[0-9a-f]{64}$/),
    /** Who did it on the desk; must be the signed-in user of the push. */
    actor: Text({ min: 1, max: 64 }),
    /** When, by the desk's clock (recorded beside the server's own time, never used in a rule). */
    time: Text({ min: 1, max: 40 }),
  })
  .strict();

export const CommandVerdict = z.object({
  seq: z.number().int(),
  status: z.enum(['applied', 'conflict']),
  code: z.string().nullable(),
  message: z.string().nullable(),
  serverTime: Timestamp,
});

const RowValue = z.union([z.string(), z.number(), z.null()]);
export const ChangeSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('put'),
    table: z.string(),
    key: z.array(RowValue),
    row: z.record(z.string(), RowValue),
  }),
  z.object({ op: z.literal('del'), table: z.string(), key: z.array(RowValue) }),
]);

const SyncState = z.enum(['standalone', 'online', 'offline', 'signInNeeded', 'frozen']);

/**
 * Where the round in flight is: commands pushed of those waiting, then change-log entries pulled of
 * those up to the server's head (`total` null until the first page names the head). `firstSync`: the
 * pull starts from nothing (joining, or a restored server), the long one a user may cancel.
 */
export const SyncProgress = z.object({
  phase: z.enum(['push', 'pull']),
  done: z.number().int(),
  total: z.number().int().nullable(),
  firstSync: z.boolean(),
});

/** What the desk's sync client is doing now (kept in memory, not in the database). */
export const SyncActivity = z.object({
  syncing: z.boolean(),
  /** "Cancel" stopped a round: background rounds wait for "Sync now" (or the next start of the desk). */
  paused: z.boolean(),
  progress: SyncProgress.nullable(),
});

export const SyncStatus = z
  .object({
    state: SyncState,
    serverUrl: z.string().nullable(),
    deskId: z.string().nullable(),
    userId: z.string().nullable(),
    pending: z.number().int(),
    conflicts: z.number().int(),
    applied: z.number().int(),
    lastSyncAt: Timestamp.nullable(),
    lastError: z.string().nullable(),
    /** 0: never freezes. Otherwise new commands are refused from `freezesAt` until the desk syncs. */
    freezeDays: z.number().int(),
    freezesAt: Timestamp.nullable(),
  })
  .extend(SyncActivity.shape);

export const QueueItem = z.object({
  seq: z.number().int(),
  method: z.string(),
  status: z.enum(['pending', 'applied', 'conflict']),
  code: z.string().nullable(),
  message: z.string().nullable(),
  localError: z.string().nullable(),
  time: Timestamp,
  serverTime: Timestamp.nullable(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
});

export type PulledChange = z.infer<typeof ChangeSchema>;
export type SyncStatusView = z.infer<typeof SyncStatus>;
export type QueueItemView = z.infer<typeof QueueItem>;
export type SyncActivityView = z.infer<typeof SyncActivity>;

export const SYNC_MAX_PUSH_BYTES = 8 * 1024 * 1024;

export const syncMethods = {
  // ── server side ──
  'sync.register': method({
    kind: 'command',
    changes: [],
    access: 'session',
    input: z.object({ name: Text({ min: 1, max: 64 }) }).strict(),
    output: z.object({
      deskId: z.string(),
      deskKey: z.string(),
      lastSeq: z.number().int(),
      freezeDays: z.number().int(),
      serverTime: Timestamp,
    }),
    errors: ['PD_SYNC_011'],
  }),
  'sync.push': method({
    kind: 'command',
    changes: DATA_TOPICS,
    access: 'session',
    input: z
      .object({
        deskId: DeskId,
        deskKey: DeskKey,
        commands: z.array(PushedCommand).min(1).max(500),
      })
      .strict(),
    output: z.object({ lastSeq: z.number().int(), verdicts: z.array(CommandVerdict) }),
    errors: ['PD_SYNC_001', 'PD_SYNC_002', 'PD_SYNC_003', 'PD_SYNC_011'],
    maxBytes: SYNC_MAX_PUSH_BYTES,
  }),
  'sync.pull': method({
    kind: 'command',
    changes: [],
    access: 'session',
    input: z
      .object({
        deskId: DeskId,
        deskKey: DeskKey,
        cookie: z.number().int().min(0),
        limit: z.number().int().min(1).max(5000).default(1000),
      })
      .strict(),
    output: z.object({
      /** The first page of a desk with nothing yet (cookie 0): drop every replicated row first. */
      reset: z.boolean(),
      changes: z.array(ChangeSchema),
      cookie: z.number().int(),
      /** The page reaches the server's head: everything up to `lastSeq` is in what the desk has pulled. */
      complete: z.boolean(),
      lastSeq: z.number().int(),
      /** The last entry of the server's change log when the page was read: how far a pull has to go (progress). */
      head: z.number().int().optional(),
      freezeDays: z.number().int(),
      serverTime: Timestamp,
    }),
    errors: ['PD_SYNC_001', 'PD_SYNC_011', 'PD_SYNC_012'],
  }),
  'sync.setFreezeDays': method({
    kind: 'command',
    changes: [],
    access: [...ADMIN_ROLES],
    input: z.object({ days: z.number().int().min(0).max(365) }).strict(),
    output: z.object({ freezeDays: z.number().int() }),
    errors: ['PD_SYNC_004', 'PD_SYNC_006'],
  }),
  /** The freeze the admin set: the server's setting, or on a joined desk the one its last pull carried. */
  'sync.settings': method({
    kind: 'query',
    access: [...ADMIN_ROLES],
    input: Empty,
    output: z.object({ freezeDays: z.number().int() }),
    errors: [],
  }),
  // ── desk side ──
  'sync.connect': method({
    kind: 'command',
    changes: DATA_TOPICS,
    access: 'public',
    input: z
      .object({
        serverUrl: Text({ min: 1, max: 512 }).url(),
        /** SHA-256 of the server certificate as printed by the server (hex, colons allowed); absent only for http://127.0.0.1. */
        fingerprint: Text({ max: 128 }).optional(),
        login: Text({ min: 1, max: 254 }),
        password: z.string().min(1).max(256),
        deskName: Text({ min: 1, max: 64 }),
      })
      .strict(),
    output: SyncStatus,
    errors: [
      'PD_SYNC_007',
      'PD_SYNC_008',
      'PD_SYNC_009',
      'PD_SYNC_010',
      'PD_SYNC_013',
      'PD_AUTH_001',
      'PD_AUTH_002',
      'PD_AUTH_007',
    ],
  }),
  // Every local change may queue a command: the counts and the queue are stale after any of them.
  'sync.status': method({
    kind: 'query',
    reads: DATA_TOPICS,
    access: 'session',
    input: z.object({}).strict(),
    output: SyncStatus,
    errors: [],
  }),
  /** Public: the first full sync runs while a desk is joining, before anyone can sign in on it. Says nothing but how far it is. */
  'sync.activity': method({
    kind: 'query',
    access: 'public',
    input: Empty,
    output: SyncActivity,
    errors: [],
  }),
  /**
   * Stops the round in flight after the page it is on; nothing is lost (the outbox is the queue).
   * During a join it abandons the join and leaves the desk empty; otherwise background rounds wait
   * for "Sync now". Public for the join, which has no session yet.
   */
  'sync.cancel': method({
    kind: 'command',
    changes: DATA_TOPICS,
    access: 'public',
    input: Empty,
    output: SyncActivity,
    errors: ['PD_SYNC_009'],
  }),
  'sync.queue': method({
    kind: 'query',
    reads: DATA_TOPICS,
    access: 'session',
    input: PageQuery.extend({
      status: z.enum(['pending', 'applied', 'conflict']).optional(),
    }).strict(),
    output: pageOf(QueueItem),
    errors: PAGING_ERRORS,
  }),
  // A round answers what the server answered: a lost desk, a restored server, an ended server session.
  'sync.now': method({
    kind: 'command',
    changes: DATA_TOPICS,
    access: 'session',
    input: z.object({}).strict(),
    output: SyncStatus,
    errors: ['PD_SYNC_001', 'PD_SYNC_003', 'PD_SYNC_007', 'PD_SYNC_008', 'PD_SYNC_009', 'PD_SYNC_012', 'PD_SYNC_013'],
  }),
  'sync.signIn': method({
    kind: 'command',
    changes: DATA_TOPICS,
    access: 'session',
    input: z.object({ password: z.string().min(1).max(256) }).strict(),
    output: SyncStatus,
    errors: [
      'PD_SYNC_001',
      'PD_SYNC_003',
      'PD_SYNC_007',
      'PD_SYNC_008',
      'PD_SYNC_009',
      'PD_SYNC_012',
      'PD_SYNC_013',
      'PD_AUTH_001',
      'PD_AUTH_002',
      'PD_AUTH_007',
    ],
  }),
};

/** Content-free: "the server has news, pull now" (Replicache's poke). */
export const syncEvents = {
  'sync.poke': z.object({}).strict(),
  /** On a desk: a round started, moved on or ended (the header's syncing state and progress). */
  'sync.activity': SyncActivity,
};
