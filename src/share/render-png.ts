/**
 * Draws a share card to PNG at build time: satori lays the tree out to SVG with the Inter font
 * from @fontsource (satori reads woff, not woff2), resvg's WebAssembly build rasterises it
 * (no native binary to install per platform).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import satori from 'satori';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { SHARE_IMAGE_SIZE } from './share-card.ts';
import type { CardNode } from './card-layout.ts';

const require = createRequire(import.meta.url);
const fileOf = (specifier: string) => readFile(require.resolve(specifier));

// Once per build: WebAssembly can be initialised only once per process.
let resvgReady: Promise<void> | undefined;
let fonts: Promise<Parameters<typeof satori>[1]['fonts']> | undefined;

function loadFonts() {
  fonts ??= Promise.all(
    ([400, 700] as const).map(async (weight) => ({
      name: 'Inter',
      weight,
      style: 'normal' as const,
      data: await fileOf(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`),
    })),
  );
  return fonts;
}

export async function renderPng(layout: CardNode): Promise<Uint8Array> {
  resvgReady ??= fileOf('@resvg/resvg-wasm/index_bg.wasm').then((wasm) => initWasm(wasm));
  const [svg] = await Promise.all([
    // satori's element type is React's; the plain tree has the same shape.
    loadFonts().then((fonts) => satori(layout as unknown as Parameters<typeof satori>[0], { ...SHARE_IMAGE_SIZE, fonts })),
    resvgReady,
  ]);
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: SHARE_IMAGE_SIZE.width } });
  const image = resvg.render();
  try {
    return image.asPng();
  } finally {
    image.free();
    resvg.free();
  }
}
