/** `npm run cli -- sbi discover|bench`: SBI devices on this machine, and the compliance bench for a vendor's CI. */
import type { CliCommand } from './command.ts';
import { UsageError } from './usage.ts';

const USAGE = [
  'usage: sbi discover [--json] [--range 4501-4600] [--trust [DEVICE=|FTM=]ca.pem]…',
  '       sbi bench (--port N | --virtual [--range FROM-TO]) [--purpose Registration|Auth] [--device ID] [--trust [DEVICE=|FTM=]ca.pem]…',
  '                 [--encryption-key key.pem --encryption-cert cert.pem] [--cases SBI1001,SBI1002] [--timeout-cap-ms N] [--json] [--html report.html]',
].join('\n');

export const sbiCommand: CliCommand = {
  summary:
    'sbi discover: SBI devices on 127.0.0.1 with their verification (--json); sbi bench: the SBI compliance bench against --port N or --virtual (--json, --html)',
  options: {
    json: { type: 'boolean' },
    range: { type: 'string' },
    trust: { type: 'string', multiple: true },
    port: { type: 'string' },
    virtual: { type: 'boolean' },
    purpose: { type: 'string' },
    device: { type: 'string' },
    html: { type: 'string' },
    cases: { type: 'string', multiple: true },
    'timeout-cap-ms': { type: 'string' },
    'encryption-key': { type: 'string' },
    'encryption-cert': { type: 'string' },
  },
  subcommands: ['discover', 'bench'],
  async run(core, v, io) {
    const sub = io.positionals?.join(' ');
    // Loaded on use: the bench pulls in the SBI client and the virtual device, which other commands do not need.
    if (sub === 'discover') return (await import('./sbi-discover.ts')).sbiDiscover(core, v, io.stdout);
    if (sub === 'bench') return (await import('./sbi-bench.ts')).sbiBench(core, v, io.stdout);
    throw new UsageError(sub ? `unknown subcommand "sbi ${sub}"\n${USAGE}` : USAGE);
  },
};
