/**
 * Where the tester must act (put the device in Busy, rotate its key, present nothing), the bench
 * asks through a prompt function the host supplies: the UI shows a dialog, the CLI asks on the
 * terminal or drives a virtual device (virtual-admin.ts). After the case the bench asks to undo
 * the action (`restore`), so later cases find the device as before.
 */
import type { PromptAction } from './cases.ts';

export type PromptAnswer = 'done' | 'skip';

export interface BenchPrompt {
  caseId: string;
  deviceId: string;
  text: string;
  action: PromptAction | { kind: 'restore'; after: PromptAction };
}

export type Prompter = (p: BenchPrompt) => Promise<PromptAnswer>;

/** For runs without a tester: every case that needs one is skipped with this reason. */
export const NEEDS_A_TESTER = 'needs a tester';
export const skipPrompts: Prompter = async () => 'skip';

export function restoreText(after: PromptAction): string {
  if (after.kind === 'set-status') return 'Put the device back in the "Ready" state, then continue.';
  if (after.kind === 'withhold-input') return 'The device may capture again; continue.';
  return 'Continue.';
}
