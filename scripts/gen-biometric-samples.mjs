// Generates the biometric sample images the virtual SBI device wraps into ISO 19794 records
// (native/virtual/sbi/biometrics.ts). Every pixel is synthesised here — ridge fields for fingers,
// ring/radial texture for irises, flat shapes for faces — and compressed to JPEG 2000 (JP2 files)
// with OpenJPEG's opj_compress (Debian: apt install libopenjp2-tools). Registration samples are
// lossless (reversible 5/3), Auth samples lossy (irreversible 9/7) at a ratio of at most 15:1, as
// MOSIP's biometric specification asks. Output is deterministic for a given opj_compress.
//
//   node scripts/gen-biometric-samples.mjs [--out resources/biometrics] [--opj /usr/bin/opj_compress]
//
// The shipped app never runs this: it loads the committed files and manifest.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const outDir = resolve(arg('--out', join(root, 'resources/biometrics')));
const opj = arg('--opj', 'opj_compress');

// ------------------------------------------------------------------ deterministic noise

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const clamp = (v) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
const smooth = (e0, e1, x) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

// ------------------------------------------------------------------ fingers (grey, 500 ppi)

/** A fingertip: rounded-top ellipse, ridges from a whorl, loop or arch phase field. */
function finger(width, height, seed, pattern) {
  const rnd = prng(seed);
  const px = new Uint8Array(width * height);
  const cx = width / 2 + (rnd() - 0.5) * 20;
  const cy = height * (0.42 + rnd() * 0.08);
  const period = 8.5 + rnd() * 1.5; // ≈ 0.45 mm at 500 ppi
  const rx = width * 0.42;
  const ry = height * 0.47;
  const warp = 0.6 + rnd() * 0.8;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      const dy = y - cy;
      // Inside the finger: an ellipse, flattened at the bottom (the crease).
      const e = (dx / rx) ** 2 + ((y - height * 0.5) / ry) ** 2;
      const inside = 1 - smooth(0.82, 1.0, e);
      let phase;
      if (pattern === 'whorl') phase = Math.hypot(dx, dy * 1.15);
      else if (pattern === 'loop') phase = Math.hypot(dx, dy) + warp * 14 * Math.sin(Math.atan2(dy, dx) / 2);
      else phase = y + warp * 22 * Math.exp(-((dx / (width * 0.35)) ** 2)) * Math.cos(dx / 40);
      const ridge = Math.cos((2 * Math.PI * phase) / period);
      const grain = (rnd() - 0.5) * 4;
      const paper = 236 + (rnd() - 0.5) * 4;
      const skin = 122 - 92 * ridge + grain;
      px[y * width + x] = clamp(paper * (1 - inside) + skin * inside);
    }
  }
  return { width, height, channels: 1, px };
}

// ------------------------------------------------------------------ irises (grey)

/** An eye: skin, an almond opening, the iris (radial fibres and rings), pupil and a highlight. */
function iris(width, height, diameter, seed, masked) {
  const rnd = prng(seed);
  const px = new Uint8Array(width * height);
  const cx = width / 2;
  const cy = height / 2;
  const r = diameter / 2;
  const pupil = r * (0.36 + rnd() * 0.08);
  const fibres = 40 + Math.floor(rnd() * 30);
  const twist = rnd() * 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      const dy = y - cy;
      const d = Math.hypot(dx, dy);
      const a = Math.atan2(dy, dx);
      // The eye opening: between two arcs (upper and lower lid).
      const lid = Math.abs(dy) < r * 0.95 * Math.cos(Math.min(Math.PI / 2, Math.abs(dx) / (width * 0.52)) * 1.05);
      const noise = (rnd() - 0.5) * 3;
      let v;
      if (d < pupil) v = 18 + noise * 0.3;
      else if (d < r) {
        const t = (d - pupil) / (r - pupil);
        v = 92 + 34 * Math.sin(fibres * a + twist * 6 * t) * (1 - t * 0.5) + 16 * Math.cos(t * 18) + noise;
        v -= 40 * smooth(0.85, 1, t); // limbus darkens
      } else v = 214 - 30 * smooth(r, r * 2.2, d) + noise; // sclera
      if (!lid) v = masked ? 128 : 168 - 20 * smooth(0, height / 2, Math.abs(dy)) + noise; // eyelid skin, or K7 mask value
      if (Math.hypot(dx + pupil * 0.5, dy + pupil * 0.5) < 5) v = 250; // specular highlight
      px[y * width + x] = clamp(v);
    }
  }
  return { width, height, channels: 1, px };
}

// ------------------------------------------------------------------ faces (RGB)

function rgbCanvas(width, height, background) {
  const px = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) px.set(background, i * 3);
  return { width, height, channels: 3, px };
}
function ellipse(img, cx, cy, rx, ry, rgb, rnd) {
  for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(img.height, Math.ceil(cy + ry)); y++) {
    for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(img.width, Math.ceil(cx + rx)); x++) {
      if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 > 1) continue;
      const n = rnd ? (rnd() - 0.5) * 2 : 0;
      const i = (y * img.width + x) * 3;
      img.px[i] = clamp(rgb[0] + n);
      img.px[i + 1] = clamp(rgb[1] + n);
      img.px[i + 2] = clamp(rgb[2] + n);
    }
  }
}
function rect(img, x0, y0, x1, y1, rgb, rnd) {
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      const n = rnd ? (rnd() - 0.5) * 2 : 0;
      const i = (y * img.width + x) * 3;
      img.px[i] = clamp(rgb[0] + n);
      img.px[i + 1] = clamp(rgb[1] + n);
      img.px[i + 2] = clamp(rgb[2] + n);
    }
  }
}

/** Full frontal, plain white background (ICAO style), head and shoulders. */
function face(width, height, seed, palms = false) {
  const rnd = prng(seed);
  const img = rgbCanvas(width, height, [246, 246, 244]);
  const s = width / 240;
  const skin = [198, 150, 118];
  const cx = width / 2;
  const headY = palms ? height * 0.3 : height * 0.42;
  const headR = (palms ? 46 : 62) * s;
  ellipse(img, cx, height + 20 * s, width * 0.55, (palms ? 190 : 120) * s, [54, 78, 120], rnd); // shirt
  rect(
    img,
    Math.round(cx - 16 * s),
    Math.round(headY + headR * 0.9),
    Math.round(cx + 16 * s),
    Math.round(headY + headR * 1.5),
    skin,
    rnd,
  ); // neck
  ellipse(img, cx, headY - headR * 0.25, headR * 1.05, headR * 0.95, [40, 30, 26], rnd); // hair
  ellipse(img, cx, headY, headR * 0.85, headR * 1.1, skin, rnd); // face
  for (const side of [-1, 1]) {
    ellipse(img, cx + side * headR * 0.34, headY - headR * 0.12, headR * 0.17, headR * 0.08, [250, 250, 250]); // eye white
    ellipse(img, cx + side * headR * 0.34, headY - headR * 0.12, headR * 0.07, headR * 0.07, [60, 42, 30]); // iris
    rect(
      img,
      Math.round(cx + side * headR * 0.34 - headR * 0.2),
      Math.round(headY - headR * 0.32),
      Math.round(cx + side * headR * 0.34 + headR * 0.2),
      Math.round(headY - headR * 0.27),
      [52, 38, 30],
    ); // brow
  }
  rect(
    img,
    Math.round(cx - 3 * s),
    Math.round(headY - headR * 0.05),
    Math.round(cx + 3 * s),
    Math.round(headY + headR * 0.3),
    [176, 128, 98],
  ); // nose
  ellipse(img, cx, headY + headR * 0.55, headR * 0.3, headR * 0.07, [150, 70, 70]); // mouth
  if (palms) {
    // Exception photo: waist-up, both palms open beside the face.
    for (const side of [-1, 1]) {
      const hx = cx + side * width * 0.34;
      const hy = height * 0.42;
      ellipse(img, hx, hy, 26 * s, 32 * s, skin, rnd);
      for (let f = 0; f < 4; f++)
        rect(
          img,
          Math.round(hx - 22 * s + f * 12 * s),
          Math.round(hy - 62 * s),
          Math.round(hx - 14 * s + f * 12 * s),
          Math.round(hy - 24 * s),
          skin,
          rnd,
        );
      rect(
        img,
        Math.round(hx + side * 22 * s - 5 * s),
        Math.round(hy - 30 * s),
        Math.round(hx + side * 22 * s + 5 * s),
        Math.round(hy),
        skin,
        rnd,
      ); // thumb
      rect(
        img,
        Math.round(hx - 14 * s),
        Math.round(hy + 28 * s),
        Math.round(hx + 14 * s),
        Math.round(height * 0.8),
        [54, 78, 120],
        rnd,
      ); // sleeve
    }
  }
  return img;
}

// ------------------------------------------------------------------ encode

const samples = [
  ...[1, 2, 3, 4].map((n) => ({
    name: `finger-registration-${n}`,
    modality: 'Finger',
    purpose: 'Registration',
    lossless: true,
    make: () => finger(224, 320, 100 + n, ['whorl', 'loop', 'arch', 'loop'][n - 1]),
  })),
  ...[1, 2].map((n) => ({
    name: `finger-auth-${n}`,
    modality: 'Finger',
    purpose: 'Auth',
    lossless: false,
    ratio: 10,
    make: () => finger(256, 336, 200 + n, n === 1 ? 'loop' : 'whorl'),
  })),
  {
    name: 'iris-registration-left',
    modality: 'Iris',
    purpose: 'Registration',
    lossless: true,
    diameter: 216,
    make: () => iris(352, 256, 216, 301, false),
  },
  {
    name: 'iris-registration-right',
    modality: 'Iris',
    purpose: 'Registration',
    lossless: true,
    diameter: 216,
    make: () => iris(352, 256, 216, 302, false),
  },
  {
    name: 'iris-auth',
    modality: 'Iris',
    purpose: 'Auth',
    lossless: false,
    ratio: 10,
    diameter: 160,
    make: () => iris(256, 192, 160, 303, true),
  },
  {
    name: 'face-registration',
    modality: 'Face',
    purpose: 'Registration',
    lossless: true,
    make: () => face(240, 320, 401),
  },
  {
    name: 'face-auth',
    modality: 'Face',
    purpose: 'Auth',
    lossless: false,
    ratio: 12,
    make: () => face(160, 208, 402),
  },
  {
    name: 'face-exception',
    modality: 'Face',
    purpose: 'Registration',
    lossless: true,
    exception: true,
    make: () => face(240, 320, 403, true),
  },
];

function netpbm(img) {
  const header = Buffer.from(`${img.channels === 1 ? 'P5' : 'P6'}\n${img.width} ${img.height}\n255\n`, 'ascii');
  return Buffer.concat([header, Buffer.from(img.px)]);
}

mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'pd-biometrics-'));
const manifest = [];
try {
  for (const s of samples) {
    const img = s.make();
    const ext = img.channels === 1 ? 'pgm' : 'ppm';
    const src = join(work, `${s.name}.${ext}`);
    const file = `${s.name}.jp2`;
    writeFileSync(src, netpbm(img));
    // Lossless: OpenJPEG's default reversible 5/3 wavelet. Lossy: irreversible 9/7 (-I) at a fixed ratio.
    const mode = s.lossless ? [] : ['-I', '-r', String(s.ratio)];
    execFileSync(opj, ['-i', src, '-o', join(outDir, file), ...mode], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const bytes = statSync(join(outDir, file)).size;
    const raw = img.width * img.height * img.channels;
    manifest.push({
      name: s.name,
      file,
      modality: s.modality,
      purpose: s.purpose,
      lossless: s.lossless,
      width: img.width,
      height: img.height,
      components: img.channels,
      ...(s.diameter ? { irisDiameter: s.diameter } : {}),
      ...(s.exception ? { exceptionPhoto: true } : {}),
      compressionRatio: Math.round((raw / bytes) * 100) / 100,
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
writeFileSync(
  join(outDir, 'manifest.json'),
  `${JSON.stringify({ generator: 'scripts/gen-biometric-samples.mjs', samples: manifest }, null, 2)}\n`,
);
const total = manifest.reduce((n, m) => n + statSync(join(outDir, m.file)).size, 0);
console.log(
  `wrote ${manifest.length} JPEG 2000 samples (${Math.round(total / 1024)} KiB) and manifest.json to ${outDir}`,
);
// Sanity: the manifest must parse back (the virtual device reads it at start-up).
JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
