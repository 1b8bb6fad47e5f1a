/**
 * The compliance bench as a task: the UI starts a run, follows `task.progress`, answers prompts
 * (or, for the virtual SBI, lets the bench act through the device's admin API) and cancels.
 * Auth captures are decrypted with a key pair the bench makes for the run; a virtual SBI is lent
 * its certificate for the run and gets its own back afterwards.
 */
import { AppError } from '../../main/contract/index.ts';
import { BenchSession, planBench, reportHtml } from '../sbi/bench/index.ts';
import type { BenchPrompt, BenchReport } from '../sbi/bench/index.ts';
import { isSbiError } from '../../lib/sbi/errors.ts';
import type { BenchCaseView, BenchPurpose, BenchReportView, VerifyContext, WorkOwner } from './hub.ts';
import type { PromptAction, TaskHandle, TaskRegistry } from './tasks.ts';

/** The prompt as data (task.progress promptAction), for the UI to word in the user's language. */
function actionOf(p: BenchPrompt): PromptAction {
  const a = p.action;
  return {
    kind: a.kind,
    deviceId: p.deviceId,
    // restoring after a status change means back to Ready
    status: a.kind === 'set-status' ? a.status : a.kind === 'restore' && a.after.kind === 'set-status' ? 'Ready' : null,
    timeoutMs: a.kind === 'withhold-input' ? a.timeoutMs : null,
  };
}

type RunOpts = VerifyContext & {
  port: number;
  deviceId?: string | undefined;
  purpose: BenchPurpose;
  autoPrompts: boolean;
  caseIds?: string[] | undefined;
  owner: WorkOwner;
};

export class BenchPart {
  /** `now` is the core's clock: the run's times and the device's timestamps are judged by it, not the system clock. */
  constructor(
    private readonly tasks: TaskRegistry<BenchReport>,
    private readonly now: () => Date,
  ) {}

  async cases(opts: { port: number; deviceId?: string | undefined; purpose: BenchPurpose }): Promise<BenchCaseView[]> {
    const plan = await this.plan(opts);
    return plan.cases.map(({ device, case: c }) => ({
      id: c.id,
      name: c.name,
      intent: c.intent,
      deviceId: device.deviceId,
      prompt: c.prompt?.text ?? null,
      mandatedWaitMs: c.mandatedWaitMs ?? 0,
    }));
  }

  async start(opts: RunOpts): Promise<{ taskId: string; total: number }> {
    const resource = `port:${opts.port}`;
    if (this.tasks.isBusy(resource))
      throw new AppError('PD_HW_005', `A compliance bench is already running on port ${opts.port}.`);
    const total = (await this.plan(opts)).cases.length;
    const taskId = this.tasks.start(resource, total, opts.owner, (t) => this.run(opts, t));
    return { taskId, total };
  }

  report(taskId: string, format: 'json' | 'html'): BenchReportView | null {
    const t = this.tasks.get(taskId);
    if (!t) return null;
    const report = t.result;
    return {
      state: t.progress.state,
      report,
      html: format === 'html' && report ? reportHtml(report) : null,
      error: t.error,
    };
  }

  private async plan(opts: {
    port: number;
    deviceId?: string | undefined;
    purpose: BenchPurpose;
    caseIds?: string[] | undefined;
  }) {
    try {
      return await planBench({
        port: opts.port,
        purpose: opts.purpose,
        ...(opts.deviceId ? { deviceId: opts.deviceId } : {}),
        ...(opts.caseIds ? { caseIds: opts.caseIds } : {}),
      });
    } catch (e) {
      if (isSbiError(e)) throw new AppError('PD_HW_001', `Port ${opts.port}: ${e.message}`);
      if (e instanceof Error) throw new AppError('PD_HW_001', e.message);
      throw e;
    }
  }

  private async run(opts: RunOpts, task: TaskHandle): Promise<BenchReport> {
    const session = await BenchSession.open({
      port: opts.port,
      signal: task.signal,
      now: this.now,
    });
    const ask = (p: BenchPrompt) => task.prompt(`${p.deviceId}: ${p.text}`, actionOf(p));
    try {
      return await session.run({
        purpose: opts.purpose,
        ...(opts.deviceId ? { deviceId: opts.deviceId } : {}),
        ...(opts.caseIds ? { caseIds: opts.caseIds } : {}),
        trust: opts.trust,
        prompt: session.prompter(ask, opts.autoPrompts),
        onProgress: (p) => task.progress(p.done, p.label),
      });
    } finally {
      await session.close();
    }
  }
}
