import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_ENTRY_URL, APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppAsset } from './guards.ts';

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: false,
        bypassCSP: false,
        stream: false,
      },
    },
  ]);
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
} as const;

function failure(status: number): Response {
  return new Response(null, { status, headers: SECURITY_HEADERS });
}

async function readAsset(file: string): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    const buffer = await readFile(file);
    return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
  } catch {
    return null;
  }
}

/**
 * Serves the built renderer (`rendererRoot` = dist/renderer) on app://partner-desk/. Never file://.
 * Path checks live in guards.ts `resolveAppAsset`; every response carries the CSP header.
 */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppAsset(rendererRoot, request.url, request.method);
    if (!resolved.ok) return failure(resolved.status);
    let body = await readAsset(resolved.file);
    let mimeType = resolved.mimeType;
    if (!body && resolved.spaFallback) {
      const index = resolveAppAsset(rendererRoot, APP_ENTRY_URL);
      if (index.ok) {
        body = await readAsset(index.file);
        mimeType = index.mimeType;
      }
    }
    if (!body) return failure(404);
    const headers = { ...SECURITY_HEADERS, 'Content-Type': mimeType };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  });
}
