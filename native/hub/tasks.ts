/**
 * Long hardware work (a compliance bench run) as tasks the UI can follow, answer and cancel.
 * Progress goes out as `task.progress` events; a prompt parks the task until the tester answers
 * (or cancels), so a run that needs a human never spins.
 */
import { randomUUID } from 'node:crypto';
import type { PromptAnswer, WorkOwner } from './hub.ts';

export type { PromptAnswer };
export type TaskState = 'running' | 'prompt' | 'done' | 'cancelled' | 'failed';

export interface TaskProgress {
  taskId: string;
  state: TaskState;
  done: number;
  total: number;
  label: string;
  prompt: string | null;
  promptAction: PromptAction | null;
}

export interface PromptAction {
  kind: 'set-status' | 'rotate-keys' | 'withhold-input' | 'restore';
  deviceId: string;
  status: string | null;
  timeoutMs: number | null;
}

export interface TaskHandle {
  readonly signal: AbortSignal;
  progress(done: number, label: string): void;
  /** Asks the tester to act; resolves with their answer, or 'skip' when the task is cancelled. */
  prompt(text: string, action?: PromptAction): Promise<PromptAnswer>;
}

interface Entry<R> {
  progress: TaskProgress;
  controller: AbortController;
  pendingAnswer: ((a: PromptAnswer) => void) | null;
  result: R | null;
  error: string | null;
  /** Resource the task holds (a device port): one task per resource at a time. */
  resource: string;
  /** Who started it: progress goes to that session only. */
  owner: WorkOwner;
}

/** Finished tasks are kept for the report screen; the oldest are dropped beyond this. */
const KEEP_FINISHED = 20;

export class TaskRegistry<R> {
  private readonly tasks = new Map<string, Entry<R>>();

  constructor(private readonly emit: (p: TaskProgress, owner: WorkOwner) => void) {}

  isBusy(resource: string): boolean {
    for (const t of this.tasks.values())
      if (t.resource === resource && (t.progress.state === 'running' || t.progress.state === 'prompt')) return true;
    return false;
  }

  /** Starts `run` in the background; its result (also a partial one after cancel) is kept. */
  start(resource: string, total: number, owner: WorkOwner, run: (t: TaskHandle) => Promise<R>): string {
    const taskId = randomUUID();
    const entry: Entry<R> = {
      progress: {
        taskId,
        state: 'running',
        done: 0,
        total,
        label: '',
        prompt: null,
        promptAction: null,
      },
      controller: new AbortController(),
      pendingAnswer: null,
      result: null,
      error: null,
      resource,
      owner,
    };
    this.tasks.set(taskId, entry);
    this.prune();
    const publish = (patch: Partial<TaskProgress>) => {
      entry.progress = { ...entry.progress, ...patch };
      this.emit(entry.progress, owner);
    };
    const handle: TaskHandle = {
      signal: entry.controller.signal,
      progress: (done, label) => publish({ done, label, state: 'running', prompt: null, promptAction: null }),
      prompt: (text, action) =>
        new Promise<PromptAnswer>((resolve) => {
          if (entry.controller.signal.aborted) return resolve('skip');
          const settle = (a: PromptAnswer) => {
            entry.pendingAnswer = null;
            entry.controller.signal.removeEventListener('abort', onAbort);
            publish({ state: 'running', prompt: null, promptAction: null });
            resolve(a);
          };
          const onAbort = () => settle('skip');
          entry.controller.signal.addEventListener('abort', onAbort, { once: true });
          entry.pendingAnswer = settle;
          publish({ state: 'prompt', prompt: text, promptAction: action ?? null });
        }),
    };
    publish({});
    void run(handle).then(
      (result) => {
        entry.result = result;
        publish({
          state: entry.controller.signal.aborted ? 'cancelled' : 'done',
          prompt: null,
          promptAction: null,
        });
      },
      (err: unknown) => {
        entry.error = err instanceof Error ? err.message : String(err);
        publish({
          state: entry.controller.signal.aborted ? 'cancelled' : 'failed',
          prompt: null,
          label: entry.error,
        });
      },
    );
    return taskId;
  }

  get(taskId: string): { progress: TaskProgress; result: R | null; error: string | null } | null {
    const t = this.tasks.get(taskId);
    return t ? { progress: t.progress, result: t.result, error: t.error } : null;
  }

  owner(taskId: string): WorkOwner | undefined {
    return this.tasks.get(taskId)?.owner;
  }

  answer(taskId: string, answer: PromptAnswer): boolean | null {
    const t = this.tasks.get(taskId);
    if (!t) return null;
    if (!t.pendingAnswer) return false;
    t.pendingAnswer(answer);
    return true;
  }

  cancel(taskId: string): boolean | null {
    const t = this.tasks.get(taskId);
    if (!t) return null;
    if (t.progress.state !== 'running' && t.progress.state !== 'prompt') return false;
    t.controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const t of this.tasks.values()) t.controller.abort();
  }

  private prune(): void {
    const finished = [...this.tasks.entries()].filter(
      ([, t]) => t.progress.state !== 'running' && t.progress.state !== 'prompt',
    );
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.tasks.delete(id);
  }
}
