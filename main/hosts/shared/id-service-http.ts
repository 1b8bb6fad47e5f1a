/**
 * The ID authentication service on the wire, shaped as MOSIP IDA's (ida.md §1):
 *   POST /idauthentication/v1/kyc/{MISP-LK}/{partnerId}/{apiKey}   e-KYC
 *   POST /idauthentication/v1/auth/{MISP-LK}/{partnerId}/{apiKey}  yes/no authentication
 *   GET  /idauthentication/v1/internal/getCertificate?applicationId=IDA&referenceId=PARTNER|IDA-FIR|SIGN
 * Mounted by the server host (and by the desk's demo, which serves it on loopback). Every refusal
 * is a signed IDA answer with a stable code; nothing a caller sends can crash it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IdaEndpoint, IdaHttpAnswer, IdService } from '../../core/id-service/service.ts';
import { IDA_REFERENCES } from '../../core/id-service/keys.ts';
import type { IdaReference } from '../../core/id-service/keys.ts';
import { idaTime, toPem } from '../../core/ida/crypto.ts';
import { sendJson } from './http.ts';

export const IDA_BASE_PATH = '/idauthentication/v1';
/** Requests carry a handful of encrypted ISO records (a face is tens of KB): 2 MB is generous. */
export const IDA_MAX_BODY = 2 * 1024 * 1024;
const MAX_SEGMENT = 512;

/**
 * The path as a log line may show it: the MISP licence key and the API key are credentials, so
 * only the partner id of a well-formed path is kept; any other shape keeps only its segment count.
 */
export function redactIdaPath(path: string): string {
  const m = /^(\/idauthentication\/v1\/(?:kyc|auth)\/)(.*)$/.exec(path);
  if (!m) return path;
  const segments = m[2]!.split('/');
  return segments.length === 3 ? `${m[1]}***/${segments[1]}/***` : `${m[1]}*** (${segments.length} segments)`;
}

function send(res: ServerResponse, a: IdaHttpAnswer): void {
  res.writeHead(a.status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'response-signature': a.responseSignature,
  });
  res.end(a.body);
}

/** Reads the body up to the cap; null when it is larger (the rest is drained, not kept). */
function readCapped(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? '0') > IDA_MAX_BODY) {
      req.resume();
      return resolve(null);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > IDA_MAX_BODY) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
  });
}

function decodeSegment(s: string): string | null {
  try {
    const v = decodeURIComponent(s);
    return v.length > 0 && v.length <= MAX_SEGMENT ? v : null;
  } catch {
    return null;
  }
}

/** Answers the request when its path is the ID service's; false lets the host go on. */
export async function serveIdAuthentication(
  service: IdService,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  log: (code: string) => void,
): Promise<boolean> {
  if (path !== IDA_BASE_PATH && !path.startsWith(`${IDA_BASE_PATH}/`)) return false;
  const rest = path.slice(IDA_BASE_PATH.length + 1);
  if (rest === 'internal/getCertificate') {
    if (req.method !== 'GET')
      return (void sendJson(res, 405, { errors: [{ errorCode: 'PD_RPC_001', message: 'Use GET.' }] }), true);
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const ref = q.get('referenceId');
    if (q.get('applicationId') !== 'IDA' || !IDA_REFERENCES.includes(ref as IdaReference)) {
      log('KER-KMS-002');
      sendJson(res, 200, {
        id: null,
        version: null,
        responsetime: idaTime(new Date()),
        response: null,
        errors: [{ errorCode: 'KER-KMS-002', message: 'ApplicationId or referenceId not found' }],
      });
      return true;
    }
    const key = (await service.keys())[ref as IdaReference];
    sendJson(res, 200, {
      id: null,
      version: null,
      responsetime: idaTime(new Date()),
      response: {
        certificate: toPem(key.cert.der),
        certSignRequest: null,
        issuedAt: new Date(key.cert.x509.validFrom).toISOString(),
        expiryAt: new Date(key.cert.x509.validTo).toISOString(),
      },
      errors: null,
    });
    return true;
  }
  const [kind, ...segments] = rest.split('/');
  const endpoint: IdaEndpoint | null = kind === 'kyc' || kind === 'auth' ? kind : null;
  const refuse = async (status: number, code: string, message: string) => {
    log(code);
    send(res, await service.refusal(status, code, message, endpoint ?? 'auth'));
    return true;
  };
  if (!endpoint) return refuse(404, 'IDA-MLC-009', 'Invalid input parameter - unknown endpoint');
  if (req.method !== 'POST') return refuse(405, 'IDA-MLC-009', 'Invalid input parameter - use POST');
  // IDA reads the last three path segments; fewer (or empty ones) is IDA-MPA-038.
  const parts = segments.map(decodeSegment);
  if (segments.length !== 3 || parts.some((p) => p === null)) {
    req.resume();
    return refuse(200, 'IDA-MPA-038', 'Path parameters are missing: MISP license key, partner id and API key');
  }
  const body = await readCapped(req);
  if (!body) return refuse(413, 'PD_RPC_002', `The request is larger than ${IDA_MAX_BODY} bytes.`);
  const signature = req.headers.signature;
  const answer = await service.handle({
    endpoint,
    mispLicenseKey: parts[0]!,
    partnerId: parts[1]!,
    apiKey: parts[2]!,
    signature: typeof signature === 'string' ? signature : undefined,
    body,
  });
  if (answer.code) log(answer.code);
  send(res, answer);
  return true;
}
