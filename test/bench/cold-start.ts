/**
 * Benchmark: web host cold start to an interactive dashboard in Chromium.
 * Each run: a new host process on a prepared data directory → launch URL printed → Chromium
 * (already running, new context) loads it → sign in → dashboard cards visible and clickable.
 * Prints per-phase medians over the runs; goal: ≤ 1 s from spawn to interactive dashboard.
 * Run: npm run bench -- cold-start   (builds nothing: run `npm run build:renderer` first)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';

const RUNS = Number(process.env.RUNS ?? 7);
const root = resolve(import.meta.dirname, '../..');
const password = 'Cold-Start-1!';

function startHost(dataDir: string, entry: string[]): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...entry, '--port', '0', '--data-dir', dataDir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open: (\S+)/.exec(out);
      if (m?.[1]) resolvePromise({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`host exited ${code}: ${out}`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/renderer/index.html')))
    throw new Error('build the renderer first: npm run build:renderer');
  const dataDir = mkdtempSync(join(tmpdir(), 'pd-bench-'));
  const core = openCore({
    hardware: createHardwareHub,
    dataDir,
    publicUrl: 'http://127.0.0.1/',
    log: () => undefined,
  });
  const r = await core.dispatch('setup.createAdmin', null, {
    firstName: 'B',
    lastName: 'Ench',
    orgName: 'Bench',
    email: 'b@bench.example',
    username: 'bench',
    password,
    lang: 'en',
  });
  if (!r.ok) throw new Error(r.error.message);
  core.close();

  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const entries: Record<string, string[]> = {
    'tsx (source)': ['--import', 'tsx', 'main/hosts/web/cli.ts'],
  };
  const bundled = join(root, 'dist/web/cli.cjs');
  if (existsSync(bundled)) entries['bundled (dist/web/cli.cjs, npm run web)'] = [bundled];

  for (const [label, entry] of Object.entries(entries)) {
    const ready: number[] = [];
    const loginShown: number[] = [];
    const dashboard: number[] = [];
    const signIn: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = performance.now();
      const host = await startHost(dataDir, entry);
      const t1 = performance.now();
      await page.goto(host.url);
      await page.getByLabel(/username or e-mail/i).waitFor();
      const t2 = performance.now();
      await page.getByLabel(/username or e-mail/i).fill('bench');
      await page.getByLabel(/^password$/i).fill(password);
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.getByTestId('card-profile').waitFor();
      const t3 = performance.now();
      ready.push(t1 - t0);
      loginShown.push(t2 - t0);
      signIn.push(t3 - t2);
      dashboard.push(t3 - t0);
      host.stop();
      await context.close();
    }
    console.log(`\n${label}: ${RUNS} runs, medians`);
    console.log(`  host process ready (URL printed)      ${median(ready).toFixed(0)} ms`);
    console.log(`  sign-in page interactive               ${median(loginShown).toFixed(0)} ms`);
    console.log(`  sign-in → dashboard (incl. scrypt)     ${median(signIn).toFixed(0)} ms`);
    console.log(`  spawn → interactive dashboard          ${median(dashboard).toFixed(0)} ms   (goal ≤ 1000 ms)`);
  }
  await browser.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
