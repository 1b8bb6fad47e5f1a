import { create } from 'zustand';
import type { EventPayload, Input, Output } from '../contract.ts';
import { api } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';
import { useSession } from './session.ts';

export type BenchTarget = Input<'sbi.bench.start'>;
export type BenchReport = NonNullable<Output<'sbi.bench.report'>['report']>;
export type BenchRunState = Output<'sbi.bench.report'>['state'];
export type TaskProgress = EventPayload<'task.progress'>;

const FINAL: ReadonlySet<TaskProgress['state']> = new Set(['done', 'cancelled', 'failed']);

interface BenchState {
  target: BenchTarget | null;
  taskId: string | null;
  progress: TaskProgress | null;
  report: BenchReport | null;
  runState: BenchRunState | null;
  /** Counts the prompts seen, so two identical prompts in a row are still two questions. */
  promptSeq: number;
  /** Why a run failed, as the core reports it. */
  runError: string | null;
  error: ApiError | null;
  /** 'start' | 'cancel' | 'answer' while that call runs. */
  pending: string | null;
  start(target: BenchTarget): Promise<void>;
  onProgress(progress: TaskProgress): void;
  refreshReport(): Promise<void>;
  answer(answer: 'done' | 'skip'): Promise<void>;
  cancel(): Promise<void>;
  reset(): void;
}

const EMPTY = {
  target: null,
  taskId: null,
  progress: null,
  report: null,
  runState: null,
  promptSeq: 0,
  runError: null,
  error: null,
  pending: null,
};

/**
 * One compliance bench run at a time per window. It lives in a store so leaving the screen and
 * coming back shows the same run; the report is re-read whenever a case finishes.
 */
export const useBench = create<BenchState>()((set, get) => {
  let reading = 0;
  return {
    ...EMPTY,
    async start(target) {
      set({ ...EMPTY, target, pending: 'start' });
      try {
        const { taskId, total } = await api.call('sbi.bench.start', target);
        // Progress events may already have arrived for this task id; keep the furthest one.
        const seen = get().progress;
        const progress =
          seen?.taskId === taskId
            ? seen
            : {
                taskId,
                state: 'running' as const,
                done: 0,
                total,
                label: '',
                prompt: null,
                promptAction: null,
              };
        set({ taskId, progress, runState: 'running', pending: null });
        void get().refreshReport();
      } catch (e) {
        set({ error: toApiError(e), pending: null });
      }
    },
    onProgress(progress) {
      const { taskId, progress: before } = get();
      if (taskId !== null && progress.taskId !== taskId) return;
      if (taskId === null && get().pending !== 'start') return;
      set((s) => ({
        progress,
        promptSeq: progress.state === 'prompt' ? s.promptSeq + 1 : s.promptSeq,
      }));
      if (taskId !== null && (FINAL.has(progress.state) || progress.done !== before?.done)) void get().refreshReport();
    },
    async refreshReport() {
      const taskId = get().taskId;
      if (!taskId) return;
      const request = ++reading;
      try {
        const r = await api.call('sbi.bench.report', { taskId, format: 'json' });
        if (request !== reading || get().taskId !== taskId) return;
        // A report stays on screen until a newer one replaces it (null means nothing new yet).
        set((s) => ({ report: r.report ?? s.report, runState: r.state, runError: r.error }));
      } catch (e) {
        if (request === reading && get().taskId === taskId) set({ error: toApiError(e) });
      }
    },
    async answer(answer) {
      const taskId = get().taskId;
      if (!taskId) return;
      const asked = get().progress;
      set({ pending: 'answer', error: null });
      try {
        await api.call('tasks.answer', { taskId, answer });
        // The dialog closes now, unless an event already moved on (the next prompt may come first).
        set((s) => ({
          pending: null,
          progress: s.progress && s.progress === asked ? { ...s.progress, state: 'running', prompt: null } : s.progress,
        }));
      } catch (e) {
        set({ error: toApiError(e), pending: null });
      }
    },
    async cancel() {
      const taskId = get().taskId;
      if (!taskId) return;
      set({ pending: 'cancel', error: null });
      try {
        await api.call('tasks.cancel', { taskId });
        set({ pending: null });
        void get().refreshReport();
      } catch (e) {
        set({ error: toApiError(e), pending: null });
      }
    },
    reset: () => {
      reading++;
      set(EMPTY);
    },
  };
});

export const isFinal = (state: BenchRunState | null | undefined) =>
  state === 'done' || state === 'cancelled' || state === 'failed';

useSession.subscribe((state, previous) => {
  if (previous.token && !state.token) useBench.getState().reset();
});
