import type { IncomingMessage, ServerResponse } from 'node:http';
import { contract } from '../../contract/index.ts';
import type { ErrorBody, MethodName } from '../../contract/index.ts';

/**
 * Wire helpers shared by the hosts that speak the contract over HTTP (the web host on 127.0.0.1,
 * the server host on the network): JSON answers, capped body reading, the call envelope, the CSP.
 */

export const DEFAULT_MAX_BODY = 1024 * 1024;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function fail(
  res: ServerResponse,
  status: number,
  error: ErrorBody,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { ok: false, error }, headers);
}

/** Reads at most `limit` bytes; resolves null (and answers 413) when the body is larger. */
export function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      fail(res, 413, { code: 'PD_RPC_002', message: `The request is larger than ${limit} bytes.` });
      req.resume();
      return resolve(null);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        fail(res, 413, {
          code: 'PD_RPC_002',
          message: `The request is larger than ${limit} bytes.`,
        });
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
  });
}

/** What readCallInput resolves when it has already answered the request with an error. */
export const ANSWERED = Symbol('answered');

/**
 * The body of `POST /api/call/<method>`: JSON `{"input": …}` within the method's size cap.
 * Resolves the input (possibly undefined), or ANSWERED after a 4xx with a stable code.
 */
export async function readCallInput(req: IncomingMessage, res: ServerResponse, name: MethodName): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    fail(res, 415, {
      code: 'PD_RPC_001',
      message: 'The body must be JSON (content-type: application/json).',
    });
    return ANSWERED;
  }
  const body = await readBody(req, res, contract[name].maxBytes ?? DEFAULT_MAX_BODY);
  if (!body) return ANSWERED;
  let envelope: unknown;
  try {
    envelope = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    fail(res, 400, { code: 'PD_RPC_001', message: 'The body is not valid JSON.' });
    return ANSWERED;
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    fail(res, 400, { code: 'PD_RPC_001', message: 'The body must be an object {"input": …}.' });
    return ANSWERED;
  }
  return (envelope as { input?: unknown }).input;
}

/** The page's Content-Security-Policy: nothing inline, nothing foreign; `events` is the WebSocket origin. */
export function pageCsp(events: string): string {
  return (
    `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${events}; ` +
    `frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'`
  );
}
