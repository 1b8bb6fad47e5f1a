import type { Database } from 'better-sqlite3';
import type { DataTopic, Role } from '../contract/index.ts';
import type { CoreDeps } from './deps.ts';

/** A connection opened read-only: query handlers get only this, so a query cannot write. */
export type ReadDb = Database & { readonly __read: unique symbol };
/** The single writer connection, handed out only inside the command transaction. */
export type WriteDb = Database & { readonly __write: unique symbol };

export interface Actor {
  userId: string;
  roles: readonly Role[];
  isAdmin: boolean;
  /** Partner ids this user owns; ownership checks compare against these. */
  partnerIds: readonly string[];
  sessionHash: string;
}

export interface QueryCtx {
  db: ReadDb;
  deps: CoreDeps;
  actor: Actor | null;
  now: Date;
}

export interface CommandCtx {
  db: WriteDb;
  deps: CoreDeps;
  actor: Actor | null;
  now: Date;
  /**
   * Tell connected UIs that data under `topic` changed, once the transaction commits: the topic's
   * admins hear it, and the owners of `partners` (the partners the change touched); `shared` marks
   * a change to what every policy partner sees (a published policy). See events/audience.ts.
   */
  changed: (topic: DataTopic, scope?: ChangeScope) => void;
  /** Work to run after commit (sending mail); failures are logged, never undo the command. */
  afterCommit: (task: () => Promise<void>) => void;
}

export interface ChangeScope {
  partners?: Iterable<string>;
  shared?: boolean;
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new Error('requireActor called on a public method');
  return actor;
}
