import { expect } from 'vitest';
import type { CallResult, Input, MethodName } from '../../main/contract/index.ts';
import { AppError } from '../../main/contract/index.ts';
import type { Core } from '../../main/core/index.ts';
import { REPLICATED_TABLES } from '../../main/core/sync/tables.ts';
import { deskViewOf, serverViewOf } from './sync-views.ts';
import type { Snapshot } from './sync-views.ts';
import { DeskSyncClient } from '../../main/sync/client.ts';
import type { SyncTransport } from '../../main/sync/transport.ts';
import { testCore } from './core.ts';
import type { TestClock, TestCore } from './core.ts';

/**
 * An in-process transport: the desk's calls reach the server core's dispatch, through JSON as on
 * the wire. `online = false` makes the server unreachable (PD_SYNC_007), as a cut cable would.
 */
export class CoreTransport implements SyncTransport {
  online = true;
  calls: string[] = [];
  private pokes = new Set<() => void>();
  private unsubscribe: () => void;

  constructor(private readonly server: Core) {
    this.unsubscribe = server.onEvent((event) => {
      if (event === 'sync.poke' && this.online) for (const p of this.pokes) p();
    });
  }

  async call<M extends MethodName>(method: M, input: Input<M>, session: string | null): Promise<CallResult<M>> {
    if (!this.online) throw new AppError('PD_SYNC_007', 'The server could not be reached (offline).');
    this.calls.push(method);
    const wire = JSON.parse(JSON.stringify({ input })) as { input: unknown };
    const answer = await this.server.dispatch(method, session, wire.input);
    return JSON.parse(JSON.stringify(answer)) as CallResult<M>;
  }

  onPoke(_session: string, listener: () => void): () => void {
    this.pokes.add(listener);
    return () => this.pokes.delete(listener);
  }

  close(): void {
    this.pokes.clear();
    this.unsubscribe();
  }
}

export interface TestDesk {
  tc: TestCore;
  client: DeskSyncClient;
  transport: CoreTransport;
  /** The local session of the desk's user (offline sign-in with the cached credential). */
  session: string;
  close(): Promise<void>;
}

export const SERVER_URL = 'http://127.0.0.1:9';

/** A fresh desk joined to `server` as `login`, signed in locally. */
export async function joinDesk(
  server: Core,
  login: string,
  password: string,
  opts: { clock?: TestClock; name?: string } = {},
): Promise<TestDesk> {
  const tc = testCore(opts.clock ? { clock: opts.clock } : {});
  const transport = new CoreTransport(server);
  const client = new DeskSyncClient(tc.core, { transport: () => transport });
  tc.core.setDeskSync(client);
  await tc.call('sync.connect', {
    serverUrl: SERVER_URL,
    login,
    password,
    deskName: opts.name ?? `desk of ${login}`,
  });
  const session = (await tc.call('auth.login', { login, password })).token;
  return {
    tc,
    client,
    transport,
    session,
    async close() {
      await client.stop();
      transport.close();
      tc.close();
    },
  };
}

export const serverView = (server: Core, userId: string): Snapshot => serverViewOf(server.db.reader, userId);
export const deskView = (desk: Core): Snapshot => deskViewOf(desk.db.reader);

/** Row by row, the desk holds exactly the server's view for its user, nothing is pending, the files are sound. */
export function expectConverged(server: Core, desk: TestDesk | Core, userId: string): void {
  const core = 'tc' in desk ? desk.tc.core : desk;
  const d = deskView(core);
  const s = serverView(server, userId);
  for (const t of REPLICATED_TABLES) expect(d[t.name], `${t.name} on the desk of ${userId}`).toEqual(s[t.name]);
  expect(
    core.db.reader
      .prepare(
        "SELECT COUNT(*) AS n FROM outbox WHERE sync_status = 'pending' OR (acked = 0 AND sync_status <> 'local')",
      )
      .get(),
  ).toEqual({ n: 0 });
  expect(core.db.reader.prepare('SELECT COUNT(*) AS n FROM sync_undo').get()).toEqual({ n: 0 });
  expect(core.db.reader.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(server.db.reader.pragma('integrity_check', { simple: true })).toBe('ok');
}
