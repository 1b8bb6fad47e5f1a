import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { demoIdentitiesText, startDemoSignIn } from '../shared/oidc/demo-sign-in.ts';
import { loadConfig } from '../../core/config.ts';
import { openCore } from '../../core/index.ts';
import { createHardwareHub } from '../../../native/hub/create-hub.ts';
import type { Core } from '../../core/index.ts';
import { withScheduledJobs } from '../../core/jobs.ts';
import { defaultDataDir } from '../shared/data-dir.ts';
import { projectRoot } from '../shared/project-root.ts';
import { coreLog, jsonLog } from './log.ts';
import { isLoopback, startServerHost } from './server.ts';
import { serverTls } from './tls.ts';

const USAGE = `Usage: npm run server -- [--data-dir DIR] [--port N] [--bind ADDRESS] [--host-name NAME]... [--demo]
       npm run server -- --insecure-loopback [--port N] …   (plain HTTP on 127.0.0.1: tests and demos only)

  --host-name   a name clients use to reach this server (repeatable); the TLS certificate carries them
                all (default: config.json server.hostNames, else localhost and 127.0.0.1)
  --bind        the address to listen on (default 0.0.0.0; 127.0.0.1 with --insecure-loopback)
  --port        default 8443 (0 = any free port)
  --demo        load the demo dataset into an empty database first
  --ui          the built renderer (default dist/renderer)`;

/** `npm run server`: the core for many users on a network, logging JSON lines on stdout. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: process.env.PARTNER_DESK_PORT ?? '8443' },
      bind: { type: 'string' },
      'host-name': { type: 'string', multiple: true },
      'insecure-loopback': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      ui: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got "${values.port}"`);
  const insecure = values['insecure-loopback'];
  const bind = values.bind ?? (insecure ? '127.0.0.1' : '0.0.0.0');
  if (insecure && !isLoopback(bind)) throw new Error(`--insecure-loopback listens on loopback only, not on ${bind}`);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const rendererDir = resolve(values.ui ?? join(projectRoot(import.meta.url), 'dist', 'renderer'));
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error(
      `The UI is not built in ${rendererDir}: run \`npm run build:renderer\` (npm run server does it for you).`,
    );

  const log = jsonLog();
  const configured = values['host-name'] ?? loadConfig(dataDir).server.hostNames;
  const hostNames = configured.length > 0 ? configured : ['localhost', '127.0.0.1'];
  // Links in e-mails (password reset) point at the first name partners use, unless config.json sets publicUrl.
  const first = isIP(hostNames[0]!) === 6 ? `[${hostNames[0]}]` : hostNames[0];
  const publicUrl = `${insecure ? 'http' : 'https'}://${first}:${port}/`;
  // A sync server: desks join it (docs/sync.md); the first start logs the existing rows for their first pull.
  const core: Core = withScheduledJobs(
    openCore({
      hardware: createHardwareHub,
      dataDir,
      publicUrl,
      log: coreLog(log),
      syncRole: 'server',
    }),
  );
  try {
    if (values.demo) await loadDemo(core, log);
    let tls = null;
    if (!insecure) {
      tls = await serverTls(core, hostNames);
      log('info', 'TLS certificate', {
        fingerprint256: tls.fingerprint256,
        notAfter: tls.notAfter.toISOString(),
        source: tls.source,
        hostNames,
      });
    }
    const host = await startServerHost({ core, port, bind, tls, hostNames, rendererDir, log });
    log('info', 'listening', {
      url: host.origin,
      bind,
      port: host.port,
      tls: tls !== null,
      dataDir,
    });
    if (values.demo) {
      // The demo's identity provider, so a newcomer can sign in to the portal as an applicant.
      const op = await startDemoSignIn(core, host.origin);
      if (op) {
        log('info', 'demo identity provider', { issuer: op.issuer });
        process.stderr.write(`Applicants sign in with "Sign in with your ID": ${demoIdentitiesText()}\n`);
      }
    }
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        log('warn', 'second signal; exiting without waiting', { signal });
        process.exit(1);
      }
      stopping = true;
      const inFlight = host.inFlight;
      const closing = host.close();
      // Logged once the listener is closed: from this line on, new connections are refused.
      log('info', 'stopping: finishing requests in flight', { signal, inFlight });
      closing.then(
        () => process.exit(0),
        (err: unknown) => {
          log('error', 'shutdown failed', {
            error: err instanceof Error ? err.message : String(err),
          });
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  } catch (err) {
    core.close();
    throw err;
  }
}

async function loadDemo(core: Core, log: ReturnType<typeof jsonLog>): Promise<void> {
  const info = await core.dispatch('system.info', null, {});
  if (!info.ok || !(info.result as { setupRequired: boolean }).setupRequired)
    return log('info', 'demo: the database already has data; leaving it as it is');
  const demo = await core.dispatch('setup.loadDemo', null, {});
  if (!demo.ok) throw new Error(`the demo data could not be loaded: ${demo.error.message}`);
  const r = demo.result as { adminLogin: string; password: string; partners: number };
  log('info', 'demo data loaded', { partners: r.partners, adminLogin: r.adminLogin });
  // Shown once on the terminal, never in the log stream: a demo database has no default password.
  process.stderr.write(
    `Demo data loaded. Sign in as "${r.adminLogin}" (or any demo partner) with password: ${r.password}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`partner-desk server: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
