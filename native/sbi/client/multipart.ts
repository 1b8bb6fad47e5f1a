/**
 * Incremental parser for the STREAM answer, multipart/x-mixed-replace of JPEG frames (sbi.md §1.7).
 * MockMDS declares `boundary=--BoundaryString` and writes parts as `--BoundaryString` (the value
 * itself, not "--" + value), so parts are found by searching for the boundary value, which matches
 * both forms. A part's Content-Length is used when present, else the part runs to the next
 * boundary. Every frame and header block is capped; a frame that is not a JPEG is refused.
 */
import { SbiError } from '../../../lib/sbi/errors.ts';

const CRLF2 = Buffer.from('\r\n\r\n');
const LF2 = Buffer.from('\n\n');
const MAX_PART_HEADER = 8 * 1024;

/** The boundary parameter of a multipart Content-Type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null;
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,200})"|([^\s;]{1,200}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

export interface MjpegFrame {
  jpeg: Buffer;
  index: number;
}

type State = { kind: 'seek' } | { kind: 'headers' } | { kind: 'body'; length: number | null };

export class MjpegParser {
  private buf: Buffer = Buffer.alloc(0);
  private state: State = { kind: 'seek' };
  private frames = 0;
  private junk = 0;
  private readonly marker: Buffer;
  /** The closing delimiter was seen. */
  done = false;

  constructor(
    boundary: string,
    private readonly maxFrameBytes: number,
    private readonly onFrame: (frame: MjpegFrame) => void,
  ) {
    this.marker = Buffer.from(boundary.replace(/^-+/, ''), 'latin1'); // "--X" and "X" both contain "X"
    if (this.marker.length === 0) throw new SbiError('SBI_MALFORMED', 'stream: empty multipart boundary');
  }

  get frameCount(): number {
    return this.frames;
  }

  push(chunk: Buffer): void {
    if (this.done) return;
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    // Each step consumes input or returns to wait for more.
    while (!this.done && this.step());
  }

  private tooLarge(): SbiError {
    return new SbiError('SBI_TOO_LARGE', `stream: a frame exceeds ${this.maxFrameBytes} bytes`, {
      reason: 'frame',
    });
  }

  private step(): boolean {
    if (this.state.kind === 'seek') {
      const at = this.buf.indexOf(this.marker);
      if (at < 0) {
        // Bytes between parts are preamble: drop them (keeping a possible partial marker), but not forever.
        const keep = Math.min(this.buf.length, this.marker.length - 1);
        this.junk += this.buf.length - keep;
        if (this.junk > this.maxFrameBytes + MAX_PART_HEADER) throw this.tooLarge();
        this.buf = Buffer.from(this.buf.subarray(this.buf.length - keep));
        return false;
      }
      this.junk = 0;
      const eol = this.buf.indexOf(0x0a, at + this.marker.length);
      if (eol < 0) {
        if (this.buf.length - at > MAX_PART_HEADER)
          throw new SbiError('SBI_MALFORMED', 'stream: boundary line too long');
        return false;
      }
      const rest = this.buf
        .subarray(at + this.marker.length, eol)
        .toString('latin1')
        .trim();
      if (rest.startsWith('--')) {
        this.done = true;
        return false;
      }
      this.buf = this.buf.subarray(eol + 1);
      this.state = { kind: 'headers' };
      return true;
    }
    if (this.state.kind === 'headers') {
      let end: number;
      let sep: number;
      if (this.buf[0] === 0x0d && this.buf[1] === 0x0a) [end, sep] = [0, 2];
      else if (this.buf[0] === 0x0a) [end, sep] = [0, 1];
      else {
        const crlf = this.buf.indexOf(CRLF2);
        const lf = this.buf.indexOf(LF2);
        if (crlf < 0 && lf < 0) {
          if (this.buf.length > MAX_PART_HEADER) throw new SbiError('SBI_MALFORMED', 'stream: part headers too long');
          return false;
        }
        [end, sep] = crlf >= 0 && (lf < 0 || crlf <= lf) ? [crlf, 4] : [lf, 2];
      }
      if (end > MAX_PART_HEADER) throw new SbiError('SBI_MALFORMED', 'stream: part headers too long');
      const headers = this.buf.subarray(0, end).toString('latin1');
      this.buf = this.buf.subarray(end + sep);
      const m = /^content-length\s*:\s*(\S*)\s*$/im.exec(headers);
      let length: number | null = null;
      if (m) {
        if (!/^\d{1,12}$/.test(m[1] ?? ''))
          throw new SbiError('SBI_MALFORMED', 'stream: part Content-Length is not a number');
        length = Number(m[1]);
        if (length > this.maxFrameBytes) throw this.tooLarge();
      }
      this.state = { kind: 'body', length };
      return true;
    }
    const { length } = this.state;
    if (length !== null) {
      if (this.buf.length < length) return false;
      this.emit(this.buf.subarray(0, length));
      this.buf = this.buf.subarray(length);
    } else {
      const at = this.buf.indexOf(this.marker);
      if (at < 0) {
        if (this.buf.length > this.maxFrameBytes + this.marker.length + 4) throw this.tooLarge();
        return false;
      }
      let end = at;
      while (end > 0 && this.buf[end - 1] === 0x2d) end--; // the "--" before the boundary value
      while (end > 0 && (this.buf[end - 1] === 0x0a || this.buf[end - 1] === 0x0d)) end--;
      if (end > this.maxFrameBytes) throw this.tooLarge();
      this.emit(this.buf.subarray(0, end));
      this.buf = this.buf.subarray(at); // the boundary starts the next part
    }
    this.state = { kind: 'seek' };
    return true;
  }

  private emit(jpeg: Buffer): void {
    if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) {
      throw new SbiError('SBI_MALFORMED', `stream: frame ${this.frames} is not a JPEG`, {
        reason: 'frame',
      });
    }
    this.onFrame({ jpeg: Buffer.from(jpeg), index: this.frames++ });
  }
}
