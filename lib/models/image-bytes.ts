/** Image formats we accept from servers and import folders (all raster; SVG is never accepted). */
export type RasterFormat = "png" | "jpeg" | "webp";

/**
 * Recognise an image by its magic bytes, not by a content-type header or file extension: servers
 * mislabel responses and files get renamed. Returns undefined for anything else (HTML error pages,
 * JSON, SVG, …).
 */
export function sniffRasterFormat(bytes: Uint8Array): RasterFormat | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return "png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  return undefined;
}

/** A short printable preview of a non-image body, for error messages. */
export function previewText(bytes: Uint8Array, max = 200): string {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, max));
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(text.replace(/[\u0000-\u0008\u000e-\u001f]/g, "?"));
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}
