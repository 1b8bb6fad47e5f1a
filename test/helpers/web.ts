import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import type { Core } from '../../main/core/index.ts';
import { parseConfig } from '../../main/core/config.ts';
import { startWebHost } from '../../main/hosts/web/server.ts';
import type { WebHost } from '../../main/hosts/web/server.ts';

/** A real web host on a free loopback port over a fresh data directory (optionally its config and clock). */
export async function testWebHost(
  rendererDir?: string,
  options: { config?: Record<string, unknown>; now?: () => Date } = {},
): Promise<{ host: WebHost; core: Core; dir: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-web-'));
  let ui = rendererDir;
  if (!ui) {
    ui = join(dir, 'ui');
    mkdirSync(ui);
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>fixture</title>');
    writeFileSync(join(ui, 'app.js'), 'console.log(1)');
  }
  let core: Core | undefined;
  const host = await startWebHost({
    port: 0,
    rendererDir: ui,
    openCore: (publicUrl) =>
      (core = openCore({
        hardware: createHardwareHub,
        dataDir: join(dir, 'data'),
        publicUrl,
        config: parseConfig(options.config ?? {}),
        log: () => undefined,
        ...(options.now ? { now: options.now } : {}),
      })),
  });
  return {
    host,
    core: core!,
    dir,
    async close() {
      await core?.deps.hardware.close();
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
