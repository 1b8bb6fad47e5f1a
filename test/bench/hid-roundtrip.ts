/**
 * FTM round trips over the HID framing through the in-memory report pipe: host transport ↔
 * virtual chip, everything but the USB wire (reports are handed over with setImmediate). Prints
 * p50/p95 per command; SIGN includes the chip's RSA-2048 signature, a full read the PKI check.
 *
 *   npm run bench -- hid-roundtrip      (or npx tsx test/bench/hid-roundtrip.ts)
 */
import { sign } from 'node:crypto';
import { FtmChipClient } from '../../native/ftm/client.ts';
import { encodeChain, popMessage } from '../../native/ftm/protocol.ts';
import { readFtmChip } from '../../native/ftm/read-chip.ts';
import { VirtualFtmChip } from '../../native/ftm/virtual-chip.ts';
import { CONT_DATA, INIT_DATA } from '../../native/hid/framing.ts';
import { createReportPipe } from '../../native/hid/report-device.ts';
import { HidTransport } from '../../native/hid/transport.ts';
import { createVirtualPki } from '../../native/virtual/pki.ts';

const pki = await createVirtualPki({ deviceOrg: 'Bench', ftmOrg: 'Bench' });
const { chip } = await VirtualFtmChip.create({ pki });
const pipe = createReportPipe();
chip.attach(pipe.device);
const transport = await HidTransport.open(pipe.host);
const client = new FtmChipClient(transport);
const challenge = new Uint8Array(32).fill(1);
const chipKey = (await pki.issueChipCert('raw-sign')).key;

async function measure(name: string, n: number, fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(3);
  console.log(`${name.padEnd(50)} n=${String(n).padEnd(5)} p50 ${q(0.5)} ms   p95 ${q(0.95)} ms`);
}

await measure('PING 0 bytes (1 report each way)', 2000, () => transport.ping(new Uint8Array()));
await measure('INFO (1 report each way)', 2000, () => client.info());
const chainBytes = encodeChain(chip.chain).length;
const chainReports = 1 + Math.ceil(Math.max(0, chainBytes - INIT_DATA) / CONT_DATA);
await measure(`GET_CERT (1 report out, ${chainReports} back: ${chainBytes} B)`, 500, () => client.certificateChain());
await measure('raw RSA-2048 sign, no transport (baseline)', 300, async () =>
  sign('sha256', popMessage(challenge), chipKey),
);
await measure('SIGN 32-byte challenge (1 report out, 5 back)', 300, () => client.sign(challenge));
await measure('readFtmChip: INFO+GET_CERT+SIGN+verify+path', 200, () =>
  readFtmChip(transport, { trustAnchorsPem: pki.ftmRoot.pem, now: new Date() }),
);
pipe.unplug();
