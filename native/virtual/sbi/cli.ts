/**
 * `npm run virtual-sbi [-- --ports 4501-4600 --out .data/virtual-sbi]`: runs the virtual SBI on its
 * own for demos and vendor training, writes the trust anchors (and the encryption certificate Auth
 * captures are sealed for) as PEM files, and prints where everything is. Ctrl+C stops it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toPem } from '../pki.ts';
import { DEFAULT_PORT_RANGE, startVirtualSbi } from './index.ts';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function portRange(text: string | undefined): [number, number] {
  if (!text) return DEFAULT_PORT_RANGE;
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) throw new Error(`--ports must look like 4501-4600, got ${JSON.stringify(text)}`);
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

async function main(): Promise<void> {
  const out = resolve(option('--out') ?? join(process.cwd(), '.data/virtual-sbi'));
  const sbi = await startVirtualSbi({ portRange: portRange(option('--ports')) });
  mkdirSync(out, { recursive: true });
  const anchors = sbi.trustAnchorsPem();
  const files = {
    device: join(out, 'device-provider-ca.pem'),
    ftm: join(out, 'ftm-root.pem'),
    encryption: join(out, 'encryption-cert.pem'),
  };
  writeFileSync(files.device, anchors.device);
  writeFileSync(files.ftm, anchors.ftm);
  writeFileSync(files.encryption, toPem(sbi.pki.encryption.der));
  const lines = [
    `Virtual SBI (0.9.5) listening on ${sbi.baseUrl}`,
    `  trust anchor, domain DEVICE: ${files.device}`,
    `  trust anchor, domain FTM:    ${files.ftm}`,
    `  Auth CAPTURE encrypts for:   ${files.encryption} (change with POST /admin/encryption-cert)`,
    `  devices: ${sbi
      .state()
      .devices.map((d) => `${d.deviceId}=${d.type}/${d.deviceSubType}/${d.purpose}`)
      .join(', ')}`,
    `  admin: GET /admin/state, GET /admin/trust, POST /admin/{status,quality,delay,rotate-keys,fault,encryption-cert}`,
    'Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => {
    void sbi.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`virtual-sbi: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
