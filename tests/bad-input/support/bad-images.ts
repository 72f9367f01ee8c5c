import { crc32, deflateSync, createDeflate } from "node:zlib";
import sharp from "sharp";

/**
 * Hostile image files, made on the fly: nothing binary is committed. The bomb is a real PNG
 * whose header says 20000×20000 and whose IDAT is 50 MB of compressed zero rows (1-bit grey),
 * a file of about 50 KB that would inflate to 400 MB of RGBA if anything decoded it blindly.
 */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function decompressionBombPng(side = 20_000): Promise<Buffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth 1
  ihdr[9] = 0; // greyscale
  const row = Buffer.alloc(1 + Math.ceil(side / 8)); // filter byte 0 + zero pixels
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (d: Buffer) => parts.push(d));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  for (let y = 0; y < side; y++) deflate.write(row);
  deflate.end();
  await done;
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", ihdr),
    chunk("IDAT", Buffer.concat(parts)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export async function validPng(side = 64): Promise<Buffer> {
  const noise = Buffer.alloc(side * side * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return sharp(noise, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

export async function truncatedPng(): Promise<Buffer> {
  const png = await validPng();
  return png.subarray(0, Math.floor(png.length / 2));
}

export const svgWithScript = () =>
  Buffer.from(
    `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>alert(document.cookie)</script><rect width="64" height="64"/></svg>`,
  );
export const textPretendingToBePng = () => Buffer.from("this is not an image, whatever its name says\n");
export const zeroBytes = () => Buffer.alloc(0);
/** A PNG header on a body of random garbage: the signature is right, nothing else is. */
export const garbageAfterSignature = () =>
  Buffer.concat([SIGNATURE, deflateSync(Buffer.from("garbage")).subarray(0, 4), Buffer.from("garbage".repeat(20))]);
