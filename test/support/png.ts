import { crc32, inflateSync } from 'node:zlib';

// A strict PNG reader for tests: every chunk's CRC, the header, and the pixels themselves (8-bit RGBA or RGB).

export type Png = { width: number; height: number; channels: number; pixels: Buffer };

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Samples per pixel of the colour types read here: 2 is RGB, 6 is RGBA. */
const CHANNELS: Record<number, number> = { 2: 3, 6: 4 };

type Chunk = { type: string; data: Buffer };

function chunksOf(png: Uint8Array): Chunk[] {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('png: bad signature');
  const chunks: Chunk[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const typeAndData = buf.subarray(at + 4, at + 8 + length);
    if (typeAndData.length !== length + 4) throw new Error('png: truncated chunk');
    if (crc32(typeAndData) !== buf.readUInt32BE(at + 8 + length)) throw new Error('png: bad CRC');
    chunks.push({ type: typeAndData.subarray(0, 4).toString('latin1'), data: typeAndData.subarray(4) });
    at += 12 + length;
  }
  if (chunks[0]?.type !== 'IHDR' || chunks.at(-1)?.type !== 'IEND') throw new Error('png: bad chunk order');
  return chunks;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Decodes a PNG, checking it on the way; throws on anything a viewer would refuse. */
export function readPng(png: Uint8Array): Png {
  const chunks = chunksOf(png);
  const header = chunks[0]?.data ?? Buffer.alloc(0);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [depth, colorType, , , interlace] = [8, 9, 10, 11, 12].map((i) => header[i]);
  const channels = CHANNELS[colorType ?? -1] ?? 0;
  if (depth !== 8 || channels === 0 || interlace !== 0)
    throw new Error('png: not 8-bit RGB(A), non-interlaced');
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) throw new Error('png: image data has the wrong size');
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? -1];
      if (predictor === undefined) throw new Error(`png: unknown filter ${filter}`);
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** The pixel at (x, y) as [r, g, b, a]. */
export function pixelAt(png: Png, x: number, y: number): [number, number, number, number] {
  const at = (y * png.width + x) * png.channels;
  const p = png.pixels;
  return [p[at] ?? 0, p[at + 1] ?? 0, p[at + 2] ?? 0, png.channels === 4 ? (p[at + 3] ?? 0) : 255];
}
