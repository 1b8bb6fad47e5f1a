/**
 * `sbi discover` against a device service that answers as MockMDS does: a Busy device with error
 * 111, a Not Registered one with deviceId/deviceCode blanked, error 100 and unsigned device info,
 * and names that break the specification's deviceCode = serialNo and serial-length rules. Every
 * device is listed with its status, its error and what it still needs; the names are findings, not
 * failures. Port 46590 belongs to this file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPem } from '../../../native/virtual/pki.ts';
import { createSbiFixture } from '../../helpers/sbi-answers.ts';
import type { SbiFixture } from '../../helpers/sbi-answers.ts';
import { startTestSbi } from '../../helpers/sbi-server.ts';
import type { TestSbiServer } from '../../helpers/sbi-server.ts';
import { cli } from './cli.ts';

const PORT = 46590;
const dir = mkdtempSync(join(tmpdir(), 'pd-sbi-discover-statuses-'));
let f: SbiFixture;
let server: TestSbiServer;

const err = (errorCode: string, errorInfo: string) => ({ errorCode, errorInfo });
// MockMDS's printed serials have 10 digits; the face's deviceCode is not its serial.
const devices = [
  {
    deviceId: '2',
    deviceCode: '1234567890',
    status: 'Ready',
    error: err('0', 'Success'),
    id: { serialNo: '1234567890' },
  },
  {
    deviceId: '3',
    deviceCode: 'FACE00000001',
    status: 'Busy',
    error: err('111', 'Device is Busy'),
    id: { serialNo: 'FACE00000009', type: 'Face', deviceSubType: 'Full face' },
  },
  {
    deviceId: '',
    deviceCode: '',
    status: 'Not Registered',
    error: err('100', 'Device not registered'),
    id: { serialNo: 'IRIS00000001', type: 'Iris', deviceSubType: 'Double' },
  },
] as const;

beforeAll(async () => {
  f = await createSbiFixture();
  const discovery = devices.map((d) => ({
    deviceId: d.deviceId,
    deviceStatus: d.status,
    certification: 'L0',
    serviceVersion: '0.9.5',
    deviceSubId: ['1', '2', '3'],
    callbackId: `http://127.0.0.1:${PORT}/`,
    digitalId: f.digitalId(d.id, 'unsigned'),
    deviceCode: d.deviceCode,
    specVersion: ['0.9.5'],
    purpose: d.status === 'Not Registered' ? '' : 'Registration',
    error: d.error,
  }));
  const info = devices.flatMap((d) => {
    const registered = d.status !== 'Not Registered';
    const over = {
      deviceId: d.deviceId,
      deviceCode: d.deviceCode,
      deviceStatus: d.status,
      digitalId: f.digitalId(d.id, registered ? f.device : 'unsigned'),
      ...(registered ? {} : { env: 'None', purpose: '' }),
    };
    return f.deviceInfoAnswer(over, { signer: registered ? f.device : 'unsigned', error: d.error });
  });
  server = await startTestSbi(PORT, (req) => ({
    json: req.method === 'MOSIPDINFO' ? info : discovery,
  }));
  writeFileSync(join(dir, 'dev.pem'), toPem(f.pki.deviceCa.der));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Line {
  deviceId: string;
  status: string;
  error: { errorCode: string; errorInfo: string } | null;
  advice: string | null;
  deviceCode: string;
  digitalId: { serialNo: string };
  verification: { result: string; reason?: string };
  findings: Array<{ code: string; deviceCode: string; serialNo: string }>;
}

describe('npm run cli -- sbi discover: devices that are not Ready, and their names', () => {
  const args = ['sbi', 'discover', '--range', `${PORT}-${PORT}`, '--trust', `DEVICE=${join(dir, 'dev.pem')}`];

  it('--json: every device with its status, error, advice, deviceCode and serialNo, and the findings', async () => {
    const r = await cli([...args, '--json'], join(dir, 'data'));
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    expect(
      lines.map((l) => [
        l.deviceId,
        l.status,
        l.error?.errorCode ?? null,
        l.deviceCode,
        l.digitalId.serialNo,
        l.verification.result,
      ]),
    ).toEqual([
      ['2', 'Ready', null, '1234567890', '1234567890', 'pass'],
      ['3', 'Busy', '111', 'FACE00000001', 'FACE00000009', 'pass'],
      ['', 'Not Registered', '100', '', 'IRIS00000001', 'skip'],
    ]);
    expect(lines[0]!.advice).toBeNull();
    expect(lines[1]!.advice).toMatch(/busy .*onboarding and the bench need Ready/);
    expect(lines[2]!.advice).toMatch(/unsigned.*onboarding and the bench need Ready/);
    // Never verified: the unregistered device's information is unsigned.
    expect(lines[2]!.verification.reason).toMatch(/unsigned/);
    expect(lines.map((l) => l.findings.map((x) => x.code))).toEqual([
      ['SBI_SERIAL_NO_RULE'],
      ['SBI_DEVICE_CODE_DIFFERS'],
      [],
    ]);
    expect(lines[1]!.findings[0]).toMatchObject({
      deviceCode: 'FACE00000001',
      serialNo: 'FACE00000009',
    });
    expect(r.stderr).toMatch(/3 device\(s\), 0 problem\(s\)/);
  });

  it('readable: the status with its error, both names under their spec names, advice and findings indented', async () => {
    const r = await cli(args, join(dir, 'data'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${PORT}  device 3  Face/Full face  Busy (error 111 Device is Busy)  L0  Registration`);
    expect(r.stdout).toContain('deviceCode FACE00000001  serialNo FACE00000009');
    expect(r.stdout).toContain(
      `${PORT}  device -  Iris/Double  Not Registered (error 100 Device not registered)  L0  -`,
    );
    expect(r.stdout).toMatch(/\n {6}status: busy with another application/);
    expect(r.stdout).toMatch(
      /\n {6}finding SBI_DEVICE_CODE_DIFFERS: deviceCode "FACE00000001" differs from the digital ID's serialNo "FACE00000009"/,
    );
    expect(r.stdout).toMatch(/\n {6}finding SBI_SERIAL_NO_RULE: serialNo "1234567890" has 10 character\(s\)/);
  });
});
