/**
 * Device side of the FTM gadget in the HIL guest: the product's VirtualFtmChip served on
 * /dev/hidg0 by serveChipOnReportFile — the same code as the in-process virtual chip, now behind
 * the kernel's f_hid function. Over the fork IPC channel it says { ready: true } once it serves,
 * and the guest test sets faults (slow, hung firmware): { id, faults } → { id }.
 */
import { createPrivateKey } from 'node:crypto';
import { serveChipOnReportFile } from '../../native/ftm/serve-file.ts';
import { VirtualFtmChip } from '../../native/ftm/virtual-chip.ts';
import { chainDer, readFixture } from './fixture.ts';

const [path, fixtureDir] = process.argv.slice(2);
if (!path || !fixtureDir) throw new Error('usage: device-ftm.cjs /dev/hidg0 FIXTURE_DIR');
const fixture = readFixture(fixtureDir);
const chip = new VirtualFtmChip({
  info: fixture.info,
  chain: chainDer(fixture),
  key: createPrivateKey(fixture.chipKeyPem),
});

process.on('message', (m: unknown) => {
  if (typeof m !== 'object' || m === null || !('id' in m) || !('faults' in m)) return;
  const f = m.faults as { delayMs?: unknown; silent?: unknown };
  chip.faults = {
    ...(typeof f.delayMs === 'number' ? { delayMs: f.delayMs } : {}),
    ...(f.silent === true ? { silent: true } : {}),
  };
  process.send?.({ id: m.id });
});

let ready = false;
void serveChipOnReportFile(chip, path, {
  retryMs: 50,
  log: (line) => {
    process.stderr.write(`device-ftm: ${line}\n`);
    // serveChipOnReportFile logs this line once the file is open and the chip is attached.
    if (!ready && line.startsWith('serving')) {
      ready = true;
      process.send?.({ ready: true });
    }
  },
});
