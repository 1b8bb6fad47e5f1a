import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import type { Input, MethodName, Output } from '../../main/contract/index.ts';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import type { Core } from '../../main/core/index.ts';
import { startServerHost } from '../../main/hosts/server/server.ts';
import type { ServerHost } from '../../main/hosts/server/server.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface OnlineServer {
  host: ServerHost;
  core: Core;
  dataDir: string;
  /** The server's JSON log lines, as it wrote them. */
  logLines: Array<Record<string, unknown>>;
  /** Straight through the core, for what the test does not exercise in the UI (setup, trust store). */
  call<M extends MethodName>(method: M, input: Input<M>, session?: string | null): Promise<Output<M>>;
}

/**
 * The server host on loopback (plain HTTP, `--insecure-loopback`: Chromium would not trust the
 * deployment's CA) over a fresh data directory, serving the renderer built from the sources.
 */
export const test = base.extend<{ server: OnlineServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring; it has none
  server: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-e2e-server-'));
    const core = openCore({
      hardware: createHardwareHub,
      dataDir,
      publicUrl: 'http://127.0.0.1/',
      log: () => undefined,
    });
    const logLines: Array<Record<string, unknown>> = [];
    const host = await startServerHost({
      core,
      port: 0,
      bind: '127.0.0.1',
      tls: null,
      hostNames: ['127.0.0.1'],
      rendererDir: join(root, 'dist', 'renderer'),
      log: (level, msg, fields = {}) => logLines.push({ level, msg, ...fields }),
    });
    await use({
      host,
      core,
      dataDir,
      logLines,
      async call(method, input, session = null) {
        const r = await core.dispatch(method, session, input);
        if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
        return r.result as never;
      },
    });
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
