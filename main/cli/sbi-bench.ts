/**
 * `sbi bench`: the SBI compliance bench against one port (`--port`) or an in-process virtual SBI
 * (`--virtual`, whose roots are trusted for the run). Prints the BenchReport (`--json`) or a
 * readable list, optionally writes the printable page (`--html`). Exit 0 when no case fails, 1
 * when one does (or the run is interrupted), 2 for a bad command line.
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { readDiscoveryAnswer } from '../../native/sbi/client/discovery.ts';
import { SbiClient } from '../../native/sbi/client/sbi-client.ts';
import { createBenchEncryptionKey } from '../../lib/sbi/decrypt.ts';
import type { BenchEncryptionKey } from '../../lib/sbi/decrypt.ts';
import { skipPrompts } from '../../native/sbi/bench/prompts.ts';
import type { Prompter } from '../../native/sbi/bench/prompts.ts';
import { reportHtml } from '../../native/sbi/bench/report-html.ts';
import type { BenchReport } from '../../native/sbi/bench/report.ts';
import { BenchSession } from '../../native/sbi/bench/session.ts';
import { extendTrustStore, trustEntriesFromPem } from '../../native/sbi/bench/trust.ts';
import { DEFAULT_PORT_RANGE, startVirtualSbi } from '../../native/virtual/sbi/index.ts';
import type { VirtualSbi } from '../../native/virtual/sbi/index.ts';
import { trustStoreOf } from '../core/certificates/trust.ts';
import type { Core } from '../core/index.ts';
import { list, port, purpose, range, readText, text, trustEntries } from './sbi-args.ts';
import type { Values } from './sbi-args.ts';
import { UsageError } from './usage.ts';

function loadKey(v: Values): BenchEncryptionKey | null {
  const keyFile = text(v['encryption-key']);
  const certFile = text(v['encryption-cert']);
  if (!keyFile && !certFile) return null;
  if (!keyFile || !certFile) throw new UsageError('--encryption-key and --encryption-cert go together');
  try {
    const privateKey = createPrivateKey(readText(keyFile, '--encryption-key'));
    const cert = new X509Certificate(readText(certFile, '--encryption-cert'));
    const spki = (k: ReturnType<typeof createPublicKey>) => k.export({ type: 'spki', format: 'der' });
    if (!spki(createPublicKey(privateKey)).equals(spki(cert.publicKey)))
      throw new UsageError('--encryption-key is not the key of --encryption-cert');
    return { privateKey, certificateDer: new Uint8Array(cert.raw) };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot load the encryption key pair: ${(e as Error).message}`);
  }
}

/** Asks on the terminal: Enter = done, "s" = skip. */
const terminalPrompter: Prompter = (p) =>
  new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    rl.question(`\n[${p.caseId}, device ${p.deviceId}] ${p.text}\n  Enter = done, s = skip: `, (answer) => {
      rl.close();
      resolve(answer.trim().toLowerCase().startsWith('s') ? 'skip' : 'done');
    });
  });

function printReadable(r: BenchReport, out: NodeJS.WritableStream): void {
  // Each device under the spec's names: discovery's deviceCode and the digital ID's serialNo.
  for (const d of r.device.devices) {
    out.write(
      `device ${d.deviceId}  ${d.type}/${d.subType}  ${d.make ?? ''} ${d.model ?? ''}  deviceCode ${d.deviceCode || '-'}  serialNo ${d.serialNo ?? '-'}\n`,
    );
    for (const f of d.findings) out.write(`      finding ${f.code}: ${f.message}\n`);
  }
  if (r.device.devices.length > 0) out.write('\n');
  for (const c of r.cases) {
    out.write(`${c.result.toUpperCase().padEnd(4)}  ${c.id}  ${c.name} (device ${c.deviceId})\n`);
    for (const k of c.checks.filter((k) => k.result !== 'pass'))
      out.write(`        ${k.result}: ${k.name}${k.reason ? ` — ${k.reason}` : ''}\n`);
  }
  out.write(
    `\n${r.summary.pass} passed, ${r.summary.fail} failed, ${r.summary.skip} skipped${r.cancelled ? ' (interrupted)' : ''}\n`,
  );
}

export async function sbiBench(core: Core, v: Values, out: NodeJS.WritableStream): Promise<number> {
  const json = v.json === true;
  const virtual = v.virtual === true;
  const target = port(v.port);
  if (virtual === (target !== undefined)) throw new UsageError('give either --port <port> or --virtual');
  const wanted = purpose(v.purpose);
  const ports = range(v.range, DEFAULT_PORT_RANGE);
  const cap = v['timeout-cap-ms'] === undefined ? undefined : Number(text(v['timeout-cap-ms']));
  if (cap !== undefined && !(Number.isInteger(cap) && cap >= 1 && cap <= 600_000))
    throw new UsageError('--timeout-cap-ms must be an integer 1–600000');
  const caseIds = list(v.cases)
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const extra = trustEntries(v.trust);
  let key = loadKey(v);

  let sbi: VirtualSbi | null = null;
  let session: BenchSession | null = null;
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    if (virtual) {
      key ??= await createBenchEncryptionKey();
      sbi = await startVirtualSbi({ portRange: ports, encryptionCertDer: key.certificateDer });
      const roots = sbi.trustAnchorsPem();
      extra.push(...trustEntriesFromPem(roots.device, ['DEVICE']), ...trustEntriesFromPem(roots.ftm, ['FTM']));
    }
    const benchPort = sbi?.port ?? target!;
    // A virtual device on the port without a key of ours is lent one for the run (BenchSession).
    session = await BenchSession.open({
      port: benchPort,
      signal: abort.signal,
      encryptionKey: key,
    });
    const benchPurpose = wanted ?? (await defaultPurpose(benchPort));
    const report = await session.run({
      purpose: benchPurpose,
      ...(text(v.device) ? { deviceId: text(v.device)! } : {}),
      trust: extendTrustStore(trustStoreOf(core.db.reader), extra),
      prompt: session.prompter(!json && process.stdin.isTTY ? terminalPrompter : skipPrompts, true),
      ...(caseIds.length ? { caseIds } : {}),
      ...(cap ? { timeouts: { shortMs: Math.min(500, cap), longMs: Math.min(10_000, cap) } } : {}),
      ...(json
        ? {}
        : {
            onProgress: (p) => process.stderr.write(p.caseId ? `[${p.done + 1}/${p.total}] ${p.label}\n` : ''),
          }),
    });
    if (json) out.write(`${JSON.stringify(report)}\n`);
    else printReadable(report, out);
    const html = text(v.html);
    if (html) writeFileSync(html, reportHtml(report));
    return report.summary.fail > 0 || report.cancelled ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await session?.close();
    await sbi?.close();
  }
}

/** Without --purpose: the purpose of the port's first device. */
async function defaultPurpose(p: number): Promise<'Registration' | 'Auth'> {
  const answer = await new SbiClient({ port: p }).discover();
  const first = readDiscoveryAnswer(p, answer.verb, answer.json).devices.find((d) => d.entry.purpose !== '');
  if (!first) throw new Error(`port ${p}: no registered device to take the purpose from (use --purpose)`);
  return first.entry.purpose as 'Registration' | 'Auth';
}
