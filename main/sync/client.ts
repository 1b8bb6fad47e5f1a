import { randomBytes } from 'node:crypto';
import { AppError } from '../contract/index.ts';
import type { CallResult, Input, MethodName, Output, ParsedInput, SyncActivityView } from '../contract/index.ts';
import { SYNC_MAX_PUSH_BYTES } from '../contract/index.ts';
import type { Core } from '../core/index.ts';
import { writeAudit } from '../core/command.ts';
import { hashPassword } from '../core/accounts/passwords.ts';
import { hasUsers } from '../core/accounts/users.ts';
import { applyPulledPage, commandsToPush, recordVerdicts, resendFrom } from '../core/sync/desk-rebase.ts';
import { abandonJoin } from '../core/sync/desk-join.ts';
import type { DeskSyncPort } from '../core/sync/port.ts';
import type { SyncTransport, TransportFactory } from './transport.ts';

export interface DeskSyncOptions {
  transport: TransportFactory;
  /** Commands per push request. */
  pushBatch?: number;
  /** Change-log entries per pull page. */
  pullLimit?: number;
  /** Background round when nothing pokes (ms); 0: only on pokes, local changes and "Sync now". */
  intervalMs?: number;
  /** Start background sync (`start()`) as soon as a connect succeeds. */
  background?: boolean;
}

interface Connection {
  server_url: string;
  fingerprint: string | null;
  desk_id: string;
  desk_key: string;
  user_id: string;
  server_session: string | null;
  cookie: number;
}

/**
 * The desk's sync client: replays the outbox on the server (push), pulls the server's changes
 * with the rebase, and surfaces the server's verdicts in the outbox (docs/sync.md). One round at
 * a time: push first (so the pull that follows confirms what was pushed), then pull to the head.
 */
export class DeskSyncClient implements DeskSyncPort {
  private transport: SyncTransport | null = null;
  private current: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private stops: Array<() => void> = [];
  private readonly pushBatch: number;
  private readonly pullLimit: number;
  private state: SyncActivityView = { syncing: false, paused: false, progress: null };
  private readonly listeners = new Set<(activity: SyncActivityView) => void>();
  /** "Cancel" was pressed: the round in flight stops at its next page. */
  private cancelling = false;
  private stopped = false;

  constructor(
    private readonly core: Core,
    private readonly options: DeskSyncOptions,
  ) {
    this.pushBatch = options.pushBatch ?? 200;
    this.pullLimit = options.pullLimit ?? 1000;
  }

  private connection(): Connection | undefined {
    return this.core.db.writer
      .prepare(
        'SELECT server_url, fingerprint, desk_id, desk_key, user_id, server_session, cookie FROM sync_connection WHERE id = 1',
      )
      .get() as Connection | undefined;
  }

  private transportFor(conn: { server_url: string; fingerprint: string | null }): SyncTransport {
    this.transport ??= this.options.transport({
      serverUrl: conn.server_url,
      fingerprint: conn.fingerprint,
    });
    return this.transport;
  }

  private async call<M extends MethodName>(
    t: SyncTransport,
    method: M,
    input: Input<M>,
    session: string | null,
  ): Promise<Output<M>> {
    const r: CallResult<M> = await t.call(method, input, session);
    this.checkStopped();
    if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.fields);
    return r.result;
  }

  async connect(input: ParsedInput<'sync.connect'>): Promise<void> {
    const { writer } = this.core.db;
    if (hasUsers(writer) || this.connection())
      throw new AppError('PD_SYNC_010', 'Only a new, empty desk can join a server.');
    const fingerprint = input.fingerprint ?? null;
    const t = this.options.transport({ serverUrl: input.serverUrl, fingerprint });
    const login = await this.call(t, 'auth.login', { login: input.login, password: input.password }, null);
    const desk = await this.call(t, 'sync.register', { name: input.deskName }, login.token);
    // The credential for offline sign-in: the ordinary password hash, made here, never pulled.
    const credential = await hashPassword(input.password, randomBytes(16));
    this.checkStopped();
    const now = this.core.deps.now().toISOString();
    writer.transaction(() => {
      if (hasUsers(writer) || this.connection())
        throw new AppError('PD_SYNC_010', 'Only a new, empty desk can join a server.');
      writer
        .prepare(
          `INSERT INTO sync_connection (id, server_url, fingerprint, desk_id, desk_key, user_id, server_session, credential, freeze_days, joined_at)
           VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.serverUrl,
          fingerprint,
          desk.deskId,
          desk.deskKey,
          login.user.userId,
          login.token,
          credential,
          desk.freezeDays,
          now,
        );
      writer.prepare("UPDATE sync_node SET role = 'desk' WHERE id = 1").run();
      writeAudit(writer, {
        module: 'sync',
        action: 'sync.connect',
        actor: login.user.userId,
        ref: { type: 'desk', id: desk.deskId },
        result: 'success',
        errorCode: null,
        time: now,
      });
    })();
    this.transport = t;
    try {
      await this.syncNow();
    } catch (err) {
      // The first full sync did not finish (cancelled, server gone): the desk goes back to empty.
      abandonJoin(writer, this.core.deps.now(), err instanceof AppError ? err.code : 'PD_INTERNAL');
      this.transport.close();
      this.transport = null;
      throw err;
    }
    if (this.options.background) this.start();
  }

  activity(): SyncActivityView {
    return this.state;
  }

  onActivity(listener: (activity: SyncActivityView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private report(change: Partial<SyncActivityView>): void {
    this.state = { ...this.state, ...change };
    for (const l of this.listeners) l(this.state);
  }

  /** Stops the round in flight after the page it is on and pauses background rounds until "Sync now". */
  async cancel(): Promise<void> {
    this.report({ paused: true });
    if (!this.state.syncing) return;
    this.cancelling = true;
    await this.current;
  }

  /** After stop() the core may be closed: nothing more may touch its database. */
  private checkStopped(): void {
    if (this.stopped) throw new AppError('PD_SYNC_013', 'The sync was stopped: the desk is closing.');
  }

  private checkCancelled(): void {
    if (this.cancelling || this.state.paused) throw new AppError('PD_SYNC_013', 'The sync was cancelled on this desk.');
  }

  async signIn(password: string): Promise<void> {
    const conn = this.connection();
    if (!conn) throw new AppError('PD_SYNC_009', 'This desk is not joined to a server.');
    const login = await this.call(this.transportFor(conn), 'auth.login', { login: conn.user_id, password }, null);
    const credential = await hashPassword(password, randomBytes(16));
    this.checkStopped();
    this.core.db.writer
      .prepare('UPDATE sync_connection SET server_session = ?, credential = ? WHERE id = 1')
      .run(login.token, credential);
    this.core.db.writer.prepare('UPDATE app_user SET password_hash = ? WHERE id = ?').run(credential, conn.user_id);
    await this.syncNow();
  }

  /** One round (push, then pull to the head); a call during a round gets the next round. Ends a pause. */
  syncNow(): Promise<void> {
    if (this.state.paused) this.report({ paused: false });
    return this.nextRound();
  }

  private nextRound(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.current.then(() => {
      this.queued = null;
      return this.round();
    });
    this.queued = next;
    this.current = next.catch(() => undefined);
    return next;
  }

  private async round(): Promise<void> {
    this.checkStopped();
    const conn = this.connection();
    if (!conn) throw new AppError('PD_SYNC_009', 'This desk is not joined to a server.');
    if (!conn.server_session) throw new AppError('PD_AUTH_003', 'Sign in to the server again to sync.');
    const t = this.transportFor(conn);
    try {
      this.checkCancelled();
      this.report({ syncing: true, progress: null });
      await this.push(t, conn);
      await this.pull(t, conn);
    } catch (err) {
      // The call was cut by stop(): that, not the cut, is what happened.
      this.checkStopped();
      const code = err instanceof AppError ? err.code : 'PD_INTERNAL';
      const w = this.core.db.writer;
      if (code === 'PD_AUTH_003') w.prepare('UPDATE sync_connection SET server_session = NULL WHERE id = 1').run();
      // A cancelled round says nothing about the server: the last error stays what it was.
      if (code !== 'PD_SYNC_013')
        w.prepare('UPDATE sync_connection SET last_error = ?, last_error_at = ? WHERE id = 1').run(
          code,
          this.core.deps.now().toISOString(),
        );
      if (!(err instanceof AppError)) this.core.deps.log('error', 'sync round failed', err);
      throw err;
    } finally {
      this.cancelling = false;
      this.report({ syncing: false, progress: null });
    }
  }

  private async push(t: SyncTransport, conn: Connection): Promise<void> {
    const w = this.core.db.writer;
    const waiting = w.prepare("SELECT COUNT(*) FROM outbox WHERE sync_status = 'pending'").pluck().get() as number;
    let pushed = 0;
    for (let resent = false; ;) {
      this.checkCancelled();
      const batch = commandsToPush(w, this.pushBatch);
      if (batch.length === 0) return;
      this.report({
        progress: {
          phase: 'push',
          done: pushed,
          total: Math.max(waiting, pushed + batch.length),
          firstSync: false,
        },
      });
      let bytes = 0;
      const commands = [];
      for (const c of batch) {
        bytes += JSON.stringify(c.input).length + 256;
        if (commands.length > 0 && bytes > SYNC_MAX_PUSH_BYTES / 2) break;
        commands.push({ deskId: conn.desk_id, ...c });
      }
      let verdicts;
      try {
        verdicts = await this.call(
          t,
          'sync.push',
          { deskId: conn.desk_id, deskKey: conn.desk_key, commands },
          conn.server_session,
        );
      } catch (err) {
        // The server has fewer of this desk's commands than the desk believes (a restored server): resend from there, once per round.
        const expected = err instanceof AppError && err.code === 'PD_SYNC_002' ? Number(err.fields?.expectedSeq) : NaN;
        if (resent || !Number.isInteger(expected)) throw err;
        resendFrom(w, expected);
        resent = true;
        continue;
      }
      recordVerdicts(w, verdicts.verdicts);
      pushed += verdicts.verdicts.length;
      w.prepare('UPDATE sync_connection SET last_push_at = ? WHERE id = 1').run(this.core.deps.now().toISOString());
      if (verdicts.verdicts.length === 0) return;
    }
  }

  private async pull(t: SyncTransport, conn: Connection): Promise<void> {
    const cookieNow = () =>
      (
        this.core.db.writer.prepare('SELECT cookie FROM sync_connection WHERE id = 1').get() as {
          cookie: number;
        }
      ).cookie;
    let start = cookieNow();
    let total: number | null = null;
    for (let reset = false; ;) {
      this.checkCancelled();
      const cookie = cookieNow();
      this.report({
        progress: { phase: 'pull', done: cookie - start, total, firstSync: start === 0 },
      });
      let page;
      try {
        page = await this.call(
          t,
          'sync.pull',
          { deskId: conn.desk_id, deskKey: conn.desk_key, cookie, limit: this.pullLimit },
          conn.server_session,
        );
      } catch (err) {
        if (reset || !(err instanceof AppError) || err.code !== 'PD_SYNC_012') throw err;
        // The server is behind this desk (restored from a backup): start over from nothing.
        this.core.db.writer.prepare('UPDATE sync_connection SET cookie = 0 WHERE id = 1').run();
        reset = true;
        start = 0;
        total = null;
        continue;
      }
      await applyPulledPage(this.core.env, page);
      // Entries of the change log between where this pull started and the server's head (a server without `head` gives none).
      if (page.head !== undefined) total = Math.max(page.head - start, 0);
      if (page.complete) return;
    }
  }

  /** Background sync: on pokes, on local changes waiting to go, and every `intervalMs`. */
  start(): void {
    const conn = this.connection();
    if (!conn || this.stops.length > 0 || this.stopped) return;
    // Background rounds wait while the user has paused sync ("Cancel"); "Sync now" resumes.
    const kick = () => {
      if (!this.state.paused) void this.nextRound().catch(() => undefined);
    };
    if (conn.server_session) this.stops.push(this.transportFor(conn).onPoke(conn.server_session, kick));
    let timer: NodeJS.Timeout | null = null;
    this.stops.push(() => {
      if (timer) clearTimeout(timer);
    });
    this.stops.push(
      this.core.onEvent((event) => {
        if (event !== 'data.changed' || timer) return;
        timer = setTimeout(() => {
          timer = null;
          const waiting = this.core.db.writer
            .prepare("SELECT 1 FROM outbox WHERE sync_status = 'pending' LIMIT 1")
            .get();
          if (waiting) kick();
        }, 50);
      }),
    );
    if (this.options.intervalMs) {
      const every = setInterval(kick, this.options.intervalMs);
      this.stops.push(() => clearInterval(every));
    }
  }

  /**
   * Stops listening and cuts the call in flight at once (synchronously, so a host may close the core
   * right after); the round in flight ends without touching the database. The promise settles when it has.
   */
  stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.stops.splice(0)) s();
    this.transport?.close();
    this.transport = null;
    return this.current;
  }
}
