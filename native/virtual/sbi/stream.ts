/**
 * STREAM (sbi.md §1.7): a multipart/x-mixed-replace M-JPEG preview of a Registration device at
 * 10 frames per second, until the client goes away, the timeout (default five minutes) passes,
 * a capture is taken from it, the device leaves Ready or the server closes. Refusals are a JSON
 * `{"error": …}` body instead of the stream.
 */
import type { Socket } from 'node:net';
import { sbiError } from './codes.ts';
import type { SbiDeviceErrorCode } from './codes.ts';
import type { OpenStream, SbiContext } from './context.ts';
import { headLines, sendResponse } from './http-wire.ts';
import { frameRenderer } from './stream-frames.ts';

export const STREAM_BOUNDARY = 'BoundaryString';
const FRAME_INTERVAL_MS = 100;
const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const MAX_TIMEOUT_MS = 30 * 60_000;
/** Frames are dropped, not queued, while the client reads slower than we draw. */
const MAX_BUFFERED = 1 << 20;

type StreamCheck =
  | { ok: true; deviceId: string; deviceSubId: string; timeoutMs: number }
  | { ok: false; code: SbiDeviceErrorCode; detail?: string };

export function checkStreamRequest(ctx: SbiContext, body: Buffer): StreamCheck {
  let req: unknown;
  try {
    req = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, code: '610', detail: 'body is not JSON' };
  }
  if (typeof req !== 'object' || req === null || Array.isArray(req))
    return { ok: false, code: '610', detail: 'body is not a JSON object' };
  const r = req as Record<string, unknown>;
  const deviceId = typeof r.deviceId === 'string' || typeof r.deviceId === 'number' ? String(r.deviceId) : '';
  const serialNo = typeof r.serialNo === 'string' ? r.serialNo : '';
  if (!deviceId && !serialNo) return { ok: false, code: '604' };
  const device = deviceId ? ctx.devices.get(deviceId) : [...ctx.devices.values()].find((d) => d.serialNo === serialNo);
  const deviceSubId = r.deviceSubId === undefined || r.deviceSubId === null ? '' : String(r.deviceSubId);
  if (!device || !device.deviceSubIds.includes(deviceSubId)) return { ok: false, code: '605' };
  if (device.purpose !== 'Registration') return { ok: false, code: '601' };
  if (device.status !== 'Ready') return { ok: false, code: '607', detail: device.status };
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (r.timeout !== undefined && r.timeout !== null && r.timeout !== '') {
    const t =
      typeof r.timeout === 'number'
        ? r.timeout
        : typeof r.timeout === 'string' && /^\d+$/.test(r.timeout)
          ? Number(r.timeout)
          : Number.NaN;
    if (!Number.isInteger(t) || t < 1 || t > MAX_TIMEOUT_MS) return { ok: false, code: '610', detail: 'timeout' };
    timeoutMs = t;
  }
  return { ok: true, deviceId: device.deviceId, deviceSubId, timeoutMs };
}

export function stream(ctx: SbiContext, socket: Socket, body: Buffer, headers: Record<string, string>): void {
  const check = checkStreamRequest(ctx, body);
  if (!check.ok) {
    sendResponse(
      socket,
      200,
      { ...headers, 'Content-Type': 'application/json' },
      JSON.stringify({ error: sbiError(check.code, check.detail) }),
    );
    return;
  }
  const device = ctx.devices.get(check.deviceId)!;
  const render = frameRenderer(device, check.deviceSubId, () => device.quality);
  socket.write(
    headLines(200, {
      ...headers,
      'Content-Type': `multipart/x-mixed-replace; boundary=${STREAM_BOUNDARY}`,
      Connection: 'close',
    }),
    'latin1',
  );
  let frame = 0;
  let stopped = false;
  const handle: OpenStream = {
    deviceId: check.deviceId,
    deviceSubId: check.deviceSubId,
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(ticker);
      clearTimeout(deadline);
      ctx.streams.delete(handle);
      if (!socket.destroyed) socket.end(`--${STREAM_BOUNDARY}--\r\n`);
    },
  };
  const tick = () => {
    if (device.status !== 'Ready') return handle.stop();
    if (socket.destroyed || socket.writableLength > MAX_BUFFERED) return;
    const jpegBytes = render(frame++);
    socket.write(
      Buffer.concat([
        Buffer.from(
          `--${STREAM_BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpegBytes.length}\r\n\r\n`,
          'latin1',
        ),
        jpegBytes,
        Buffer.from('\r\n', 'latin1'),
      ]),
    );
  };
  const ticker = setInterval(tick, FRAME_INTERVAL_MS);
  const deadline = setTimeout(() => handle.stop(), check.timeoutMs);
  ctx.streams.add(handle);
  socket.on('close', () => handle.stop());
  socket.on('error', () => handle.stop());
  socket.resume(); // let the close of a departing client be seen
  tick();
}
