import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RequestOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';
import {
  CancellationError,
  CancellationToken,
  configureRequestOptions,
  configureRequestUrl,
  HttpError,
  HttpExecutor,
} from 'builder-util-runtime';
import type { DownloadOptions } from 'builder-util-runtime';
import { AppImageUpdater, DebUpdater, NsisUpdater, RpmUpdater } from 'electron-updater';
import type { AppUpdater, BaseUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import type { ProviderRuntimeOptions } from 'electron-updater/out/providers/Provider.js';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider.js';
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider.js';
import { getChannelFilename, newUrlFromBase } from 'electron-updater/out/util.js';
import { AppError } from '../../contract/index.ts';
import type { DownloadProgress, OfferedUpdate, UpdateEngine } from '../../update/engine.ts';
import type { FeedGuard } from '../../update/guard.ts';

/**
 * electron-updater behind our guard. Imports no `electron`: the updater classes take an app adapter,
 * so tests (test/integration/update-*.test.ts) drive this very file in Node against the server.
 */

/** Node's http(s) for electron-updater, with the server certificate pinned like the sync transport. */
export class PinnedHttpExecutor extends HttpExecutor<ClientRequest> {
  constructor(private readonly fingerprint256: string | null) {
    super();
  }

  /** What electron-updater's executors add to the base class: a file download with the digest check. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }

  createRequest(
    options: RequestOptions & { protocol?: string },
    callback: (response: IncomingMessage) => void,
  ): ClientRequest {
    if (options.protocol !== 'https:') return httpRequest({ ...options, agent: false }, callback);
    const pin = this.fingerprint256;
    // The deployment's CA is not a public one: trust is the pinned fingerprint, checked on connect.
    const req = httpsRequest({ ...options, agent: false, rejectUnauthorized: pin === null }, callback);
    req.on('socket', (socket) => {
      socket.once('secureConnect', () => {
        const seen = (socket as TLSSocket).getPeerCertificate().fingerprint256?.replace(/:/g, '').toLowerCase();
        if (pin !== null && seen !== pin.replace(/:/g, '').toLowerCase())
          socket.destroy(
            new AppError('PD_UPDATE_014', "The update server's certificate does not match the pinned fingerprint."),
          );
      });
    });
    return req;
  }
}

export interface SignedFeedOptions {
  provider: 'custom';
  updateProvider: typeof SignedFeedProvider;
  /** `<server>/updates/<channel>/` */
  url: string;
  guard: FeedGuard;
}

/** The generic provider, except that the document must pass the guard before it is parsed. */
export class SignedFeedProvider extends GenericProvider {
  private readonly guard: FeedGuard;
  private readonly feedBase: URL;
  private readonly owner: AppUpdater;

  constructor(options: SignedFeedOptions, updater: AppUpdater, runtimeOptions: ProviderRuntimeOptions) {
    super({ provider: 'generic', url: options.url }, updater, runtimeOptions);
    this.guard = options.guard;
    this.owner = updater;
    this.feedBase = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  }

  override async getLatestVersion(): Promise<UpdateInfo> {
    // GenericProvider's channel getter (latest → latest-linux / latest-mac / latest on Windows) is private in the types.
    const channelFile = getChannelFilename((this as unknown as { channel: string }).channel);
    const url = newUrlFromBase(channelFile, this.feedBase, true);
    const document = await this.fetch(url);
    if (document === null) throw new NothingPublished();
    const signature = await this.fetch(newUrlFromBase(`${channelFile}.sig`, this.feedBase, true));
    const verified = this.guard.acceptFeed(Buffer.from(document, 'utf8'), signature, channelFile);
    // A pinned older version is the only downgrade electron-updater is allowed to take.
    this.owner.allowDowngrade = verified.downgrade;
    return parseUpdateInfo(document, channelFile, url);
  }

  private async fetch(url: URL): Promise<string | null> {
    try {
      return await this.httpRequest(url);
    } catch (err) {
      if (err instanceof HttpError && err.statusCode === 404) return null;
      throw err;
    }
  }
}

class NothingPublished extends Error {}

/** Errors of electron-updater and the network, as the stable codes the UI explains. */
export function updateError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  if (code === 'ERR_CHECKSUM_MISMATCH' || /sha512 checksum mismatch/i.test(String((err as Error).message))) {
    return new AppError(
      'PD_UPDATE_011',
      'The downloaded update does not match its signed description; it was deleted.',
    );
  }
  return new AppError('PD_UPDATE_014', 'The update server could not be reached, or the download stopped.');
}

type Installable = BaseUpdater & {
  install(isSilent?: boolean, isForceRunAfter?: boolean): boolean;
};

export interface EngineOptions {
  updater: Installable;
  guard: FeedGuard;
  feedUrl: string;
  executor: PinnedHttpExecutor;
}

/**
 * Makes an electron-updater instance (NsisUpdater, AppImageUpdater, DebUpdater, RpmUpdater, made
 * with an app adapter) follow the signed feed: no automatic download or install on quit (the
 * controller decides, after the sync queue is settled), no downgrade unless the feed pins it.
 */
export function signedUpdateEngine({ updater, guard, feedUrl, executor }: EngineOptions): UpdateEngine {
  // electron-updater leaves the executor null when it gets an app adapter (no Electron net module).
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = executor;
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.disableDifferentialDownload = true;
  updater.logger = null;
  const options: SignedFeedOptions = {
    provider: 'custom',
    updateProvider: SignedFeedProvider,
    url: feedUrl,
    guard,
  };
  updater.setFeedURL(options as unknown as Parameters<AppUpdater['setFeedURL']>[0]);
  let token: CancellationToken | null = null;
  let downloaded: string | null = null;

  return {
    get runningVersion() {
      return updater.currentVersion.version;
    },
    async check(): Promise<OfferedUpdate | null> {
      downloaded = null;
      try {
        const result = await updater.checkForUpdates();
        const feed = guard.lastVerified;
        if (!result?.isUpdateAvailable || !feed) return null;
        const info = result.updateInfo;
        return {
          version: info.version,
          releaseNotes: feed.metadata.releaseNotes,
          releaseDate: feed.metadata.releaseDate,
          policy: feed.stamp.policy,
        };
      } catch (err) {
        if (err instanceof NothingPublished) return null;
        throw updateError(err);
      }
    },
    async download(onProgress: (p: DownloadProgress) => void): Promise<void> {
      token = new CancellationToken();
      const listener = (p: ProgressInfo) =>
        onProgress({
          transferred: p.transferred,
          total: p.total,
          percent: Math.round(p.percent * 10) / 10,
        });
      updater.on('download-progress', listener);
      try {
        const [file] = await updater.downloadUpdate(token);
        if (!file) throw new AppError('PD_UPDATE_014', 'The download produced no file.');
        await guard.acceptDownload(file);
        downloaded = file;
      } catch (err) {
        if (err instanceof CancellationError) throw new AppError('PD_UPDATE_014', 'The download was cancelled.');
        throw updateError(err);
      } finally {
        updater.off('download-progress', listener);
        token = null;
      }
    },
    cancel() {
      token?.cancel();
    },
    async install(): Promise<void> {
      if (!downloaded) throw new AppError('PD_UPDATE_016', 'No downloaded update is ready to install.');
      // The file is checked again as it is on disk now, right before the installer runs it.
      await guard.acceptDownload(downloaded);
      if (!updater.install(true, true)) throw new AppError('PD_UPDATE_016', 'The installer could not be started.');
    },
  };
}

export type { AppAdapter };
export type { InstallOptions } from 'electron-updater/out/BaseUpdater.js';
// The updater classes, for the host and for tests (which may not import electron-updater themselves).
export { AppImageUpdater, DebUpdater, NsisUpdater, RpmUpdater };

/**
 * The updater for this install, as electron-updater's own `autoUpdater` picks it: NSIS on
 * Windows; on Linux the AppImage when running from one, else the package type electron-builder
 * recorded next to the app (deb, rpm). macOS (Squirrel.Mac) needs Electron's main-process
 * autoUpdater and is not driven from here: null.
 */
export function platformUpdater(
  app: AppAdapter,
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  packageType: string | null,
): Installable | null {
  if (platform === 'win32') return new NsisUpdater(null, app);
  if (platform !== 'linux') return null;
  if (env.APPIMAGE) return new AppImageUpdater(null, app);
  if (packageType === 'deb') return new DebUpdater(null, app);
  if (packageType === 'rpm') return new RpmUpdater(null, app);
  return null;
}
