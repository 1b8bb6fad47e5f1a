/**
 * The gadget-side code path (what runs on /dev/hidg0 in the HIL guest) on two real FIFOs: the
 * virtual chip served by serveChipOnReportFile, the host reading it through openReportFile.
 * The serve loop is started before its file exists, as in the guest before the gadget is up.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFtmChip } from '../../native/ftm/read-chip.ts';
import { serveChipOnReportFile } from '../../native/ftm/serve-file.ts';
import { VirtualFtmChip } from '../../native/ftm/virtual-chip.ts';
import { openReportFile } from '../../native/hid/hidraw-file.ts';
import { HidTransport } from '../../native/hid/transport.ts';

const dir = mkdtempSync(join(tmpdir(), 'pd-hidg-'));
const toDevice = join(dir, 'host-to-device');
const toHost = join(dir, 'device-to-host');

/** Ends reads still blocked in the thread pool (a closed FileHandle waits for them). */
function wake(path: string): void {
  try {
    const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    writeSync(fd, new Uint8Array(64));
    closeSync(fd);
  } catch {
    // no reader left
  }
}

afterAll(() => {
  wake(toDevice);
  wake(toHost);
  rmSync(dir, { recursive: true, force: true });
});

describe('virtual FTM chip on a report file (the /dev/hidg0 code path)', () => {
  it('serves INFO/GET_CERT/SIGN over 64-byte reports through files, reopening until the file exists', async () => {
    const { chip, pki } = await VirtualFtmChip.create({ serial: 'PD-FILE-1' });
    const stop = new AbortController();
    const log: string[] = [];
    const serving = serveChipOnReportFile(chip, toDevice, {
      writePath: toHost,
      signal: stop.signal,
      retryMs: 20,
      log: (l) => log.push(l),
    });
    await expect
      .poll(() => log[0], { timeout: 5000, interval: 10 })
      .toMatch(/^cannot open .*host-to-device: ENOENT.*; retrying$/);
    execFileSync('mkfifo', [toDevice, toHost]);

    const host = await openReportFile(toHost, { writePath: toDevice });
    const transport = await HidTransport.open(host, { timeoutMs: 2000 });
    const reading = await readFtmChip(transport, {
      trustAnchorsPem: pki.ftmRoot.pem,
      now: new Date(),
    });
    expect(reading).toMatchObject({
      serial: 'PD-FILE-1',
      possession: { verdict: 'verified' },
      trust: { verdict: 'verified' },
    });
    expect(log).toContain(`serving the virtual FTM chip on ${toDevice}`);

    await expect(host.write(new Uint8Array(65))).rejects.toMatchObject({
      code: 'MALFORMED_REPORT',
    });
    await host.close();
    await expect(host.write(new Uint8Array(64))).rejects.toMatchObject({ code: 'DEVICE_GONE' });
    await expect(openReportFile(join(dir, 'missing'))).rejects.toMatchObject({
      code: 'OPEN_FAILED',
    });
    stop.abort();
    await serving;
    expect(log.at(-1)).toBe(`${toDevice}: stopped`);
  });
});
