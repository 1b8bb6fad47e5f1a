/**
 * Preview frames for STREAM: a synthetic sensor view per device (finger tips of a slap, one or two
 * eyes, a face), a scan line that moves every frame and a quality bar, JPEG-encoded with jpeg-js.
 * Our own pixels, drawn procedurally like the capture samples.
 */
import jpeg from 'jpeg-js';
import type { VirtualDevice } from './devices.ts';

export const FRAME_WIDTH = 320;
export const FRAME_HEIGHT = 240;

type Shade = (x: number, y: number) => number;

function baseShade(device: VirtualDevice, subId: string): Shade {
  const W = FRAME_WIDTH;
  const H = FRAME_HEIGHT;
  if (device.type === 'Finger') {
    const tips = subId === '3' ? [W * 0.33, W * 0.67] : [W * 0.2, W * 0.4, W * 0.6, W * 0.8];
    return (x, y) => {
      for (const cx of tips) {
        const dx = (x - cx) / (W * 0.085);
        const dy = (y - H * 0.5) / (H * 0.33);
        if (dx * dx + dy * dy <= 1) return 120 - 90 * Math.cos(Math.hypot(x - cx, (y - H * 0.4) * 1.2) / 1.4);
      }
      return 235;
    };
  }
  if (device.type === 'Iris') {
    const eyes = subId === '3' ? [W * 0.27, W * 0.73] : [W * 0.5];
    return (x, y) => {
      for (const cx of eyes) {
        const d = Math.hypot(x - cx, y - H * 0.5);
        if (d < 14) return 20;
        if (d < 38) return 95 + 30 * Math.sin(Math.atan2(y - H * 0.5, x - cx) * 36);
        if (Math.abs(y - H * 0.5) < 42 * Math.cos(Math.min(1.5, Math.abs(x - cx) / 75))) return 210;
      }
      return 160;
    };
  }
  return (x, y) => {
    const head = ((x - W / 2) / 58) ** 2 + ((y - H * 0.45) / 76) ** 2;
    if (head <= 1) {
      const eye = Math.min(Math.hypot(x - W / 2 + 22, y - H * 0.4), Math.hypot(x - W / 2 - 22, y - H * 0.4));
      return eye < 6 ? 40 : Math.abs(x - W / 2) < 22 && Math.abs(y - H * 0.62) < 3 ? 90 : 175;
    }
    return y > H * 0.85 ? 80 : 240;
  };
}

/** Scan-line positions per cycle: few enough that every frame is soon served from the cache. */
const SCAN_STEPS = 12;
const MAX_CACHED_FRAMES = 64;

interface FrameSet {
  base: Buffer;
  /** Encoded frames by "step:quality"; jpeg-js is slow (tens of ms per frame), so each is encoded once. */
  jpegs: Map<string, Buffer>;
}
const frameSets = new Map<string, FrameSet>();

function frameSet(device: VirtualDevice, subId: string): FrameSet {
  const key = `${device.type}|${subId}`;
  let set = frameSets.get(key);
  if (!set) {
    const shade = baseShade(device, subId);
    const base = Buffer.alloc(FRAME_WIDTH * FRAME_HEIGHT * 4);
    for (let y = 0; y < FRAME_HEIGHT; y++) {
      for (let x = 0; x < FRAME_WIDTH; x++) {
        const v = Math.max(0, Math.min(255, Math.round(shade(x, y))));
        base.writeUInt32BE(((v << 24) | (v << 16) | (v << 8) | 0xff) >>> 0, (y * FRAME_WIDTH + x) * 4);
      }
    }
    set = { base, jpegs: new Map() };
    frameSets.set(key, set);
  }
  return set;
}

function encodeFrame(base: Buffer, step: number, quality: number): Buffer {
  const px = Buffer.from(base);
  const scan = Math.floor((step * FRAME_HEIGHT) / SCAN_STEPS);
  for (let y = scan; y < Math.min(FRAME_HEIGHT, scan + 3); y++)
    for (let x = 0; x < FRAME_WIDTH; x++) px.writeUInt32BE(0x30c0ffff, (y * FRAME_WIDTH + x) * 4);
  // Quality bar along the bottom: green above 60, amber above 30, red below.
  const colour = quality > 60 ? 0x22c55eff : quality > 30 ? 0xf59e0bff : 0xef4444ff;
  const bar = Math.round((FRAME_WIDTH - 20) * (quality / 100));
  for (let y = FRAME_HEIGHT - 14; y < FRAME_HEIGHT - 6; y++)
    for (let x = 10; x < 10 + bar; x++) px.writeUInt32BE(colour >>> 0, (y * FRAME_WIDTH + x) * 4);
  return jpeg.encode({ data: px, width: FRAME_WIDTH, height: FRAME_HEIGHT }, 70).data;
}

/** Returns a renderer: frame number → JPEG bytes (a moving scan line and the current quality). */
export function frameRenderer(device: VirtualDevice, subId: string, quality: () => number): (frame: number) => Buffer {
  const set = frameSet(device, subId);
  return (frame) => {
    const q = Math.max(0, Math.min(100, Math.round(quality())));
    const step = frame % SCAN_STEPS;
    const key = `${step}:${q}`;
    let bytes = set.jpegs.get(key);
    if (!bytes) {
      if (set.jpegs.size >= MAX_CACHED_FRAMES) set.jpegs.clear();
      bytes = encodeFrame(set.base, step, q);
      set.jpegs.set(key, bytes);
    }
    return bytes;
  };
}
