/**
 * One SBI service on 127.0.0.1:<port>: the verbs of sbi.md §1.2 with the limits each needs. The
 * client only moves bytes and checks that requests are well-formed; answers come back as parsed,
 * unverified JSON for verify.ts (the UI path) or the compliance bench to judge.
 */
import { performance } from 'node:perf_hooks';
import { SbiError } from '../../../lib/sbi/errors.ts';
import {
  captureRequestSchema,
  parseJsonBody,
  rcaptureRequestSchema,
  safeWire,
  streamErrorSchema,
  streamRequestSchema,
} from '../../../lib/sbi/wire/index.ts';
import type {
  AnyCaptureRequest,
  CaptureRequest,
  DiscoveryType,
  RCaptureRequest,
  StreamRequest,
} from '../../../lib/sbi/wire/index.ts';
import { sbiExchange, sbiHttp } from './http.ts';
import type { SbiHttpLimits, SbiHttpResponse } from './http.ts';
import { boundaryOf, MjpegParser } from './multipart.ts';
import type { MjpegFrame } from './multipart.ts';

export type SbiVerb = 'MOSIPDISC' | 'SBIDISC' | 'MOSIPDINFO' | 'SBIINFO' | 'CAPTURE' | 'RCAPTURE' | 'STREAM';
export type LimitKind = 'discover' | 'info' | 'capture' | 'stream';

/**
 * Defaults. Discovery is short so a scan of 100 ports stays near a second; info follows the
 * registration client's 5 s; capture waits for the device's own `timeout` plus `captureGraceMs`;
 * a stream may be silent for 5 s at most (devices stream at ≥ 3 FPS).
 */
export const DEFAULT_LIMITS: Record<LimitKind, SbiHttpLimits> = {
  discover: { connectTimeoutMs: 200, deadlineMs: 1000, idleTimeoutMs: 1000, maxBytes: 256 * 1024 },
  info: { connectTimeoutMs: 500, deadlineMs: 5000, idleTimeoutMs: 5000, maxBytes: 1024 * 1024 },
  capture: { connectTimeoutMs: 500, deadlineMs: 0, idleTimeoutMs: 0, maxBytes: 32 * 1024 * 1024 },
  stream: { connectTimeoutMs: 500, deadlineMs: 0, idleTimeoutMs: 5000, maxBytes: 4 * 1024 * 1024 },
};

export interface SbiClientOptions {
  port: number;
  host?: string;
  limits?: Partial<Record<LimitKind, Partial<SbiHttpLimits>>>;
  /** Added to a capture's own timeout for the total deadline (the registration client allows 40 s). */
  captureGraceMs?: number;
  /** How long past its requested timeout a stream may run before the client ends it (default 2 s). */
  streamGraceMs?: number;
  /** The `EXT` header of the specification's sample requests. */
  appName?: string;
}

/** A JSON answer, parsed but not yet verified. */
export interface SbiAnswer {
  verb: SbiVerb;
  json: unknown;
  /** Device time: from sending the request to the end of the answer. */
  elapsedMs: number;
  /** When the request was sent and the answer completed (epoch ms); the bench's timeout checks use them. */
  startedAt: number;
  endedAt: number;
}

export interface CaptureAnswer extends SbiAnswer {
  /** The request as sent (parsed), which the answer is checked against. */
  request: AnyCaptureRequest;
}

export interface StreamSummary {
  frames: number;
  bytes: number;
  endedBy: 'closed' | 'timeout' | 'cancelled';
  elapsedMs: number;
}

const DEFAULT_STREAM_MS = 5 * 60_000; // the specification's default stream timeout
const UNKNOWN_VERB_STATUSES = new Set([400, 404, 405, 501]);

export class SbiClient {
  readonly host: string;
  readonly port: number;
  private readonly opts: SbiClientOptions;

  constructor(opts: SbiClientOptions) {
    if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535)
      throw new SbiError('SBI_BAD_REQUEST', `port ${opts.port} is not a TCP port`);
    this.opts = opts;
    this.host = opts.host ?? '127.0.0.1';
    this.port = opts.port;
  }

  limits(kind: LimitKind): SbiHttpLimits {
    return { ...DEFAULT_LIMITS[kind], ...this.opts.limits?.[kind] };
  }

  /** Sends any verb as-is (the compliance bench sends deliberately broken requests through this). */
  call(
    verb: string,
    path: string,
    body: unknown,
    limits: SbiHttpLimits,
    signal?: AbortSignal,
  ): Promise<SbiHttpResponse> {
    return sbiHttp({
      host: this.host,
      port: this.port,
      method: verb,
      path,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(this.opts.appName ? { headers: { EXT: this.opts.appName } } : {}),
      ...limits,
      ...(signal ? { signal } : {}),
    });
  }

  private async json(
    verb: SbiVerb,
    path: string,
    body: unknown,
    limits: SbiHttpLimits,
    signal?: AbortSignal,
  ): Promise<SbiAnswer> {
    const startedAt = Date.now();
    const res = await this.call(verb, path, body, limits, signal);
    if (res.status !== 200) throw statusError(verb, res);
    return {
      verb,
      json: parseJsonBody(res.body, verb),
      elapsedMs: res.elapsedMs,
      startedAt,
      endedAt: startedAt + Math.round(res.elapsedMs),
    };
  }

  /** MOSIPDISC; a device that does not know the verb is asked again with SBI 1.0's SBIDISC. */
  async discover(
    type: DiscoveryType = 'Biometric Device',
    signal?: AbortSignal,
    limits = this.limits('discover'),
  ): Promise<SbiAnswer> {
    try {
      return await this.json('MOSIPDISC', '/device', { type }, limits, signal);
    } catch (e) {
      if (!unknownVerb(e)) throw e;
      return this.json('SBIDISC', '/device', { type, specVersion: '1.0' }, limits, signal);
    }
  }

  /** MOSIPDINFO (no body in 0.9.5); falls back to SBIINFO `{type, specVersion}`. */
  async deviceInfo(signal?: AbortSignal): Promise<SbiAnswer> {
    const limits = this.limits('info');
    try {
      return await this.json('MOSIPDINFO', '/info', undefined, limits, signal);
    } catch (e) {
      if (!unknownVerb(e)) throw e;
      return this.json('SBIINFO', '/info', { type: 'Biometric Device', specVersion: '1.0' }, limits, signal);
    }
  }

  /** RCAPTURE (Registration). The request is checked before anything is sent (SBI_BAD_REQUEST). */
  rcapture(req: RCaptureRequest, signal?: AbortSignal): Promise<CaptureAnswer> {
    const parsed = safeWire(rcaptureRequestSchema, req, 'rcapture request');
    if (!parsed.ok) return Promise.reject(badRequest(parsed.error));
    return this.captureCall('RCAPTURE', parsed.value, signal);
  }

  /** CAPTURE (Auth). */
  capture(req: CaptureRequest, signal?: AbortSignal): Promise<CaptureAnswer> {
    const parsed = safeWire(captureRequestSchema, req, 'capture request');
    if (!parsed.ok) return Promise.reject(badRequest(parsed.error));
    return this.captureCall('CAPTURE', parsed.value, signal);
  }

  private async captureCall(
    verb: 'CAPTURE' | 'RCAPTURE',
    request: AnyCaptureRequest,
    signal?: AbortSignal,
  ): Promise<CaptureAnswer> {
    const base = this.limits('capture');
    const total = (base.deadlineMs || Number(request.timeout)) + (this.opts.captureGraceMs ?? 10_000);
    const limits = { ...base, deadlineMs: total, idleTimeoutMs: base.idleTimeoutMs || total };
    return { ...(await this.json(verb, '/capture', request, limits, signal)), request };
  }

  /**
   * STREAM: calls `onFrame` with each JPEG until the device ends the stream, the requested timeout
   * (plus `streamGraceMs`) passes, or `signal` aborts — all three resolve; failures reject with SbiError.
   */
  async stream(req: StreamRequest, onFrame: (frame: MjpegFrame) => void, signal?: AbortSignal): Promise<StreamSummary> {
    const parsed = safeWire(streamRequestSchema, req, 'stream request');
    if (!parsed.ok) throw badRequest(parsed.error);
    const duration = parsed.value.timeout === undefined ? DEFAULT_STREAM_MS : Number(parsed.value.timeout);
    const limits = this.limits('stream');
    const stop = new AbortController();
    let endedBy: StreamSummary['endedBy'] | null = null;
    const halt = (why: 'timeout' | 'cancelled') => {
      endedBy ??= why;
      stop.abort();
    };
    const onAbort = () => halt('cancelled');
    if (signal?.aborted) return { frames: 0, bytes: 0, endedBy: 'cancelled', elapsedMs: 0 };
    signal?.addEventListener('abort', onAbort, { once: true });
    const grace = this.opts.streamGraceMs ?? 2000;
    const timer = setTimeout(() => halt('timeout'), Math.min(duration + grace, 2_147_483_647));
    const started = performance.now();
    let parser: MjpegParser | null = null;
    let bytes = 0;
    let callerError: unknown = null;
    const errorBody: Buffer[] = [];
    try {
      await sbiExchange(
        {
          host: this.host,
          port: this.port,
          method: 'STREAM',
          path: '/stream',
          body: JSON.stringify(parsed.value),
          ...limits,
          maxBytes: Infinity,
          deadlineMs: duration + grace + 3000,
          signal: stop.signal,
        },
        {
          head: (head) => {
            const boundary = boundaryOf(head.headers['content-type']);
            if (head.status === 200 && boundary) {
              parser = new MjpegParser(boundary, limits.maxBytes, (f) => {
                try {
                  onFrame(f);
                } catch (e) {
                  callerError = e;
                  halt('cancelled');
                }
              });
            }
          },
          data: (chunk) => {
            bytes += chunk.length;
            if (parser) parser.push(chunk);
            else if (bytes > 64 * 1024) throw new SbiError('SBI_TOO_LARGE', 'STREAM: error answer exceeds 64 KiB');
            else errorBody.push(chunk);
          },
          end: (head) => {
            if (!parser) throw streamRefusal(head.status, Buffer.concat(errorBody));
          },
        },
      );
    } catch (e) {
      if (callerError) throw callerError;
      if (!(endedBy && e instanceof SbiError && e.code === 'SBI_CANCELLED')) throw e;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (callerError) throw callerError;
    const frames = (parser as MjpegParser | null)?.frameCount ?? 0;
    return { frames, bytes, endedBy: endedBy ?? 'closed', elapsedMs: performance.now() - started };
  }
}

const badRequest = (e: SbiError) => new SbiError('SBI_BAD_REQUEST', e.message, e.detail);

function deviceErrorCode(body: Buffer): string | null {
  try {
    const r = safeWire(streamErrorSchema, parseJsonBody(body), 'answer');
    if (!r.ok) return null;
    const v = r.value;
    return Array.isArray(v) ? v[0]!.error.errorCode : v.error.errorCode;
  } catch {
    return null;
  }
}

function statusError(verb: string, res: SbiHttpResponse): SbiError {
  const code = deviceErrorCode(res.body);
  return new SbiError('SBI_HTTP_STATUS', `${verb}: HTTP ${res.status}${code ? ` (device error ${code})` : ''}`, {
    status: res.status,
    errorCode: code,
  });
}

/** 404/405/501, or MockMDS's "500 Invalid URL" answer to a verb it does not know. */
function unknownVerb(e: unknown): boolean {
  return (
    e instanceof SbiError &&
    e.code === 'SBI_HTTP_STATUS' &&
    (UNKNOWN_VERB_STATUSES.has(Number(e.detail?.status)) || e.detail?.errorCode === '500')
  );
}

function streamRefusal(status: number, body: Buffer): SbiError {
  const code = deviceErrorCode(body);
  if (code !== null && code !== '0')
    return new SbiError('SBI_DEVICE_ERROR', `STREAM: device error ${code}`, {
      errorCode: code,
      status,
    });
  if (status !== 200) return new SbiError('SBI_HTTP_STATUS', `STREAM: HTTP ${status}`, { status });
  return new SbiError('SBI_MALFORMED', 'STREAM: the answer is neither multipart JPEG nor an SBI error');
}
