/** An update the signed feed offers. */
export interface OfferedUpdate {
  version: string;
  releaseNotes: string | null;
  releaseDate: string | null;
  policy: 'automatic' | 'ask' | 'never';
}

export interface DownloadProgress {
  transferred: number;
  total: number;
  percent: number;
}

/**
 * What the controller needs from an updater: the Electron host implements it with electron-updater
 * (main/hosts/electron/update-engine.ts), behind the FeedGuard. Failures are AppErrors with
 * PD_UPDATE_* codes; `check` answers null when the channel offers nothing newer.
 */
export interface UpdateEngine {
  readonly runningVersion: string;
  check(): Promise<OfferedUpdate | null>;
  download(onProgress: (p: DownloadProgress) => void): Promise<void>;
  /** Stops a download in flight; its partial file is removed. */
  cancel(): void;
  /** Installs the verified download and restarts the app. */
  install(): Promise<void>;
}
