/**
 * A BenchReport as one printable HTML page: self-contained (inline CSS, no scripts, no external
 * resources, a CSP that forbids loading anything), every device-supplied string escaped.
 */
import type { BenchCaseResult, BenchCheck, BenchReport, CheckResult } from './report.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const badge = (r: CheckResult) => `<span class="r ${r}">${r.toUpperCase()}</span>`;
const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);

function checkRows(checks: readonly BenchCheck[]): string {
  return checks
    .map(
      (c) =>
        `<tr class="${c.result}"><td>${escapeHtml(c.name)}</td><td>${badge(c.result)}</td><td>${escapeHtml(c.reason ?? '')}${c.code ? ` <code>${escapeHtml(c.code)}</code>` : ''}</td></tr>`,
    )
    .join('');
}

function caseBlock(c: BenchCaseResult): string {
  // Passing checks are many and say little: a failing or skipped case shows them all, a passing one folds them.
  const shown = c.result === 'pass' ? c.checks.filter((k) => k.result !== 'pass') : c.checks;
  const hidden = c.checks.length - shown.length;
  return `<section class="case ${c.result}">
<h3>${badge(c.result)} <span class="id">${escapeHtml(c.id)}</span> ${escapeHtml(c.name)} <small>device ${escapeHtml(c.deviceId)} · ${ms(c.durationMs)}${c.mandatedWaitMs ? ` (of which ${ms(c.mandatedWaitMs)} mandated wait)` : ''}</small></h3>
${shown.length ? `<table><thead><tr><th>Check</th><th>Result</th><th>Reason</th></tr></thead><tbody>${checkRows(shown)}</tbody></table>` : ''}
${hidden ? `<p class="folded">${hidden} check(s) passed.</p>` : ''}
</section>`;
}

/** Naming findings under the device they concern: noted, not failed. */
const findingRows = (findings: BenchReport['device']['devices'][number]['findings']) =>
  findings
    .map(
      (f) =>
        `<tr><td></td><td colspan="6">Finding <span class="id">${escapeHtml(f.code)}</span>: ${escapeHtml(f.message)}</td></tr>`,
    )
    .join('');

export function reportHtml(report: BenchReport, title = 'SBI compliance bench'): string {
  const { summary } = report;
  const devices = report.device.devices
    .map(
      (d) =>
        `<tr><td>${escapeHtml(d.deviceId)}</td><td>${escapeHtml(d.type)} / ${escapeHtml(d.subType)}</td><td>${escapeHtml(d.certification)}</td><td>${escapeHtml(d.make ?? '')} ${escapeHtml(d.model ?? '')}</td><td>${escapeHtml(d.deviceCode)}</td><td>${escapeHtml(d.serialNo ?? '')}</td><td>${escapeHtml(d.deviceProviderId ?? '')}</td></tr>${findingRows(d.findings)}`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body{font:13px/1.4 system-ui,sans-serif;margin:24px;color:#111}
h1{font-size:20px;margin:0 0 4px}h3{font-size:14px;margin:0 0 6px}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}.case{border:1px solid #ddd;border-radius:4px;padding:8px;margin:8px 0;break-inside:avoid}
.case.fail{border-color:#c62828}.r{display:inline-block;min-width:3.2em;text-align:center;border-radius:3px;padding:0 4px;font-size:11px;font-weight:600;color:#fff}
.r.pass{background:#2e7d32}.r.fail{background:#c62828}.r.skip{background:#757575}.id{font-family:monospace}
small{color:#555;font-weight:normal}.folded{color:#555;margin:0}.summary span{margin-right:16px}
@media print{body{margin:8mm}.case{page-break-inside:avoid}}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>Port ${report.device.port} · purpose ${escapeHtml(report.device.purpose)} · ${escapeHtml(report.startedAt)} → ${escapeHtml(report.finishedAt)}${report.cancelled ? ' · <strong>cancelled</strong>' : ''}</p>
<p class="summary"><span>${badge('pass')} ${summary.pass}</span><span>${badge('fail')} ${summary.fail}</span><span>${badge('skip')} ${summary.skip}</span></p>
<h2>Devices</h2>
<table><thead><tr><th>Id</th><th>Type</th><th>Certification</th><th>Make / model</th><th>deviceCode</th><th>serialNo (digital ID)</th><th>Provider id</th></tr></thead><tbody>${devices}</tbody></table>
<h2>Cases</h2>
${report.cases.map(caseBlock).join('\n')}
</body></html>
`;
}
