/**
 * Open Badges 3.0 baking: embed a credential (JSON with an embedded proof, or a compact JWS)
 * in a PNG `iTXt` chunk or an SVG `<openbadges:credential>` element, and read it back.
 * Pure functions over bytes and strings.
 * @see https://www.imsglobal.org/spec/ob/v3p0 §Baking
 */
import { DomainError } from '../domain/errors.js';

export const PNG_KEYWORD = 'openbadgecredential';
export const OB3_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** The image is not a well-formed PNG or SVG. */
export class CorruptBadgeImage extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'corrupt-badge-image';
  readonly title = 'Badge image is corrupt';
}

/** The image carries an Open Badges 2.0 assertion, not an OB 3.0 credential. */
export class NotOb3Badge extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'not-ob3-badge';
  readonly title = 'Badge is not Open Badges 3.0';

  constructor(format: 'png' | 'svg') {
    super(
      format === 'png'
        ? 'This PNG carries an Open Badges 2.0 "openbadges" chunk, not an Open Badges 3.0 credential.'
        : 'This SVG carries an Open Badges 2.0 <openbadges:assertion>, not an Open Badges 3.0 credential.',
      { format },
    );
  }
}

// ---------------------------------------------------------------- CRC-32 (ISO 3309 / PNG)

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as used by PNG, zlib and gzip. */
export function crc32(bytes: Uint8Array, seed = 0): number {
  let c = ~seed >>> 0;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

// ---------------------------------------------------------------- PNG

interface Chunk {
  type: string;
  data: Uint8Array;
}

function readChunks(png: Uint8Array): Chunk[] {
  if (png.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => png[i] !== b)) {
    throw new CorruptBadgeImage('Not a PNG: the 8-byte PNG signature is missing.');
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset < png.length) {
    if (offset + 12 > png.length)
      throw new CorruptBadgeImage(`PNG is truncated inside a chunk header at byte ${offset}.`);
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > png.length) {
      throw new CorruptBadgeImage(
        `PNG is truncated: a chunk at byte ${offset} runs past the end of the file.`,
      );
    }
    const typeBytes = png.subarray(offset + 4, offset + 8);
    const type = String.fromCharCode(...typeBytes);
    if (!/^[A-Za-z]{4}$/.test(type))
      throw new CorruptBadgeImage(`PNG has an invalid chunk type at byte ${offset}.`);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const expected = view.getUint32(offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== expected) {
      throw new CorruptBadgeImage(`PNG chunk ${type} at byte ${offset} has a bad CRC.`);
    }
    chunks.push({ type, data });
    offset = end;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw new CorruptBadgeImage('PNG does not start with an IHDR chunk.');
  if (chunks.at(-1)?.type !== 'IEND') throw new CorruptBadgeImage('PNG is truncated: no IEND chunk.');
  return chunks;
}

function writeChunks(chunks: readonly Chunk[]): Uint8Array {
  const size = PNG_SIGNATURE.length + chunks.reduce((n, c) => n + 12 + c.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(PNG_SIGNATURE, 0);
  let offset = PNG_SIGNATURE.length;
  for (const { type, data } of chunks) {
    view.setUint32(offset, data.length);
    for (let i = 0; i < 4; i++) out[offset + 4 + i] = type.charCodeAt(i);
    out.set(data, offset + 8);
    view.setUint32(offset + 8 + data.length, crc32(out.subarray(offset + 4, offset + 8 + data.length)));
    offset += 12 + data.length;
  }
  return out;
}

interface TextChunk {
  keyword: string;
  compressed: boolean;
  text: Uint8Array;
}

/** Parses iTXt (or tEXt) far enough to see its keyword and text. */
function parseTextChunk(chunk: Chunk): TextChunk | undefined {
  const { data } = chunk;
  const nul = data.indexOf(0);
  if (nul < 1) return undefined;
  const keyword = String.fromCharCode(...data.subarray(0, nul));
  if (chunk.type === 'tEXt') return { keyword, compressed: false, text: data.subarray(nul + 1) };
  if (chunk.type !== 'iTXt') return undefined;
  const compressed = data[nul + 1] === 1;
  const languageEnd = data.indexOf(0, nul + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (nul + 3 > data.length || translatedEnd < 0) {
    throw new CorruptBadgeImage(`PNG iTXt chunk "${keyword}" is malformed.`);
  }
  return { keyword, compressed, text: data.subarray(translatedEnd + 1) };
}

function isOb3Chunk(chunk: Chunk): boolean {
  return chunk.type === 'iTXt' && parseTextChunk(chunk)?.keyword === PNG_KEYWORD;
}

function credentialText(credential: string | object): string {
  return typeof credential === 'string' ? credential : JSON.stringify(credential);
}

/**
 * Bakes `credential` (a compact JWS, JSON text, or an object to serialise) into the PNG as an
 * uncompressed `iTXt` chunk just before IEND, replacing any earlier `openbadgecredential` chunk.
 * @throws CorruptBadgeImage
 */
export function bakePng(png: Uint8Array, credential: string | object): Uint8Array {
  const chunks = readChunks(png).filter((c) => !isOb3Chunk(c));
  const encoder = new TextEncoder();
  const keyword = encoder.encode(PNG_KEYWORD);
  const text = encoder.encode(credentialText(credential));
  // keyword \0, compression flag 0, method 0, empty language \0, empty translated keyword \0, text
  const data = new Uint8Array(keyword.length + 5 + text.length);
  data.set(keyword, 0);
  data.set(text, keyword.length + 5);
  const iTXt: Chunk = { type: 'iTXt', data };
  chunks.splice(chunks.length - 1, 0, iTXt);
  return writeChunks(chunks);
}

/**
 * The text of the first `openbadgecredential` iTXt chunk, or undefined when the PNG has none.
 * @throws CorruptBadgeImage for a bad signature, CRC or truncation; NotOb3Badge for an OB 2.0 image.
 */
export function unbakePng(png: Uint8Array): string | undefined {
  let ob2 = false;
  for (const chunk of readChunks(png)) {
    const text = parseTextChunk(chunk);
    if (text === undefined) continue;
    if (text.keyword === PNG_KEYWORD && chunk.type === 'iTXt') {
      if (text.compressed) {
        throw new CorruptBadgeImage(
          'The openbadgecredential chunk is compressed; Open Badges 3.0 forbids that.',
        );
      }
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(text.text);
      } catch {
        throw new CorruptBadgeImage('The openbadgecredential chunk is not valid UTF-8.');
      }
    }
    if (text.keyword === 'openbadges') ob2 = true;
  }
  if (ob2) throw new NotOb3Badge('png');
  return undefined;
}

// ---------------------------------------------------------------- SVG

const escapeAttribute = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

/** Start and end (exclusive) of the root `<svg …>` start tag, skipping prolog, comments and doctype. */
function findSvgStartTag(svg: string): { start: number; end: number; selfClosing: boolean } {
  let i = 0;
  for (;;) {
    const lt = svg.indexOf('<', i);
    if (lt < 0) throw new CorruptBadgeImage('Not an SVG: no <svg> element found.');
    const skip = (close: string) => {
      const at = svg.indexOf(close, lt);
      if (at < 0) throw new CorruptBadgeImage('SVG is truncated inside its prolog.');
      return at + close.length;
    };
    if (svg.startsWith('<?', lt)) i = skip('?>');
    else if (svg.startsWith('<!--', lt)) i = skip('-->');
    else if (svg.startsWith('<!', lt)) i = skip('>');
    else if (/^<svg[\s/>]/.test(svg.slice(lt, lt + 5))) {
      let quote: string | undefined;
      for (let j = lt + 4; j < svg.length; j++) {
        const ch = svg[j];
        if (quote !== undefined) {
          if (ch === quote) quote = undefined;
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') return { start: lt, end: j + 1, selfClosing: svg[j - 1] === '/' };
      }
      throw new CorruptBadgeImage('SVG is truncated inside the <svg> start tag.');
    } else throw new CorruptBadgeImage('Not an SVG: the root element is not <svg>.');
  }
}

/** An OB 3.0 credential element, or an OB 2.0 assertion element being upgraded. */
const CREDENTIAL_ELEMENT =
  /<openbadges:(credential|assertion)\b[^>]*?(?:\/>|>[\s\S]*?<\/openbadges:\1\s*>)\s*/g;

/**
 * Bakes `credential` into the SVG: a compact JWS goes in `verify="…"`, JSON in CDATA.
 * Declares the OB 3.0 namespace on the root and replaces any earlier credential (or OB 2.0 assertion) element.
 * @throws CorruptBadgeImage
 */
export function bakeSvg(svgText: string, credential: string | object): string {
  const text = credentialText(credential).trim();
  const element = COMPACT_JWS.test(text)
    ? `<openbadges:credential verify="${escapeAttribute(text)}"/>`
    : `<openbadges:credential><![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]></openbadges:credential>`;

  const cleaned = svgText.replace(CREDENTIAL_ELEMENT, '');
  const tag = findSvgStartTag(cleaned);
  let startTag = cleaned.slice(tag.start, tag.end);
  const ns = `xmlns:openbadges="${OB3_SVG_NAMESPACE}"`;
  if (/\sxmlns:openbadges\s*=/.test(startTag)) {
    startTag = startTag.replace(/\sxmlns:openbadges\s*=\s*("[^"]*"|'[^']*')/, ` ${ns}`);
  } else {
    startTag = startTag.replace(/^<svg/, `<svg ${ns}`);
  }
  if (tag.selfClosing) {
    startTag = startTag.replace(/\s*\/>$/, '>');
    return cleaned.slice(0, tag.start) + startTag + element + '</svg>' + cleaned.slice(tag.end);
  }
  return cleaned.slice(0, tag.start) + startTag + element + cleaned.slice(tag.end);
}

/**
 * The credential text (compact JWS or JSON) of the first `<openbadges:credential>`, or undefined.
 * @throws NotOb3Badge when the SVG holds an OB 2.0 `<openbadges:assertion>`; CorruptBadgeImage for a broken element.
 */
export function unbakeSvg(svgText: string): string | undefined {
  const match = /<openbadges:credential\b([^>]*?)(\/>|>([\s\S]*?)<\/openbadges:credential\s*>)/.exec(svgText);
  if (match === null) {
    if (/<openbadges:assertion\b/.test(svgText)) throw new NotOb3Badge('svg');
    if (/<openbadges:credential\b/.test(svgText)) {
      throw new CorruptBadgeImage('The <openbadges:credential> element is not closed.');
    }
    return undefined;
  }
  const attributes = match[1] ?? '';
  const verify = /\sverify\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attributes);
  if (verify !== null) return decodeEntities(verify[1] ?? verify[2] ?? '');
  const body = match[3] ?? '';
  let out = '';
  let rest = body;
  for (;;) {
    const open = rest.indexOf('<![CDATA[');
    if (open < 0) {
      out += decodeEntities(rest);
      break;
    }
    out += decodeEntities(rest.slice(0, open));
    const close = rest.indexOf(']]>', open + 9);
    if (close < 0) throw new CorruptBadgeImage('A CDATA section in <openbadges:credential> is not closed.');
    out += rest.slice(open + 9, close);
    rest = rest.slice(close + 3);
  }
  const text = out.trim();
  return text === '' ? undefined : text;
}
