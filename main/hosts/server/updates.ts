import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { CHANNELS, METADATA_NAME } from '../../contract/methods/releases.ts';
import type { Core } from '../../core/index.ts';
import { artefactPath } from '../../core/releases/store.ts';

const CHANNEL_SET = new Set<string>(CHANNELS);

/**
 * The update feed electron-updater's generic provider reads, per channel:
 * `/updates/<channel>/latest*.yml` (the signed document), `…/latest*.yml.sig` (its detached
 * Ed25519 signature, base64) and `…/<artefact>` (from the release store, by the name the channel's
 * releases list). Public like any download: the signature, not the server, is what desks trust.
 * Answers false when the path is not under /updates/.
 */
export async function serveUpdates(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  const match = /^\/updates\/([a-z]+)\/([^/]+)$/.exec(path);
  if (!path.startsWith('/updates/')) return false;
  const notFound = () => {
    res.writeHead(404, {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end('Not found\n');
  };
  if (!match || !CHANNEL_SET.has(match[1]!)) return (notFound(), true);
  const channel = match[1]!;
  let name: string;
  try {
    name = decodeURIComponent(match[2]!);
  } catch {
    return (notFound(), true);
  }
  const head = req.method === 'HEAD';
  const metadataName = name.endsWith('.sig') ? name.slice(0, -4) : name;
  if (METADATA_NAME.test(metadataName)) {
    const feed = core.db.reader
      .prepare('SELECT document, signature FROM release_feed WHERE channel = ? AND metadata_name = ?')
      .get(channel, metadataName) as { document: string; signature: string } | undefined;
    if (!feed) return (notFound(), true);
    const body = Buffer.from(name.endsWith('.sig') ? `${feed.signature}\n` : feed.document, 'utf8');
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(body.length),
      'cache-control': 'no-store',
    });
    res.end(head ? undefined : body);
    return true;
  }
  const file = core.db.reader
    .prepare(
      'SELECT f.sha512, f.size FROM release_file f JOIN release r ON r.id = f.release_id WHERE f.url = ? AND r.channel = ? LIMIT 1',
    )
    .get(name, channel) as { sha512: string; size: number } | undefined;
  if (!file) return (notFound(), true);
  const blob = artefactPath(core.deps.dataDir, file.sha512);
  let size: number;
  try {
    size = statSync(blob).size;
  } catch {
    return (notFound(), true);
  }
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': String(size),
    'cache-control': 'public, max-age=31536000, immutable',
  });
  if (head) return (res.end(), true);
  await pipeline(createReadStream(blob), res);
  return true;
}
