/**
 * The SBI compliance bench (issue 6): the engine behind the bench screen and `sbi bench`.
 * runBench runs the applicable cases against one SBI port; planBench lists them first.
 */
export { runBench, planBench, deviceSummary } from './runner.ts';
export type { RunBenchOptions, BenchPlan, BenchProgress } from './runner.ts';
export { BENCH_CASES, CTK_TIMEOUTS_MS } from './cases.ts';
export type { BenchCaseDef, BenchPurpose, CaseKind, CaptureTemplate, PromptAction, Validator } from './cases.ts';
export type { BenchDevice, Timeouts } from './requests.ts';
export { NEEDS_A_TESTER, skipPrompts } from './prompts.ts';
export type { BenchPrompt, PromptAnswer, Prompter } from './prompts.ts';
export type { BenchCaseResult, BenchCheck, BenchDeviceSummary, BenchReport, CheckResult } from './report.ts';
export { reportHtml } from './report-html.ts';
export { createBenchEncryptionKey, decryptBioValue } from '../../../lib/sbi/decrypt.ts';
export type { BenchEncryptionKey } from '../../../lib/sbi/decrypt.ts';
export { isoChecks } from './iso19794-checks.ts';
export { extendTrustStore, trustEntriesFromPem } from './trust.ts';
export { detectVirtualSbi, virtualPrompter } from './virtual-admin.ts';
export { BenchSession } from './session.ts';
export type { BenchSessionOptions } from './session.ts';
export type { VirtualAdmin } from './virtual-admin.ts';
