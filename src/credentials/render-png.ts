import { Resvg } from '@resvg/resvg-js';

/**
 * Rasterises a badge SVG to PNG for baking: wallets and sites that show a baked badge expect a
 * PNG. Uses the machine's fonts (the badge text names a common sans-serif stack).
 */
export function renderSvgToPng(svg: string, width = 512): Uint8Array {
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  return new Uint8Array(png);
}
