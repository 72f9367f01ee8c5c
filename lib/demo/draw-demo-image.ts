import { createHash } from "node:crypto";
import sharp from "sharp";

/**
 * Placeholder "models" for the foundation slice, drawn with sharp — no weights. `smooth` paints
 * soft gradients in a harmonious palette; `harsh` paints clashing colours with hard noise.
 * Deterministic for (variant, prompt, seed) and visibly prompt-dependent.
 */
export type DemoDrawVariant = "smooth" | "harsh";

function bytesFor(...parts: (string | number)[]): Buffer {
  return createHash("sha256").update(parts.join("\u0000")).digest();
}

export async function drawDemoImage(
  variant: DemoDrawVariant,
  prompt: string,
  seed: number,
  size = 256,
): Promise<Buffer> {
  const h = bytesFor(prompt, seed);
  const hue = (h[0] / 255) * 360;
  const circles = Array.from({ length: 5 }, (_, i) => ({
    cx: (h[1 + i] / 255) * size,
    cy: (h[6 + i] / 255) * size,
    r: size * (0.08 + (h[11 + i] / 255) * 0.2),
    hue: (hue + (variant === "smooth" ? 30 : 150) * (i + 1)) % 360,
  }));
  const sat = variant === "smooth" ? 55 : 95;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue.toFixed(0)},${sat}%,70%)"/>
      <stop offset="1" stop-color="hsl(${((hue + 40) % 360).toFixed(0)},${sat}%,${variant === "smooth" ? 45 : 20}%)"/>
    </linearGradient>${variant === "smooth" ? '<filter id="b"><feGaussianBlur stdDeviation="6"/></filter>' : ""}</defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <g ${variant === "smooth" ? 'filter="url(#b)"' : ""}>${circles
      .map(
        (c) =>
          `<circle cx="${c.cx.toFixed(1)}" cy="${c.cy.toFixed(1)}" r="${c.r.toFixed(1)}" fill="hsl(${c.hue.toFixed(0)},${sat}%,60%)" fill-opacity="0.8"/>`,
      )
      .join("")}</g></svg>`;
  let image = sharp(Buffer.from(svg)).removeAlpha();
  if (variant === "harsh") {
    const noise = Buffer.alloc(size * size * 3);
    const rng = bytesFor("noise", prompt, seed);
    for (let i = 0; i < noise.length; i++) noise[i] = rng[i % 32] ^ ((i * 2654435761) >>> 24);
    const noiseLayer = await sharp(noise, { raw: { width: size, height: size, channels: 3 } })
      .png()
      .toBuffer();
    image = sharp(await image.png().toBuffer()).composite([{ input: noiseLayer, blend: "overlay" }]);
  }
  return image.png().toBuffer();
}
