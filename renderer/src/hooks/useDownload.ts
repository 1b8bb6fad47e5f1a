import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from '../api/errors.ts';
import { saveFile, type DownloadableFile } from '../lib/files.ts';

/** Runs a call that returns a file and saves it; remembers which download is running and the last error. */
export function useDownload() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const download = useCallback(async (key: string, fetchFile: () => Promise<DownloadableFile>) => {
    setBusy(key);
    setError(null);
    try {
      saveFile(await fetchFile());
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(null);
    }
  }, []);
  return { download, busy, error, clearError: useCallback(() => setError(null), []) };
}
