import { createInterface } from 'node:readline';
import { expireSbis, runScheduledJobs } from '../core/jobs.ts';
import { schemaVersion } from '../store/db.ts';
import { LATEST_VERSION } from '../store/migrations/index.ts';
import { ftmCommand } from './ftm.ts';
import { idServiceCommand } from './id-service.ts';
import { releaseCommand } from './release.ts';
import { sbiCommand } from './sbi.ts';
import type { CliCommand, Io } from './command.ts';
import { UsageError } from './usage.ts';
import { verifyLines } from './verify.ts';

function print(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

async function readLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

/** Later issues add their commands (verify, sbi, ftm) here. */
export const COMMANDS: Record<string, CliCommand> = {
  status: {
    summary: 'data directory, schema version and counts (JSON)',
    options: {},
    async run(core, _v, io) {
      const db = core.db.reader;
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      print(io, {
        dataDir: io.dataDir,
        schemaVersion: schemaVersion(db),
        latestSchemaVersion: LATEST_VERSION,
        users: n('SELECT COUNT(*) AS n FROM app_user'),
        partners: n('SELECT COUNT(*) AS n FROM partner'),
        auditRecords: n('SELECT COUNT(*) AS n FROM app_audit_log'),
        outboxPending: n('SELECT COUNT(*) AS n FROM outbox WHERE synced_at IS NULL'),
      });
      return 0;
    },
  },
  demo: {
    summary: 'fill an empty database with the demo dataset; prints the generated password',
    options: {},
    async run(core, _v, io) {
      const r = await core.dispatch('setup.loadDemo', null, {});
      print(io, r);
      return r.ok ? 0 : 1;
    },
  },
  'create-admin': {
    summary: 'first run: create the partner admin (password read from stdin)',
    options: {
      username: { type: 'string' },
      email: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      org: { type: 'string' },
      lang: { type: 'string' },
    },
    async run(core, v, io) {
      const password = await readLine();
      const r = await core.dispatch('setup.createAdmin', null, {
        username: v.username,
        email: v.email,
        firstName: v['first-name'],
        lastName: v['last-name'],
        orgName: v.org,
        lang: v.lang ?? 'en',
        password,
      });
      print(io, r);
      return r.ok ? 0 : 1;
    },
  },
  verify: {
    summary:
      'validate certificate chains: JSON lines on stdin → one JSON verdict per line on stdout; --profile strict|keymanager',
    options: { profile: { type: 'string' } },
    async run(core, v, io) {
      const profile = v.profile;
      if (profile !== undefined && profile !== 'strict' && profile !== 'keymanager')
        throw new UsageError(`--profile must be strict or keymanager, not "${String(profile)}"`);
      const { total, valid } = await verifyLines(core, process.stdin, io.stdout, () => new Date(), profile);
      process.stderr.write(`verified ${total} chain(s): ${valid} valid, ${total - valid} not\n`);
      return 0;
    },
  },
  jobs: {
    summary:
      'jobs run: the scheduled jobs now (expire API keys, expire SBIs with their devices), as the system actor; jobs expire-sbis: only the SBI expiry job',
    options: {},
    subcommands: ['run', 'expire-sbis'],
    async run(core, _v, io) {
      const sub = io.positionals?.join(' ');
      if (sub === 'expire-sbis') {
        print(io, await expireSbis(core));
        return 0;
      }
      if (sub !== 'run') throw new Error('usage: jobs run | jobs expire-sbis');
      print(io, await runScheduledJobs(core));
      return 0;
    },
  },
  ftm: {
    summary:
      'ftm read: read an FTM chip over HID and prove possession (--json, --trust <pem>…, --device <hidraw> | --virtual); ftm serve --hidg <path>: the virtual chip as gadget firmware',
    options: {
      json: { type: 'boolean' },
      trust: { type: 'string', multiple: true },
      device: { type: 'string' },
      virtual: { type: 'boolean' },
      hidg: { type: 'string' },
      'root-out': { type: 'string' },
      serial: { type: 'string' },
    },
    subcommands: ['read', 'serve'],
    run: (_core, v, io) => ftmCommand(io.positionals?.join(' '), v, io.stdout),
  },
  sbi: sbiCommand,
  'id-service': {
    summary:
      'id-service enrol --file identity.json: enrol an identity of the ID authentication service (docs/id-service.md); id-service misp-license --misp-partner ID [--days N]',
    options: {
      file: { type: 'string' },
      'misp-partner': { type: 'string' },
      days: { type: 'string' },
    },
    subcommands: ['enrol', 'misp-license'],
    run: (core, v, io) => idServiceCommand(core, io.positionals?.join(' '), v, io.stdout),
  },
  release: releaseCommand,
  audit: {
    summary: 'audit records as JSON lines, newest first (--limit N, --module M, --result success|failure)',
    options: { limit: { type: 'string' }, module: { type: 'string' }, result: { type: 'string' } },
    async run(core, v, io) {
      const limit = Number(v.limit ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100000)
        throw new Error('--limit must be an integer 1..100000');
      if (v.result !== undefined && v.result !== 'success' && v.result !== 'failure')
        throw new Error('--result must be success or failure');
      const where: string[] = [];
      const params: string[] = [];
      if (typeof v.module === 'string') {
        where.push('module = ?');
        params.push(v.module);
      }
      if (typeof v.result === 'string') {
        where.push('result = ?');
        params.push(v.result);
      }
      const rows = core.db.reader
        .prepare(
          `SELECT * FROM app_audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY time DESC LIMIT ?`,
        )
        .iterate(...params, limit);
      for (const row of rows) print(io, row);
      return 0;
    },
  },
};
