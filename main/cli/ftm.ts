/**
 * `ftm read`: reads an FTM chip over HID and judges it (proof of possession, chain against the
 * FTM trust anchors). `ftm serve`: runs the virtual chip as USB gadget firmware on /dev/hidg0.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { splitPem } from '../../lib/pki/index.ts';
import { FtmError } from '../../native/ftm/protocol.ts';
import { readFtmChip } from '../../native/ftm/read-chip.ts';
import type { FtmChipReading } from '../../native/ftm/read-chip.ts';
import { serveChipOnReportFile } from '../../native/ftm/serve-file.ts';
import { VirtualFtmChip } from '../../native/ftm/virtual-chip.ts';
import { HidError } from '../../native/hid/errors.ts';
import { findFtmChips, openNodeHidDevice } from '../../native/hid/node-hid-device.ts';
import { createReportPipe } from '../../native/hid/report-device.ts';
import type { ReportDevice } from '../../native/hid/report-device.ts';
import { HidTransport } from '../../native/hid/transport.ts';
import { loadCatalogue } from '../../native/usb/catalogue.ts';
import { UsageError } from './usage.ts';

type Values = Record<string, string | boolean | string[] | undefined>;

const list = (v: Values[string]): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);
const text = (v: Values[string]): string | undefined => (typeof v === 'string' ? v : undefined);

/** Unreadable anchors are usage problems: the CLI prints the message and exits 2. */
function readAnchors(files: string[]): string[] {
  return files.map((file) => {
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --trust ${file}: ${(e as Error).message}`, { cause: e });
    }
    if (!splitPem(pem).length) throw new UsageError(`--trust ${file} holds no PEM certificate`);
    return pem;
  });
}

function describe(r: FtmChipReading & { device: string }): string {
  const verdict = (v: FtmChipReading['trust']) => (v.verdict === 'verified' ? 'verified' : `FAILED — ${v.reason}`);
  return [
    `FTM chip ${r.make} ${r.model}, serial ${r.serial}, firmware ${r.firmware} (${r.device})`,
    ...r.chain.map((c, i) => `  certificate ${i}: ${c.subject}\n    issued by ${c.issuer}, valid until ${c.notAfter}`),
    `  proof of possession: ${verdict(r.possession)}`,
    `  chain to an FTM trust anchor: ${verdict(r.trust)}`,
  ].join('\n');
}

/** `ftm <sub>`: dispatches the subcommand. */
export async function ftmCommand(sub: string | undefined, v: Values, out: NodeJS.WritableStream): Promise<number> {
  if (sub === 'read') return ftmRead(v, out);
  if (sub === 'serve') return ftmServe(v, out);
  throw new UsageError(
    'usage: ftm read [--json] [--trust ftm-root.pem]… [--device /dev/hidrawN | --virtual] | ftm serve --hidg /dev/hidg0 [--root-out ftm-root.pem] [--serial S]',
  );
}

export async function ftmRead(v: Values, out: NodeJS.WritableStream): Promise<number> {
  const json = v.json === true;
  if (v.virtual === true && v.device !== undefined) throw new UsageError('--virtual and --device exclude each other');
  let anchors = readAnchors(list(v.trust));
  let device: ReportDevice;
  let name: string;
  if (v.virtual === true) {
    const { chip, pki } = await VirtualFtmChip.create();
    const pipe = createReportPipe();
    chip.attach(pipe.device);
    device = pipe.host;
    name = 'virtual';
    if (!anchors.length) anchors = [pki.ftmRoot.pem];
  } else {
    const path = text(v.device) ?? (await findFtmChips(loadCatalogue()))[0]?.path;
    if (!path)
      return fail(
        out,
        json,
        'NOT_FOUND',
        'no FTM chip found: no HID device with an FTM id of the device catalogue (use --device <hidraw path> or --virtual)',
      );
    name = path;
    try {
      device = await openNodeHidDevice(path);
    } catch (e) {
      return failWith(out, json, e);
    }
  }
  let transport: HidTransport | undefined;
  try {
    transport = await HidTransport.open(device);
    const reading = {
      device: name,
      ...(await readFtmChip(transport, { trustAnchorsPem: anchors, now: new Date() })),
    };
    out.write(json ? `${JSON.stringify(reading)}\n` : `${describe(reading)}\n`);
    const good = reading.possession.verdict === 'verified' && reading.trust.verdict === 'verified';
    if (!good)
      process.stderr.write('partner-desk: the FTM chip failed the proof of possession or its chain is not trusted\n');
    return good ? 0 : 1;
  } catch (e) {
    return failWith(out, json, e);
  } finally {
    transport?.close();
    await device.close();
  }
}

function failWith(out: NodeJS.WritableStream, json: boolean, e: unknown): number {
  if (e instanceof HidError || e instanceof FtmError)
    return fail(out, json, e.code, `FTM chip read failed: ${e.message}`);
  throw e;
}

function fail(out: NodeJS.WritableStream, json: boolean, code: string, message: string): number {
  if (json) out.write(`${JSON.stringify({ error: { code, message } })}\n`);
  process.stderr.write(`partner-desk: ${message}\n`);
  return 1;
}

/** Serves until SIGINT/SIGTERM; prints one JSON line once the chip exists (its serial and root file). */
export async function ftmServe(v: Values, out: NodeJS.WritableStream): Promise<number> {
  const path = text(v.hidg);
  if (!path) throw new UsageError('usage: ftm serve --hidg /dev/hidg0 [--root-out ftm-root.pem] [--serial S]');
  const serial = text(v.serial);
  const { chip, pki } = await VirtualFtmChip.create(serial ? { serial } : {});
  const rootOut = text(v['root-out']);
  if (rootOut) writeFileSync(rootOut, pki.ftmRoot.pem);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  out.write(`${JSON.stringify({ serving: path, serial: chip.info.serial, rootOut: rootOut ?? null })}\n`);
  await serveChipOnReportFile(chip, path, {
    signal: stop.signal,
    log: (line) => process.stderr.write(`ftm serve: ${line}\n`),
  });
  return 0;
}
