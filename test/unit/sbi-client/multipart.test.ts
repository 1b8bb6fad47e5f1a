import { describe, expect, it } from 'vitest';
import { boundaryOf, MjpegParser } from '../../../native/sbi/client/multipart.ts';
import { SbiError } from '../../../lib/sbi/errors.ts';

const jpeg = (n: number, size = 40) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 6, n), Buffer.from([0xff, 0xd9])]);

/** MockMDS's framing: boundary value written as is, Content-Length, blank line, bytes, \r\n\r\n. */
const mockMdsPart = (frame: Buffer) =>
  Buffer.concat([
    Buffer.from(`--BoundaryString\r\nContent-Type:image/jpeg\r\nContent-Length:${frame.length}\r\n\r\n`),
    frame,
    Buffer.from('\r\n\r\n'),
  ]);
/** RFC 2046 framing without Content-Length: "--" + boundary, headers, body up to the next delimiter. */
const rfcPart = (frame: Buffer) =>
  Buffer.concat([Buffer.from('--frame\r\nContent-Type: image/jpeg\r\n\r\n'), frame, Buffer.from('\r\n')]);

function parseAll(boundary: string, stream: Buffer, chunk: number, max = 1024): Buffer[] {
  const frames: Buffer[] = [];
  const p = new MjpegParser(boundary, max, (f) => frames.push(f.jpeg));
  for (let i = 0; i < stream.length; i += chunk) p.push(stream.subarray(i, i + chunk));
  return frames;
}

describe('boundaryOf', () => {
  it('reads quoted and bare boundaries, and only from multipart types', () => {
    expect(boundaryOf('multipart/x-mixed-replace; boundary=--BoundaryString')).toBe('--BoundaryString');
    expect(boundaryOf('multipart/x-mixed-replace;boundary="a b"')).toBe('a b');
    expect(boundaryOf('application/json')).toBeNull();
    expect(boundaryOf('multipart/x-mixed-replace')).toBeNull();
    expect(boundaryOf(undefined)).toBeNull();
  });
});

describe('MjpegParser', () => {
  const frames = [jpeg(1), jpeg(2, 100), jpeg(3, 7)];

  it('MockMDS framing, split at every chunk size', () => {
    const stream = Buffer.concat(frames.map(mockMdsPart));
    for (const chunk of [1, 2, 3, 7, 16, 64, stream.length])
      expect(parseAll('--BoundaryString', stream, chunk)).toEqual(frames);
  });

  it('RFC framing without Content-Length ends each frame at the next delimiter; the closing delimiter ends the stream', () => {
    const stream = Buffer.concat([...frames.map(rfcPart), Buffer.from('--frame--\r\n'), rfcPart(jpeg(9))]);
    for (const chunk of [1, 5, 33, stream.length]) expect(parseAll('frame', stream, chunk)).toEqual(frames);
  });

  it('refuses a frame above the cap, by Content-Length or by size', () => {
    const big = jpeg(1, 2000);
    expect(() => parseAll('--BoundaryString', mockMdsPart(big), 64)).toThrow(
      expect.objectContaining({ code: 'SBI_TOO_LARGE' }),
    );
    expect(() => parseAll('frame', Buffer.concat([rfcPart(big), rfcPart(jpeg(2))]), 64)).toThrow(
      expect.objectContaining({ code: 'SBI_TOO_LARGE' }),
    );
    // Endless bytes without any boundary.
    expect(() => parseAll('frame', Buffer.alloc(20_000, 0x41), 100)).toThrow(
      expect.objectContaining({ code: 'SBI_TOO_LARGE' }),
    );
  });

  it('refuses a part that is not a JPEG, a bad Content-Length and endless headers', () => {
    const notJpeg = Buffer.concat([Buffer.from('--frame\r\nContent-Length: 4\r\n\r\n'), Buffer.from('GIF8')]);
    expect(() => parseAll('frame', notJpeg, 3)).toThrow(expect.objectContaining({ code: 'SBI_MALFORMED' }));
    expect(() => parseAll('frame', Buffer.from('--frame\r\nContent-Length: -4\r\n\r\n'), 3)).toThrow(SbiError);
    expect(() =>
      parseAll('frame', Buffer.concat([Buffer.from('--frame\r\n'), Buffer.alloc(9000, 0x61)]), 500, 100_000),
    ).toThrow(expect.objectContaining({ code: 'SBI_MALFORMED' }));
    expect(() => new MjpegParser('---', 10, () => undefined)).toThrow(SbiError);
  });
});
