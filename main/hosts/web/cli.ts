import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openCore } from '../../core/index.ts';
import { createHardwareHub } from '../../../native/hub/create-hub.ts';
import { withDeskSync } from '../../sync/attach.ts';
import type { Core } from '../../core/index.ts';
import { startDemoHardware } from '../shared/demo-hardware.ts';
import { demoIdentitiesText, startDemoSignIn } from '../shared/oidc/demo-sign-in.ts';
import { withScheduledJobs } from '../../core/jobs.ts';
import { defaultDataDir } from '../shared/data-dir.ts';
import { fileLog } from '../shared/file-log.ts';
import { startWebHost } from './server.ts';

/** The project root: the nearest folder above this file with a package.json (source or bundle). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the Partner Desk folder (package.json)');
    dir = up;
  }
  return dir;
}
const root = projectRoot();

/** `npm run web -- [--data-dir DIR] [--port N] [--demo]`: Partner Desk in the browser. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: process.env.PARTNER_DESK_PORT ?? '4610' },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run web -- [--data-dir DIR] [--port N (0 = any free port)] [--demo]');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got "${values.port}"`);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const rendererDir = join(root, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('The UI is not built: run `npm run build:renderer` (npm run web does it for you).');

  let core: Core | null = null;
  const host = await startWebHost({
    port,
    rendererDir,
    openCore: (publicUrl) =>
      (core = withDeskSync(
        withScheduledJobs(openCore({ hardware: createHardwareHub, dataDir, publicUrl, log: fileLog(dataDir) })),
      )),
  });
  if (values.demo) {
    const info = await fetchJson(host, 'system.info');
    if (info.ok && (info.result as { setupRequired: boolean }).setupRequired) {
      const demo = await fetchJson(host, 'setup.loadDemo');
      if (demo.ok) {
        const r = demo.result as { adminLogin: string; password: string; partners: number };
        console.log(
          `Demo data loaded: ${r.partners} partners. Sign in as "${r.adminLogin}" (or any demo partner) with password: ${r.password}`,
        );
      } else console.error('Demo data could not be loaded:', demo.error);
    } else console.log('Demo: the database already has data; leaving it as it is.');
    if (core) await startDemoHardware(core);
    // The demo's identity provider, so a newcomer can sign in to the portal as an applicant.
    const op = core ? await startDemoSignIn(core, host.origin) : null;
    if (op) console.log(`Applicants sign in with "Sign in with your ID": ${demoIdentitiesText()}`);
  }
  console.log(`Partner Desk (web) — data in ${dataDir}`);
  console.log(`Open: ${host.url}`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function fetchJson(
  host: { origin: string; token: string },
  method: string,
): Promise<{ ok: boolean; result?: unknown; error?: unknown }> {
  const res = await fetch(`${host.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-partner-desk-launch': host.token },
    body: JSON.stringify({ input: {} }),
  });
  return (await res.json()) as { ok: boolean; result?: unknown; error?: unknown };
}

main().catch((err: unknown) => {
  console.error(`partner-desk web: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
