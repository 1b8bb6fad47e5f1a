import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../../native/sbi/bench/report-html.ts';
import { caseResultOf, summarize } from '../../../native/sbi/bench/report.ts';
import { namingFindings } from '../../../native/sbi/naming.ts';
import type { BenchCaseResult, BenchReport } from '../../../native/sbi/bench/report.ts';

const evil = '<script>alert("x")</script><img src=http://evil.example/x onerror=1>';
const cases: BenchCaseResult[] = [
  {
    id: 'SBI1001',
    name: 'Device info',
    deviceId: '2',
    result: 'pass',
    checks: [{ name: 'deviceInfo[0].signature', result: 'pass' }],
    durationMs: 12,
    mandatedWaitMs: 0,
  },
  {
    id: 'SBI1002',
    name: 'RCAPTURE left slap',
    deviceId: evil,
    result: 'fail',
    checks: [
      {
        name: 'response.count',
        result: 'fail',
        reason: `5 items ${evil}`,
        code: 'SBI_RESPONSE_MISMATCH',
      },
      { name: 'ok', result: 'pass' },
    ],
    durationMs: 1500,
    mandatedWaitMs: 0,
  },
  {
    id: 'SBI1027',
    name: 'Device status: Busy',
    deviceId: '2',
    result: 'skip',
    checks: [{ name: 'tester', result: 'skip', reason: 'needs a tester' }],
    durationMs: 1,
    mandatedWaitMs: 0,
  },
];
const report: BenchReport = {
  device: {
    port: 4501,
    purpose: 'Registration',
    devices: [
      {
        deviceId: '2',
        type: 'Finger',
        subType: 'Slap',
        certification: 'L0',
        purpose: 'Registration',
        deviceCode: 'PDV0000000001',
        serialNo: evil,
        make: 'M&M',
        model: "O'Neil",
        deviceProviderId: null,
        findings: namingFindings('PDV0000000001', { serialNo: evil }),
      },
    ],
  },
  cases,
  summary: summarize(cases),
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:02.000Z',
  cancelled: false,
};

describe('the printable report', () => {
  const html = reportHtml(report);

  it('is self-contained: no scripts, links or external resources, and a CSP that loads nothing', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc="|\shref="/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('escapes every device-supplied string', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('M&amp;M O&#39;Neil');
  });

  it('shows deviceCode and the digital ID serialNo under their spec names, and their findings', () => {
    expect(html).toContain('<th>deviceCode</th><th>serialNo (digital ID)</th>');
    expect(html).toContain('<td>PDV0000000001</td>');
    expect(html).toMatch(
      /Finding <span class="id">SBI_DEVICE_CODE_DIFFERS<\/span>: deviceCode &quot;PDV0000000001&quot; differs/,
    );
    expect(html).toMatch(/Finding <span class="id">SBI_SERIAL_NO_RULE<\/span>/);
  });

  it('shows the summary, failing checks with reason and code, and folds passing checks', () => {
    expect(html).toMatch(
      /PASS<\/span> 1<\/span><span><span class="r fail">FAIL<\/span> 1<\/span><span><span class="r skip">SKIP<\/span> 1/,
    );
    expect(html).toContain('<code>SBI_RESPONSE_MISMATCH</code>');
    expect(html).toContain('1 check(s) passed.');
    expect(html).toContain('needs a tester');
    expect(html).toContain('1.5 s');
  });
});

describe('case results', () => {
  it('fail on any failure, skip when nothing ran, pass otherwise', () => {
    expect(caseResultOf([])).toBe('skip');
    expect(caseResultOf([{ name: 'a', result: 'skip', reason: 'x' }])).toBe('skip');
    expect(
      caseResultOf([
        { name: 'a', result: 'skip', reason: 'x' },
        { name: 'b', result: 'pass' },
      ]),
    ).toBe('pass');
    expect(
      caseResultOf([
        { name: 'a', result: 'pass' },
        { name: 'b', result: 'fail', reason: 'y' },
      ]),
    ).toBe('fail');
  });
});
