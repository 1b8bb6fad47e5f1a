import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishReleaseDir } from '../../main/cli/release.ts';
import type { Output } from '../../main/contract/index.ts';
import { artefactPath } from '../../main/core/releases/store.ts';
import { releaseKeyFromSeed } from '../../main/core/releases/key.ts';
import { DebUpdater, PinnedHttpExecutor, signedUpdateEngine } from '../../main/hosts/electron/update-engine.ts';
import type { AppAdapter, InstallOptions } from '../../main/hosts/electron/update-engine.ts';
import { UpdateController } from '../../main/update/controller.ts';
import { FeedGuard } from '../../main/update/guard.ts';
import { ADMIN } from '../helpers/core.ts';
import { installerBytes, LINUX_FEED, writeLinuxRelease } from '../helpers/releases.ts';
import { testServer } from '../helpers/server.ts';
import type { TestServer } from '../helpers/server.ts';

/**
 * electron-updater's own DebUpdater, driven in Node through its app-adapter seam, against the real
 * server host's feed on loopback. Only the final step (dpkg) is replaced: the test records what
 * would be installed.
 */
class RecordingDebUpdater extends DebUpdater {
  readonly installed: string[] = [];
  protected override doInstall(_options: InstallOptions): boolean {
    this.installed.push(readFileSync(this.installerPath!.replace(/\\(.)/g, '$1')).toString('base64').slice(0, 32));
    return true;
  }
}

let server: TestServer;
let work: string;
let token: string;
let releaseKey: string;

/** A staging id whose rollout bucket is `percent` (electron-updater reads bytes 12..15 of the UUID). */
function stagingId(percent: number): string {
  const tail = Math.floor((percent / 100) * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
  return `a1b2c3d4-0000-5000-8000-0000${tail}`;
}

interface Desk {
  updater: RecordingDebUpdater;
  controller: UpdateController;
  dir: string;
  settled: number;
}

function desk(
  options: {
    version?: string;
    channel?: 'stable' | 'beta';
    bucket?: number;
    key?: string | null;
    port?: number;
    settle?: () => Promise<void>;
  } = {},
): Desk {
  const dir = mkdtempSync(join(work, 'desk-'));
  writeFileSync(join(dir, '.updaterId'), stagingId(options.bucket ?? 50));
  const version = options.version ?? '1.0.0';
  const app: AppAdapter = {
    version,
    name: 'partner-desk',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: dir,
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  writeFileSync(
    app.appUpdateConfigPath,
    'provider: generic\nurl: https://partner-desk.invalid/\nupdaterCacheDirName: partner-desk-updater\n',
  );
  const updater = new RecordingDebUpdater(null, app);
  const channel = options.channel ?? 'stable';
  const guard = new FeedGuard({
    releaseKey: options.key === undefined ? releaseKey : options.key,
    channel,
    runningVersion: version,
    stateDir: dir,
  });
  const feedUrl = `http://127.0.0.1:${options.port ?? server.host.port}/updates/${channel}/`;
  const engine = signedUpdateEngine({
    updater,
    guard,
    feedUrl,
    executor: new PinnedHttpExecutor(null),
  });
  const d: Desk = { updater, dir, settled: 0, controller: null as unknown as UpdateController };
  d.controller = new UpdateController({
    engine,
    channel,
    now: () => new Date('2026-12-01T08:00:00.000Z'),
    settleSync: options.settle ?? (async () => void (d.settled += 1)),
    log: () => undefined,
  });
  return d;
}

const pendingFiles = (d: Desk) => {
  const cache = join(d.dir, 'cache', 'partner-desk-updater');
  return existsSync(cache) ? readdirSync(cache, { recursive: true }).filter((f) => String(f).endsWith('.deb')) : [];
};

async function publish(version: string, channel: 'stable' | 'beta', rollout = 100, size?: number): Promise<string> {
  const [r] = await publishReleaseDir(
    server.core,
    token,
    writeLinuxRelease(work, version, { notes: `Notes for ${version}`, ...(size ? { size } : {}) }),
    channel,
    rollout,
  );
  if (!r?.ok) throw new Error(JSON.stringify(r));
  return (r.result as Output<'releases.publish'>).releaseId;
}

beforeAll(async () => {
  server = await testServer({ insecure: true });
  work = mkdtempSync(join(tmpdir(), 'pd-update-'));
  const login = await server.core.dispatch('auth.login', null, {
    login: ADMIN.username,
    password: ADMIN.password,
  });
  if (!login.ok) throw new Error(login.error.code);
  token = (login.result as Output<'auth.login'>).token;
  await publish('1.1.0', 'stable');
  const list = await server.core.dispatch('releases.list', token, {});
  releaseKey = (list.ok && (list.result as Output<'releases.list'>).publicKey) || '';
});
afterAll(async () => server.close());

describe('a desk updates from its server’s signed feed', () => {
  it('finds the stable update with its notes, downloads it verified, settles sync, then installs it', async () => {
    const d = desk();
    const checked = await d.controller.check();
    expect(checked).toMatchObject({
      supported: true,
      runningVersion: '1.0.0',
      phase: 'available',
      policy: 'ask',
      available: { version: '1.1.0', releaseNotes: 'Notes for 1.1.0' },
      lastError: null,
    });
    const progress: number[] = [];
    const timer = setInterval(() => progress.push(d.controller.state().progress?.percent ?? -1), 1);
    const downloaded = await d.controller.download();
    clearInterval(timer);
    expect(downloaded).toMatchObject({ phase: 'downloaded', lastError: null });
    expect(d.settled).toBe(0);
    await d.controller.install();
    expect(d.settled).toBe(1);
    expect(d.updater.installed).toEqual([
      installerBytes('1.1.0', 256 * 1024)
        .toString('base64')
        .slice(0, 32),
    ]);
  });

  it('finds nothing on a channel with no release, or when already on the latest version', async () => {
    expect(await desk({ channel: 'beta' }).controller.check()).toMatchObject({
      phase: 'idle',
      available: null,
      lastError: null,
    });
    expect(await desk({ version: '1.1.0' }).controller.check()).toMatchObject({
      phase: 'idle',
      available: null,
      lastError: null,
    });
  });

  it('follows its channel and the staged rollout: inside the 20 % bucket it is offered, outside it is not', async () => {
    await publish('1.2.0-beta.1', 'beta', 20);
    expect(await desk({ channel: 'beta', bucket: 10 }).controller.check()).toMatchObject({
      phase: 'available',
      available: { version: '1.2.0-beta.1' },
    });
    expect(await desk({ channel: 'beta', bucket: 90 }).controller.check()).toMatchObject({
      phase: 'idle',
      available: null,
      lastError: null,
    });
    // The stable desk does not see the beta.
    expect(await desk({ channel: 'stable', bucket: 10 }).controller.check()).toMatchObject({
      available: { version: '1.1.0' },
    });
  });

  it('refuses a feed signed by another key (PD_UPDATE_010), and does nothing without a pinned key (PD_UPDATE_013)', async () => {
    const other = releaseKeyFromSeed(Buffer.alloc(32, 9)).publicKey.toString('base64');
    const d = desk({ key: other });
    expect(await d.controller.check()).toMatchObject({
      phase: 'idle',
      available: null,
      lastError: { code: 'PD_UPDATE_010' },
    });
    await expect(d.controller.download()).rejects.toMatchObject({ code: 'PD_UPDATE_016' });
    expect(d.updater.currentVersion.version).toBe('1.0.0');
    expect(await desk({ key: null }).controller.check()).toMatchObject({
      phase: 'idle',
      lastError: { code: 'PD_UPDATE_013' },
    });
  });

  it('refuses a latest-linux.yml tampered on the server after signing (PD_UPDATE_010)', async () => {
    const row = server.core.db.reader
      .prepare("SELECT document FROM release_feed WHERE channel = 'stable' AND metadata_name = ?")
      .get(LINUX_FEED) as { document: string };
    const evil = installerBytes('evil', 256 * 1024);
    const sha = (await import('node:crypto')).createHash('sha512').update(evil).digest('base64');
    const tampered = row.document.replace(/sha512: \S+/g, `sha512: ${sha}`);
    expect(tampered).not.toBe(row.document);
    server.core.db.writer
      .prepare("UPDATE release_feed SET document = ? WHERE channel = 'stable' AND metadata_name = ?")
      .run(tampered, LINUX_FEED);
    try {
      const d = desk();
      expect(await d.controller.check()).toMatchObject({
        phase: 'idle',
        available: null,
        lastError: { code: 'PD_UPDATE_010' },
      });
      expect(pendingFiles(d)).toEqual([]);
    } finally {
      server.core.db.writer
        .prepare("UPDATE release_feed SET document = ? WHERE channel = 'stable' AND metadata_name = ?")
        .run(row.document, LINUX_FEED);
    }
  });

  it('refuses an installer tampered in the release store (PD_UPDATE_011): deleted, never installed', async () => {
    const file = server.core.db.reader
      .prepare("SELECT sha512 FROM release_file WHERE url = 'partner-desk_1.1.0_amd64.deb'")
      .get() as { sha512: string };
    const blob = artefactPath(server.dataDir, file.sha512);
    const original = readFileSync(blob);
    const bad = Buffer.from(original);
    bad.writeUInt8(bad.readUInt8(4096) ^ 0x01, 4096);
    writeFileSync(blob, bad);
    try {
      const d = desk();
      expect(await d.controller.check()).toMatchObject({ phase: 'available' });
      expect(await d.controller.download()).toMatchObject({
        phase: 'available',
        lastError: { code: 'PD_UPDATE_011' },
      });
      await expect(d.controller.install()).rejects.toMatchObject({ code: 'PD_UPDATE_016' });
      expect(d.updater.installed).toEqual([]);
      expect(pendingFiles(d)).toEqual([]);
    } finally {
      writeFileSync(blob, original);
    }
  });

  it('refuses a downgrade (PD_UPDATE_012) unless the admin pins the older version', async () => {
    const d = desk({ version: '2.0.0' });
    expect(await d.controller.check()).toMatchObject({
      phase: 'idle',
      lastError: { code: 'PD_UPDATE_012' },
    });
    expect(
      await server.core.dispatch('releases.setChannel', token, {
        channel: 'stable',
        policy: 'ask',
        pinnedVersion: '1.1.0',
      }),
    ).toMatchObject({ ok: true });
    try {
      const pinned = desk({ version: '2.0.0' });
      expect(await pinned.controller.check()).toMatchObject({
        phase: 'available',
        available: { version: '1.1.0' },
        lastError: null,
      });
      expect(await pinned.controller.download()).toMatchObject({ phase: 'downloaded' });
    } finally {
      await server.core.dispatch('releases.setChannel', token, {
        channel: 'stable',
        policy: 'ask',
        pinnedVersion: null,
      });
    }
  });

  it('refuses an older signed feed replayed after a newer one was accepted (PD_UPDATE_015)', async () => {
    const feed = () =>
      server.core.db.reader
        .prepare("SELECT document, signature FROM release_feed WHERE channel = 'stable' AND metadata_name = ?")
        .get(LINUX_FEED) as { document: string; signature: string };
    const old = feed();
    await new Promise((r) => setTimeout(r, 5));
    await server.core.dispatch('releases.setChannel', token, {
      channel: 'stable',
      policy: 'ask',
      pinnedVersion: null,
    });
    const d = desk();
    expect(await d.controller.check()).toMatchObject({ phase: 'available', lastError: null });
    const fresh = feed();
    server.core.db.writer
      .prepare("UPDATE release_feed SET document = ?, signature = ? WHERE channel = 'stable' AND metadata_name = ?")
      .run(old.document, old.signature, LINUX_FEED);
    try {
      expect(await d.controller.check()).toMatchObject({
        phase: 'idle',
        lastError: { code: 'PD_UPDATE_015' },
      });
    } finally {
      server.core.db.writer
        .prepare("UPDATE release_feed SET document = ?, signature = ? WHERE channel = 'stable' AND metadata_name = ?")
        .run(fresh.document, fresh.signature, LINUX_FEED);
    }
  });

  it('follows the admin’s policy: never offers nothing, automatic downloads by itself', async () => {
    await server.core.dispatch('releases.setChannel', token, {
      channel: 'stable',
      policy: 'never',
      pinnedVersion: null,
    });
    expect(await desk().controller.check()).toMatchObject({
      phase: 'idle',
      available: null,
      policy: 'never',
    });
    await server.core.dispatch('releases.setChannel', token, {
      channel: 'stable',
      policy: 'automatic',
      pinnedVersion: null,
    });
    expect(await desk().controller.check()).toMatchObject({
      phase: 'downloaded',
      policy: 'automatic',
      available: { version: '1.1.0' },
    });
    await server.core.dispatch('releases.setChannel', token, {
      channel: 'stable',
      policy: 'ask',
      pinnedVersion: null,
    });
  });

  it('does not install while the sync queue cannot be settled (PD_UPDATE_017)', async () => {
    const d = desk({
      settle: () => Promise.reject(new Error('server unreachable and the round cannot be paused')),
    });
    await d.controller.check();
    await d.controller.download();
    await expect(d.controller.install()).rejects.toMatchObject({ code: 'PD_UPDATE_017' });
    expect(d.updater.installed).toEqual([]);
    expect(d.controller.state().phase).toBe('downloaded');
  });
});

describe('offline and interrupted', () => {
  /** A TCP proxy to the server that cuts (or stalls) each connection after `limit` bytes from the server. */
  function cuttingProxy(
    limit: number,
    mode: 'cut' | 'stall' = 'cut',
  ): Promise<{ port: number; stalled: () => boolean; close: () => Promise<void> }> {
    const sockets = new Set<Socket>();
    let stalled = false;
    const proxy: Server = createServer((client) => {
      const upstream = connect(server.host.port, '127.0.0.1');
      sockets.add(client).add(upstream);
      let seen = 0;
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen <= limit) {
          client.write(chunk);
        } else if (mode === 'cut') {
          client.destroy();
          upstream.destroy();
        } else {
          upstream.pause();
          stalled = true;
        }
      });
      const end = () => (client.destroy(), upstream.destroy());
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    return new Promise((resolve) => {
      proxy.listen(0, '127.0.0.1', () => {
        const port = (proxy.address() as { port: number }).port;
        resolve({
          port,
          stalled: () => stalled,
          close: () => new Promise((r) => (sockets.forEach((s) => s.destroy()), proxy.close(() => r()))),
        });
      });
    });
  }

  it('a server gone mid-download leaves no file and the running version untouched (PD_UPDATE_014)', async () => {
    await publish('1.4.0', 'stable', 100, 2 * 1024 * 1024);
    const proxy = await cuttingProxy(512 * 1024);
    try {
      // The server checks Host; the desk reaches it through the proxy under the server's own name.
      const d = desk({ port: proxy.port });
      (d.updater as unknown as { requestHeaders: Record<string, string> }).requestHeaders = {
        host: `127.0.0.1:${server.host.port}`,
      };
      expect(await d.controller.check()).toMatchObject({
        phase: 'available',
        available: { version: '1.4.0' },
      });
      expect(await d.controller.download()).toMatchObject({
        phase: 'available',
        lastError: { code: 'PD_UPDATE_014' },
      });
      expect(pendingFiles(d)).toEqual([]);
      expect(d.updater.installed).toEqual([]);
      expect(d.updater.currentVersion.version).toBe('1.0.0');
    } finally {
      await proxy.close();
    }
  });

  it('offline: a check against a server that is not there changes nothing and throws nothing', async () => {
    const gone = createServer();
    const port = await new Promise<number>((r) =>
      gone.listen(0, '127.0.0.1', () => r((gone.address() as { port: number }).port)),
    );
    await new Promise<void>((r) => gone.close(() => r()));
    const d = desk({ port });
    expect(await d.controller.check()).toMatchObject({
      phase: 'idle',
      available: null,
      lastError: { code: 'PD_UPDATE_014' },
    });
    expect(d.updater.currentVersion.version).toBe('1.0.0');
  });

  it('cancel stops a download in flight (the server stalls half way) and removes its partial file', async () => {
    const proxy = await cuttingProxy(1024 * 1024, 'stall');
    try {
      const d = desk({ port: proxy.port });
      (d.updater as unknown as { requestHeaders: Record<string, string> }).requestHeaders = {
        host: `127.0.0.1:${server.host.port}`,
      };
      expect(await d.controller.check()).toMatchObject({ available: { version: '1.4.0' } });
      const started = d.controller.download();
      await expect.poll(() => proxy.stalled(), { timeout: 10_000 }).toBe(true);
      expect(d.controller.state().phase).toBe('downloading');
      expect(await d.controller.cancel()).toMatchObject({ phase: 'available', progress: null });
      await started;
      expect(pendingFiles(d)).toEqual([]);
      expect(d.updater.installed).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});
