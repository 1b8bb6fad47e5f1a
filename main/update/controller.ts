import { AppError } from '../contract/index.ts';
import type { DeskUpdatePort, UpdateStateView } from '../core/releases/updates.ts';
import type { OfferedUpdate, UpdateEngine } from './engine.ts';

export interface ControllerOptions {
  engine: UpdateEngine;
  channel: 'stable' | 'beta';
  now: () => Date;
  /**
   * Before the restart: push what the sync queue holds, or pause it so nothing is cut off
   * mid-round (main/sync's client: syncNow, else cancel). Throws when neither worked.
   */
  settleSync: () => Promise<void>;
  log: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
}

/**
 * The desk's updater, host-neutral: one state the UI reads (`updates.status`), the admin's policy
 * from the signed feed (automatic downloads at once and offers the restart; ask waits for the user;
 * never does nothing), and every refusal kept as lastError with its code.
 * Offline is ordinary: a failed check leaves the running version and the state as they were.
 */
export class UpdateController implements DeskUpdatePort {
  private view: UpdateStateView;
  private offered: OfferedUpdate | null = null;
  private busy: Promise<unknown> | null = null;

  constructor(private readonly options: ControllerOptions) {
    this.view = {
      supported: true,
      runningVersion: options.engine.runningVersion,
      channel: options.channel,
      policy: 'ask',
      phase: 'idle',
      available: null,
      progress: null,
      lastError: null,
      checkedAt: null,
    };
  }

  state(): UpdateStateView {
    return { ...this.view };
  }

  private set(patch: Partial<UpdateStateView>): UpdateStateView {
    this.view = { ...this.view, ...patch };
    return this.state();
  }

  private refused(err: unknown, phase: UpdateStateView['phase']): UpdateStateView {
    const error = err instanceof AppError ? err : new AppError('PD_UPDATE_014', 'The update could not be fetched.');
    if (!(err instanceof AppError)) this.options.log('warn', 'update failed', err);
    return this.set({
      phase,
      lastError: { code: error.code, message: error.message, at: this.options.now().toISOString() },
      progress: null,
    });
  }

  async check(): Promise<UpdateStateView> {
    if (this.view.phase === 'downloading' || this.view.phase === 'installing') return this.state();
    this.set({ phase: 'checking' });
    try {
      const offered = await this.options.engine.check();
      this.offered = offered;
      this.set({
        phase: offered ? 'available' : 'idle',
        available: offered
          ? {
              version: offered.version,
              releaseNotes: offered.releaseNotes,
              releaseDate: offered.releaseDate,
            }
          : null,
        policy: offered?.policy ?? this.view.policy,
        checkedAt: this.options.now().toISOString(),
        lastError: null,
      });
      if (offered?.policy === 'never') return this.set({ phase: 'idle', available: null });
      if (offered?.policy === 'automatic') await this.download();
      return this.state();
    } catch (err) {
      // Nothing offered is trusted after a refusal; what was running keeps running.
      this.offered = null;
      return this.refused(err, 'idle');
    }
  }

  async download(): Promise<UpdateStateView> {
    if (!this.offered) throw new AppError('PD_UPDATE_016', 'No update is available to download.');
    if (this.view.phase === 'downloading' || this.view.phase === 'downloaded') return this.state();
    this.set({
      phase: 'downloading',
      progress: { transferred: 0, total: 0, percent: 0 },
      lastError: null,
    });
    const run = this.options.engine.download((progress) => {
      if (this.view.phase === 'downloading') this.set({ progress });
    });
    this.busy = run;
    try {
      await run;
      return this.set({ phase: 'downloaded', progress: null });
    } catch (err) {
      return this.refused(err, this.offered ? 'available' : 'idle');
    } finally {
      this.busy = null;
    }
  }

  async cancel(): Promise<UpdateStateView> {
    if (this.view.phase !== 'downloading') return this.state();
    this.options.engine.cancel();
    await this.busy?.catch(() => undefined);
    return this.set({ phase: this.offered ? 'available' : 'idle', progress: null });
  }

  async install(): Promise<UpdateStateView> {
    if (this.view.phase !== 'downloaded')
      throw new AppError('PD_UPDATE_016', 'No downloaded update is ready to install.');
    try {
      await this.options.settleSync();
    } catch (err) {
      this.options.log('warn', 'sync queue not settled before the update', err);
      throw new AppError(
        'PD_UPDATE_017',
        'The sync queue could not be finished or paused; the update was not installed.',
      );
    }
    this.set({ phase: 'installing' });
    try {
      await this.options.engine.install();
      return this.state();
    } catch (err) {
      return this.refused(err, 'available');
    }
  }
}
