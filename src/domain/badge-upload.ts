/**
 * Checks an uploaded badge image before it is stored and embedded in credentials. Only PNG and
 * SVG are accepted. The type comes from the bytes, never from what the client claims, and an SVG
 * is rebuilt from an allowlist: badge images end up in wallets, verifiers and other people's
 * pages, so nothing in them may run script or fetch anything.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { DomainError } from './errors.js';

export const BADGE_UPLOAD_MAX_BYTES = 1024 * 1024;
export const BADGE_UPLOAD_MIN_PX = 64;
export const BADGE_UPLOAD_MAX_PX = 2048;
/** What an SVG with a viewBox but no width or height is taken to measure along its longer side. */
export const SVG_DEFAULT_PX = 512;

export type BadgeImageType = 'image/png' | 'image/svg+xml';

export interface CheckedBadgeImage {
  type: BadgeImageType;
  /** For SVG, the sanitised document; for PNG, the file up to and including its IEND chunk. */
  bytes: Uint8Array;
  width: number;
  height: number;
}

export class ImageTypeNotAllowed extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'image-type-not-allowed';
  readonly title = 'Image type not allowed';
}

export class ImageTooLarge extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'image-too-large';
  readonly title = 'Image file too large';

  constructor(bytes: number) {
    super(
      `The image is ${formatKiB(bytes)}; badge images may be at most 1 MiB (${formatKiB(BADGE_UPLOAD_MAX_BYTES)}). ` +
        'Export it smaller or compress it, then upload it again.',
      { bytes, maxBytes: BADGE_UPLOAD_MAX_BYTES },
    );
  }
}

export class ImageDimensionsOutOfRange extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'image-dimensions-out-of-range';
  readonly title = 'Image dimensions out of range';

  constructor(width: number, height: number) {
    super(
      `The image measures ${formatPx(width)}×${formatPx(height)} px; each side must be from ${BADGE_UPLOAD_MIN_PX} to ` +
        `${BADGE_UPLOAD_MAX_PX} px (512×512 suits most badges). Resize it and upload it again.`,
      { width, height, minPx: BADGE_UPLOAD_MIN_PX, maxPx: BADGE_UPLOAD_MAX_PX },
    );
  }
}

export class ImageCorrupt extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'image-corrupt';
  readonly title = 'Image file damaged';
}

/**
 * @param declaredType the client's Content-Type, if any. Types other than PNG and SVG are ignored
 *   (browsers and tools often send `application/octet-stream`), but naming one of the two for a
 *   file that is the other is refused, since something upstream is confused or lying.
 * @throws ImageTooLarge | ImageTypeNotAllowed | ImageCorrupt | ImageDimensionsOutOfRange
 */
export function checkBadgeUpload(bytes: Uint8Array, declaredType?: string): CheckedBadgeImage {
  if (bytes.length > BADGE_UPLOAD_MAX_BYTES) throw new ImageTooLarge(bytes.length);
  if (bytes.length === 0) {
    throw new ImageCorrupt('The file is empty. Choose a PNG or SVG image and upload it again.');
  }

  const sniffed = sniffType(bytes);
  const declared = normaliseDeclaredType(declaredType);
  if (declared !== undefined && sniffed !== undefined && declared !== sniffed) {
    throw new ImageTypeNotAllowed(
      `The file was sent as ${declared} but its content is ${describe(sniffed)}. ` +
        `Upload it as ${sniffed}, or check that you chose the right file.`,
      { declaredType: declared, detectedType: sniffed },
    );
  }
  switch (sniffed) {
    case 'image/png':
      return checkPng(bytes);
    case 'image/svg+xml':
      return checkSvg(bytes);
    case undefined:
      throw new ImageTypeNotAllowed(notPngOrSvgMessage(bytes));
  }
}

// ---------------------------------------------------------------------------------------------
// Sniffing

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** PNG by its signature; "maybe SVG" for anything that opens like markup (checked properly later). */
function sniffType(bytes: Uint8Array): BadgeImageType | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  let i = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
  while (i < bytes.length && isXmlSpace(bytes[i] ?? 0)) i++;
  return bytes[i] === 0x3c /* < */ ? 'image/svg+xml' : undefined;
}

function normaliseDeclaredType(declaredType: string | undefined): BadgeImageType | undefined {
  const essence = declaredType?.split(';')[0]?.trim().toLowerCase();
  if (essence === 'image/png' || essence === 'image/x-png') return 'image/png';
  if (essence === 'image/svg+xml') return 'image/svg+xml';
  return undefined;
}

function notPngOrSvgMessage(bytes: Uint8Array): string {
  const found = startsWith(bytes, [0xff, 0xd8, 0xff])
    ? 'a JPEG image'
    : startsWith(bytes, [0x47, 0x49, 0x46, 0x38])
      ? 'a GIF image'
      : startsWith(bytes, [0x52, 0x49, 0x46, 0x46])
        ? 'a WebP (or other RIFF) file'
        : startsWith(bytes, [0x1f, 0x8b])
          ? 'a compressed file (an .svgz?)'
          : startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe])
            ? 'UTF-16 text (save SVGs as UTF-8)'
            : 'neither a PNG nor an SVG image';
  return `This file is ${found}. Badge images must be PNG or SVG; convert it and upload it again.`;
}

function describe(type: BadgeImageType): string {
  return type === 'image/png' ? 'a PNG image' : 'markup (SVG or other XML)';
}

// ---------------------------------------------------------------------------------------------
// PNG: walk the chunks so a truncated or damaged file is refused here, not by a learner's wallet.

const PNG_VALID_BIT_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16], // greyscale
  2: [8, 16], // truecolour
  3: [1, 2, 4, 8], // indexed
  4: [8, 16], // greyscale + alpha
  6: [8, 16], // truecolour + alpha
};

function checkPng(bytes: Uint8Array): CheckedBadgeImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string): ImageCorrupt =>
    new ImageCorrupt(
      `The PNG is damaged (${why}). Export it again from your image editor and upload the new file.`,
    );

  let offset = PNG_SIGNATURE.length;
  let width = 0;
  let height = 0;
  let sawImageData = false;
  for (let index = 0; ; index++) {
    if (offset + 12 > bytes.length) throw corrupt('it ends before its last chunk; the file may be truncated');
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) {
      throw corrupt(`its ${printable(type)} chunk is cut short; the file may be truncated`);
    }
    const storedCrc = view.getUint32(end - 4);
    if (crc32(bytes.subarray(offset + 4, end - 4)) !== storedCrc) {
      throw corrupt(`its ${printable(type)} chunk fails its checksum`);
    }

    if (index === 0) {
      if (type !== 'IHDR' || length !== 13) throw corrupt('it does not start with an image header');
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const bitDepth = bytes[offset + 16] ?? -1;
      const colourType = bytes[offset + 17] ?? -1;
      if (!(PNG_VALID_BIT_DEPTHS[colourType]?.includes(bitDepth) ?? false)) {
        throw corrupt('its header is invalid');
      }
    } else if (type === 'IHDR') {
      throw corrupt('it has a second image header');
    }
    if (type === 'IDAT') sawImageData = true;
    offset = end;
    if (type === 'IEND') break;
  }
  if (!sawImageData) throw corrupt('it holds no image data');
  checkDimensions(width, height);
  // Anything after IEND is never displayed, so it can only be a payload riding along: drop it.
  return { type: 'image/png', bytes: bytes.slice(0, offset), width, height };
}

function printable(chunkType: string): string {
  return /^[A-Za-z]{4}$/.test(chunkType) ? chunkType : 'unknown';
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// SVG: parse with saxes, keep what the allowlists name, and write a new document from that.

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Elements that only draw. Anything else is dropped together with its content. */
// prettier-ignore
const KEPT_ELEMENTS = new Set([
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc',
  'defs', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'use', 'symbol', 'style', 'pattern', 'marker',
  // Filter primitives, for drop shadows and glows; feImage (which loads a URL) is deliberately absent.
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feDropShadow', 'feFlood', 'feFuncA',
  'feFuncB', 'feFuncG', 'feFuncR', 'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset',
]);

/** Wrappers whose own tag goes but whose drawing stays: links, and Illustrator's `<switch>`. */
const UNWRAPPED_ELEMENTS = new Set(['a', 'switch']);

/** Only these elements may keep an href, and then only a `#fragment` into the same document. */
const HREF_ELEMENTS = new Set(['use', 'linearGradient', 'radialGradient', 'pattern', 'filter']);

/** Un-namespaced attributes that describe geometry or appearance. Event handlers are never here. */
// prettier-ignore
const KEPT_ATTRIBUTES = new Set([
  // identity and structure
  'id', 'class', 'style', 'viewBox', 'preserveAspectRatio', 'version', 'transform', 'lang', 'role', 'href',
  // geometry
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'width', 'height', 'd', 'points',
  'pathLength', 'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'offset',
  // presentation
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'opacity', 'color', 'display', 'visibility',
  'clip-path', 'clip-rule', 'mask', 'filter', 'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant',
  'font-stretch', 'letter-spacing', 'word-spacing', 'text-anchor', 'text-decoration', 'dominant-baseline',
  'alignment-baseline', 'baseline-shift', 'writing-mode', 'direction', 'unicode-bidi', 'stop-color', 'stop-opacity',
  'paint-order', 'vector-effect', 'shape-rendering', 'text-rendering', 'color-interpolation',
  'color-interpolation-filters', 'flood-color', 'flood-opacity', 'lighting-color', 'overflow', 'transform-origin',
  'marker-start', 'marker-mid', 'marker-end', 'isolation', 'mix-blend-mode',
  // gradients, clips, masks, patterns, markers
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'clipPathUnits', 'maskUnits', 'maskContentUnits',
  'patternUnits', 'patternContentUnits', 'patternTransform', 'markerUnits', 'markerWidth', 'markerHeight', 'refX',
  'refY', 'orient',
  // filters
  'filterUnits', 'primitiveUnits', 'in', 'in2', 'result', 'stdDeviation', 'mode', 'operator', 'k1', 'k2', 'k3', 'k4',
  'values', 'type', 'tableValues', 'slope', 'intercept', 'amplitude', 'exponent', 'radius', 'media',
]);

const LOCAL_FRAGMENT = /^#[A-Za-z_][\w.:-]*$/;
/** Deeper than any drawing needs; keeps the rebuilt tree's recursion bounded. */
const MAX_NESTING = 256;

interface SvgElement {
  name: string;
  attributes: [string, string][];
  children: (SvgElement | string)[];
}

type Frame = { kind: 'keep'; element: SvgElement } | { kind: 'drop' } | { kind: 'unwrap' };

function checkSvg(bytes: Uint8Array): CheckedBadgeImage {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImageCorrupt(
      'The SVG is not valid UTF-8 text. Save it as UTF-8 (plain SVG) and upload it again.',
    );
  }
  const root = parseSvg(text.trimStart());
  dropNestedUses(root);
  const { width, height } = svgDimensions(root);
  checkDimensions(width, height);
  const sanitised = new TextEncoder().encode(serialise(root));
  return { type: 'image/svg+xml', bytes: sanitised, width: Math.round(width), height: Math.round(height) };
}

function parseSvg(text: string): SvgElement {
  const parser = new SaxesParser({ xmlns: true });
  const frames: Frame[] = [];
  let root: SvgElement | undefined;
  let dropping = 0; // open elements at or inside a dropped one

  const keptParent = (): SvgElement | undefined => {
    for (let i = frames.length - 1; i >= 0; i--) {
      const frame = frames[i];
      if (frame?.kind === 'keep') return frame.element;
    }
    return undefined;
  };

  parser.on('xmldecl', (decl) => {
    const encoding = decl.encoding?.toLowerCase();
    if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'us-ascii') {
      throw new ImageTypeNotAllowed(
        `The SVG declares the ${decl.encoding ?? ''} encoding. Save it as UTF-8 and upload it again.`,
      );
    }
  });
  parser.on('doctype', () => {
    // A DTD can declare entities that expand exponentially ("billion laughs") or fetch files.
    throw new ImageTypeNotAllowed(
      'The SVG contains a <!DOCTYPE> declaration, which badge images may not have. ' +
        'Delete the <!DOCTYPE …> line (or export as "plain SVG") and upload it again.',
    );
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (root === undefined) {
      if (tag.uri !== SVG_NS || tag.local !== 'svg') {
        throw new ImageTypeNotAllowed(
          `This XML file is not an SVG image (its outermost element is <${tag.name}>` +
            `${tag.local === 'svg' ? ' without the SVG namespace' : ''}). Upload a PNG or SVG image.`,
        );
      }
    }
    if (frames.length >= MAX_NESTING) {
      throw new ImageCorrupt(
        `The SVG nests elements more than ${MAX_NESTING} deep. Simplify the drawing and upload it again.`,
      );
    }
    const parent = keptParent();
    const inStyle = parent?.name === 'style';
    if (dropping > 0 || inStyle || tag.uri !== SVG_NS) {
      dropping++;
      frames.push({ kind: 'drop' });
    } else if (UNWRAPPED_ELEMENTS.has(tag.local)) {
      frames.push({ kind: 'unwrap' });
    } else if (!KEPT_ELEMENTS.has(tag.local)) {
      dropping++;
      frames.push({ kind: 'drop' });
    } else {
      const element = { name: tag.local, attributes: keptAttributes(tag), children: [] };
      if (
        element.name === 'use' &&
        !element.attributes.some(([name]) => name === 'href' || name === 'xlink:href')
      ) {
        // A <use> without a local reference either draws nothing or pulls in someone else's file.
        dropping++;
        frames.push({ kind: 'drop' });
        return;
      }
      if (root === undefined) root = element;
      else parent?.children.push(element);
      frames.push({ kind: 'keep', element });
    }
  });
  parser.on('closetag', () => {
    const frame = frames.pop();
    if (frame?.kind === 'drop') dropping--;
    if (frame?.kind === 'keep' && frame.element.name === 'style') {
      checkStyleElement(frame.element, keptParent());
    }
  });
  const onText = (content: string): void => {
    if (dropping > 0) return;
    keptParent()?.children.push(content);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  // Comments and processing instructions (e.g. <?xml-stylesheet?>) are simply not copied.

  try {
    parser.write(text).close();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ImageCorrupt(
      `The SVG is not well-formed XML (${reason}). Export it again and upload the new file.`,
    );
  }
  if (root === undefined) throw new ImageCorrupt('The file has no <svg> element. Upload a PNG or SVG image.');
  return root;
}

function keptAttributes(tag: SaxesTagNS): [string, string][] {
  const kept: [string, string][] = [];
  for (const attribute of Object.values(tag.attributes)) {
    const { uri, local, value } = attribute;
    let name: string;
    if (uri === '' && KEPT_ATTRIBUTES.has(local)) name = local;
    else if (uri === '' && /^aria-[a-z]+$/.test(local)) name = local;
    else if (uri === XLINK_NS && local === 'href') name = 'xlink:href';
    else if (uri === XML_NS && (local === 'space' || local === 'lang')) name = `xml:${local}`;
    else continue; // xmlns declarations are rewritten; everything else is not ours to keep

    if (name === 'href' || name === 'xlink:href') {
      if (!HREF_ELEMENTS.has(tag.local) || !LOCAL_FRAGMENT.test(value.trim())) continue;
    } else if (name === 'style') {
      if (!isSafeCss(value)) continue;
    } else if (!isSafeAttributeValue(value)) {
      continue;
    }
    kept.push([name, name === 'href' || name === 'xlink:href' ? value.trim() : value]);
  }
  return kept;
}

/** Removing whitespace and controls first catches "java\tscript:" and friends. */
function mentionsJavascript(value: string): boolean {
  return /javascript:|vbscript:/i.test(value.replace(/[\s\u0000-\u001f]+/g, ''));
}

/** url(…) may point only inside the document: external ones fetch, and so track who views the badge. */
function onlyLocalUrls(value: string): boolean {
  const lowered = value.toLowerCase();
  let from = 0;
  for (;;) {
    const start = lowered.indexOf('url(', from);
    if (start === -1) return true;
    const close = value.indexOf(')', start);
    if (close === -1) return false;
    const target = value
      .slice(start + 4, close)
      .trim()
      .replace(/^(['"])(.*)\1$/, '$2');
    if (!LOCAL_FRAGMENT.test(target)) return false;
    from = close + 1;
  }
}

function isSafeAttributeValue(value: string): boolean {
  return !mentionsJavascript(value) && onlyLocalUrls(value);
}

/**
 * Conservative rather than clever: CSS that imports, loads fonts or images, or uses escapes (which
 * can spell any of those) is refused outright instead of being rewritten.
 */
function isSafeCss(css: string): boolean {
  const withoutComments = css.replace(/\/\*[\s\S]*?(\*\/|$)/g, '');
  return [css, withoutComments].every((candidate) => {
    const lowered = candidate.toLowerCase();
    return (
      !candidate.includes('\\') &&
      !/@import|@font-face|@namespace|expression\s*\(|image-set\s*\(|(^|[^\w-])src\s*\(|-moz-binding|behaviou?r\s*:/.test(
        lowered,
      ) &&
      !mentionsJavascript(candidate) &&
      onlyLocalUrls(candidate)
    );
  });
}

/** A <style> element is kept only when its whole text passes; otherwise it goes, with its rules. */
function checkStyleElement(style: SvgElement, parent: SvgElement | undefined): void {
  const css = style.children.filter((c) => typeof c === 'string').join('');
  const type = style.attributes
    .find(([name]) => name === 'type')?.[1]
    .trim()
    .toLowerCase();
  if (isSafeCss(css) && (type === undefined || type === '' || type === 'text/css')) return;
  if (parent !== undefined) parent.children = parent.children.filter((child) => child !== style);
}

/**
 * A <use> that points at something containing another <use> can multiply the drawing
 * exponentially (the SVG cousin of "billion laughs") or loop; such uses are dropped.
 */
function dropNestedUses(root: SvgElement): void {
  const byId = new Map<string, SvgElement[]>();
  const containsUse = new Map<SvgElement, boolean>();
  const visit = (element: SvgElement): boolean => {
    let found = element.name === 'use';
    for (const child of element.children) if (typeof child !== 'string' && visit(child)) found = true;
    containsUse.set(element, found);
    const id = element.attributes.find(([name]) => name === 'id')?.[1];
    if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), element]);
    return found;
  };
  visit(root);

  const prune = (element: SvgElement): void => {
    element.children = element.children.filter((child) => {
      if (typeof child === 'string') return true;
      if (child.name === 'use') {
        const refs = child.attributes.filter(([name]) => name === 'href' || name === 'xlink:href');
        return refs.every(
          ([, ref]) => !(byId.get(ref.slice(1)) ?? []).some((target) => containsUse.get(target)),
        );
      }
      prune(child);
      return true;
    });
  };
  prune(root);
}

// ---------------------------------------------------------------------------------------------
// SVG size

const UNIT_TO_PX: Readonly<Record<string, number>> = {
  '': 1,
  px: 1,
  pt: 4 / 3,
  pc: 16,
  mm: 96 / 25.4,
  cm: 96 / 2.54,
  in: 96,
};

function svgDimensions(root: SvgElement): { width: number; height: number } {
  const attribute = (name: string): string | undefined => root.attributes.find(([n]) => n === name)?.[1];
  const width = lengthInPx(attribute('width'));
  const height = lengthInPx(attribute('height'));
  const viewBox = parseViewBox(attribute('viewBox'));

  if (width !== undefined && height !== undefined) return { width, height };
  if (viewBox !== undefined) {
    const aspect = viewBox.width / viewBox.height;
    if (width !== undefined) return { width, height: width / aspect };
    if (height !== undefined) return { width: height * aspect, height };
    return aspect >= 1
      ? { width: SVG_DEFAULT_PX, height: SVG_DEFAULT_PX / aspect }
      : { width: SVG_DEFAULT_PX * aspect, height: SVG_DEFAULT_PX };
  }
  return { width: width ?? SVG_DEFAULT_PX, height: height ?? SVG_DEFAULT_PX };
}

/** Absolute lengths only; percentages and font-relative units say nothing about size on their own. */
function lengthInPx(value: string | undefined): number | undefined {
  const match = value?.trim().match(/^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|pt|pc|mm|cm|in)?$/i);
  if (!match) return undefined;
  const factor = UNIT_TO_PX[(match[2] ?? '').toLowerCase()] ?? 1;
  return Number(match[1]) * factor;
}

function parseViewBox(value: string | undefined): { width: number; height: number } | undefined {
  const parts = value
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (parts?.length !== 4 || parts.some((n) => !Number.isFinite(n))) return undefined;
  const [, , width = 0, height = 0] = parts;
  if (width <= 0 || height <= 0) {
    throw new ImageCorrupt(
      'The SVG has a viewBox with no area. Fix its width and height and upload it again.',
    );
  }
  return { width, height };
}

function checkDimensions(width: number, height: number): void {
  const inRange = (n: number): boolean => n >= BADGE_UPLOAD_MIN_PX && n <= BADGE_UPLOAD_MAX_PX;
  if (!inRange(width) || !inRange(height)) throw new ImageDimensionsOutOfRange(width, height);
}

// ---------------------------------------------------------------------------------------------
// Writing the kept tree back out

function serialise(root: SvgElement): string {
  const usesXlink = (element: SvgElement): boolean =>
    element.attributes.some(([name]) => name === 'xlink:href') ||
    element.children.some((child) => typeof child !== 'string' && usesXlink(child));
  const namespaces: [string, string][] = [['xmlns', SVG_NS]];
  if (usesXlink(root)) namespaces.push(['xmlns:xlink', XLINK_NS]);
  return writeElement({ ...root, attributes: [...namespaces, ...root.attributes] });
}

function writeElement(element: SvgElement): string {
  const attributes = element.attributes
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  if (element.children.length === 0) return `<${element.name}${attributes}/>`;
  const content = element.children.map((child) =>
    typeof child === 'string' ? escapeText(child) : writeElement(child),
  );
  return `<${element.name}${attributes}>${content.join('')}</${element.name}>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

// ---------------------------------------------------------------------------------------------

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function isXmlSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/** In KiB, rounded up, so a file one byte over the limit does not read as exactly at it. */
function formatKiB(bytes: number): string {
  return `${Math.ceil(bytes / 1024).toLocaleString('en')} KiB`;
}

function formatPx(px: number): string {
  return String(Math.round(px * 10) / 10);
}
