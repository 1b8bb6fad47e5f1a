import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import type { Core } from '../../main/core/index.ts';
import { startWebHost } from '../../main/hosts/web/server.ts';
import type { WebHost } from '../../main/hosts/web/server.ts';
import { startSmtp } from '../helpers/smtp.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * Tests write only under test-results/; `npm run screenshots` points this at docs/screenshots on
 * purpose to refresh the README's pictures.
 */
export const SCREENSHOTS = process.env.PD_SCREENSHOTS_DIR
  ? resolve(root, process.env.PD_SCREENSHOTS_DIR)
  : join(root, 'test-results', 'screenshots');

export interface Desk {
  host: WebHost;
  core: Core;
  dataDir: string;
  smtp: Awaited<ReturnType<typeof startSmtp>>;
  /** Opens the launch URL (token in the fragment → the page's memory) and waits for the app shell. */
  open(page: Page, hash?: string): Promise<void>;
  shot(page: Page, name: string): Promise<void>;
}

/**
 * Under faketime this process's clock is moved but the browser's is not (playwright.config.ts):
 * a page a test opens itself (a second desk's context) is given the runner's time too.
 */
export async function followRunnerClock(page: Page): Promise<void> {
  if (process.env.FAKETIME) await page.clock.setSystemTime(new Date());
}

/**
 * A fresh profile per test (Element's pattern): its own data directory, database, SMTP server
 * and web host on a free port. `deskConfig` lets a test shorten session/lockout timings.
 */
export const test = base.extend<{ deskConfig: Record<string, unknown>; desk: Desk }>({
  deskConfig: [{}, { option: true }],
  // Under faketime this process's clock is moved but the browser's is not (playwright.config.ts):
  // the page gets the same time, so both sides agree on "now".
  page: async ({ page }, use) => {
    await followRunnerClock(page);
    await use(page);
  },
  desk: async ({ deskConfig }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-e2e-'));
    const smtp = await startSmtp();
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({
        ...deskConfig,
        smtp: {
          host: '127.0.0.1',
          port: smtp.port,
          allowSelfSigned: true,
          from: 'Partner Desk <desk@registry.example>',
        },
      }),
    );
    let core: Core | undefined;
    const host = await startWebHost({
      port: 0,
      rendererDir: join(root, 'dist', 'renderer'),
      openCore: (publicUrl) =>
        (core = openCore({
          hardware: createHardwareHub,
          dataDir,
          publicUrl,
          log: () => undefined,
        })),
    });
    await use({
      host,
      core: core!,
      dataDir,
      smtp,
      async open(page, hash = '') {
        await page.goto(host.url);
        if (hash) await page.goto(`${host.origin}/#${hash}`);
      },
      async shot(page, name) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
      },
    });
    await host.close();
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
