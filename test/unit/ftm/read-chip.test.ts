import { afterEach, describe, expect, it } from 'vitest';
import { FtmError } from '../../../native/ftm/protocol.ts';
import { readFtmChip } from '../../../native/ftm/read-chip.ts';
import { VirtualFtmChip } from '../../../native/ftm/virtual-chip.ts';
import type { VirtualFtmChipOptions } from '../../../native/ftm/virtual-chip.ts';
import { createReportPipe } from '../../../native/hid/report-device.ts';
import type { ReportPipe } from '../../../native/hid/report-device.ts';
import { HidTransport } from '../../../native/hid/transport.ts';
import { AT, intermediate, keyPair, leaf, root } from '../../helpers/pki.ts';

const info = { make: 'Acme', model: 'A1', serial: 'ACME-7', firmware: '3.0' };
const pipes: ReportPipe[] = [];
afterEach(() => {
  for (const p of pipes.splice(0)) p.unplug();
});

async function read(opts: VirtualFtmChipOptions, trustAnchorsPem: string) {
  const pipe = createReportPipe();
  pipes.push(pipe);
  new VirtualFtmChip(opts).attach(pipe.device);
  return readFtmChip(await HidTransport.open(pipe.host), {
    trustAnchorsPem,
    now: AT,
    challenge: new Uint8Array(32).fill(7),
  });
}

describe('readFtmChip', () => {
  const ca = root('CN=Acme FTM Root, O=Acme');
  const sub = intermediate(ca, 'CN=Acme FTM Issuing, O=Acme');
  const rsa = keyPair('rsa2048', 'ftm-read-chip');

  it('builds the path through the intermediates the chip sends', async () => {
    const chipCert = leaf(sub, 'CN=ACME-7, O=Acme', { key: rsa });
    const reading = await read({ info, chain: [chipCert.der, sub.der], key: rsa.privateKey }, ca.pem);
    expect(reading.chain.map((c) => c.subject)).toEqual([
      expect.stringContaining('CN=ACME-7'),
      expect.stringContaining('CN=Acme FTM Issuing'),
    ]);
    expect(reading.possession).toEqual({ verdict: 'verified', reason: null });
    expect(reading.trust).toEqual({ verdict: 'verified', reason: null });
    // Without the intermediate there is no path.
    const bare = await read({ info, chain: [chipCert.der], key: rsa.privateKey }, ca.pem);
    expect(bare.trust).toEqual({
      verdict: 'failed',
      reason: expect.stringMatching(/^KER-PCM-006: /),
    });
  });

  it('fails possession when the certified key is not RSA (the chip answers RS256)', async () => {
    const ec = keyPair('p256');
    const chipCert = leaf(ca, 'CN=ACME-EC, O=Acme', { key: ec });
    const reading = await read({ info, chain: [chipCert.der], key: ec.privateKey }, ca.pem);
    expect(reading.possession).toEqual({
      verdict: 'failed',
      reason: expect.stringMatching(/holds an EC P-256 key/),
    });
    expect(reading.trust.verdict).toBe('verified');
  });

  it('refuses a chip whose certificate is not X.509 with FTM_BAD_CERTIFICATE', async () => {
    const garbage = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]);
    const err = await read({ info, chain: [garbage], key: rsa.privateKey }, ca.pem).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FtmError);
    expect(err).toMatchObject({
      code: 'FTM_BAD_CERTIFICATE',
      message: expect.stringMatching(/^certificate 0 from the chip/),
    });
  });
});
