/**
 * The default badge image: a self-contained SVG drawn from an achievement's `BadgeDesign`, used
 * until (or instead of) an uploaded image. Pure string building, so the server, the CLI and tests
 * all produce byte-identical badges.
 */
import type { BadgeDesign } from './achievements.js';
import { InvalidInput } from './errors.js';

export const BADGE_SHAPES = [
  'hexagon',
  'circle',
  'shield',
  'rounded-square',
] as const satisfies readonly BadgeDesign['shape'][];

/**
 * Eight colours that each carry white text at a WCAG contrast of at least 4.5:1, chosen to be
 * told apart from one another when badges sit side by side.
 */
export const BADGE_PALETTE = [
  '#0f766e', // teal
  '#4338ca', // indigo
  '#b91c1c', // crimson
  '#15803d', // green
  '#7e22ce', // purple
  '#1d4ed8', // blue
  '#b45309', // amber
  '#334155', // slate
] as const;

export interface BadgeSvgInput {
  design: BadgeDesign;
  title: string;
  /** Human code, e.g. "IAM-101". */
  code: string;
  level: number;
  credits: number;
  issuerName?: string;
}

const SIZE = 512;
const CENTRE = SIZE / 2;
const WHITE = '#ffffff';
const NEAR_BLACK = '#111111';
const FONT_STACK =
  "system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Helvetica Neue', Arial, sans-serif";
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** @throws InvalidInput when the shape is unknown or the colour is not #rrggbb. Returns the colour in lower case. */
export function checkBadgeDesign(design: { shape: string; colour: string }): BadgeDesign {
  const shape = BADGE_SHAPES.find((s) => s === design.shape);
  if (shape === undefined) {
    throw new InvalidInput('badge.shape', `Choose a badge shape: ${BADGE_SHAPES.join(', ')}.`);
  }
  if (!HEX_COLOUR.test(design.colour)) {
    throw new InvalidInput('badge.colour', 'Give the badge colour as # and six hex digits, e.g. #0f766e.');
  }
  return { shape, colour: design.colour.toLowerCase() };
}

/** The same seed (an achievement id or code) always gets the same palette colour. */
export function defaultBadgeColour(seed: string): string {
  // FNV-1a: tiny, stable across runtimes, and spreads short similar codes (IAM-101, IAM-102) well.
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return BADGE_PALETTE[(hash >>> 0) % BADGE_PALETTE.length] ?? BADGE_PALETTE[0];
}

/** WCAG 2.x contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (lighter + 0.05) / (darker + 0.05);
}

/** White or near-black, whichever reads better on `background`. */
export function readableTextColour(background: string): string {
  return contrastRatio(background, WHITE) >= contrastRatio(background, NEAR_BLACK) ? WHITE : NEAR_BLACK;
}

/** @throws InvalidInput for a bad design, or a level or credit count that is not a whole number. */
export function renderBadgeSvg({ design, title, code, level, credits, issuerName }: BadgeSvgInput): string {
  const { shape, colour } = checkBadgeDesign(design);
  if (!Number.isInteger(level) || level < 0) {
    throw new InvalidInput('level', 'Give the level as a whole number.');
  }
  if (!Number.isInteger(credits) || credits < 0) {
    throw new InvalidInput('credits', 'Give the credits as a whole number.');
  }

  const rim = darken(colour, 0.35);
  const ribbon = darken(colour, 0.25);
  const ribbonTail = darken(colour, 0.5);
  const ink = readableTextColour(colour);
  const ribbonInk = readableTextColour(ribbon);

  const cleanTitle = cleanText(title);
  const cleanCode = cleanText(code);
  const cleanIssuer = issuerName === undefined ? '' : cleanText(issuerName);
  const creditsLabel = `${credits} ${credits === 1 ? 'credit' : 'credits'}`;
  const ribbonLabel = `Level ${level} · ${creditsLabel}`;
  const label = [
    `${cleanCode === '' ? '' : `${cleanCode}: `}${cleanTitle}`,
    `Level ${level}, ${creditsLabel}`,
    cleanIssuer === '' ? '' : `Issued by ${cleanIssuer}`,
  ]
    .filter((part) => part !== '')
    .join('. ');
  const shortLabel = capGraphemes(label, LABEL_MAX_GRAPHEMES);

  const text = layoutText(cleanIssuer, cleanCode, cleanTitle);
  const textElements = text.map(
    (line) =>
      `<text x="${CENTRE}" y="${fmt(line.baseline)}" font-size="${line.fontSize}" font-weight="${line.weight}"${
        line.opacity === 1 ? '' : ` fill-opacity="${line.opacity}"`
      }>${escapeXml(line.text)}</text>`,
  );

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}" role="img" aria-label="${escapeXml(shortLabel)}">`,
    `<title>${escapeXml(shortLabel)}</title>`,
    shapeElement(shape, 1, `fill="${colour}" stroke="${rim}" stroke-width="16" stroke-linejoin="round"`),
    // A fine inner ring in the text colour gives the face an edge without another colour to check.
    shapeElement(shape, 0.86, `fill="none" stroke="${ink}" stroke-opacity="0.35" stroke-width="3"`),
    `<g font-family="${FONT_STACK}" text-anchor="middle" fill="${ink}">`,
    ...textElements,
    '</g>',
    ribbonElements(ribbon, ribbonTail, ribbonInk, ribbonLabel),
    '</svg>',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Shapes. Each is described about the centre at full size (reaching about 236 px from it) and
// scaled by `s`, so the inner ring is the same outline drawn smaller.

function shapeElement(shape: BadgeDesign['shape'], s: number, attributes: string): string {
  return `<path d="${shapePath(shape, s)}" ${attributes}/>`;
}

function shapePath(shape: BadgeDesign['shape'], s: number): string {
  const pt = (x: number, y: number): string => `${fmt(CENTRE + x * s)} ${fmt(CENTRE + y * s)}`;
  const len = (v: number): string => fmt(v * s);
  switch (shape) {
    case 'circle': {
      const r = len(232);
      return `M ${pt(0, -232)} A ${r} ${r} 0 1 1 ${pt(0, 232)} A ${r} ${r} 0 1 1 ${pt(0, -232)} Z`;
    }
    case 'hexagon': {
      // Pointy-top, so the ribbon crosses the two lower slanted sides like a sash.
      const corners = [0, 1, 2, 3, 4, 5].map((k) => {
        const angle = ((-90 + 60 * k) * Math.PI) / 180;
        return pt(236 * Math.cos(angle), 236 * Math.sin(angle));
      });
      return `M ${corners.join(' L ')} Z`;
    }
    case 'shield':
      return [
        `M ${pt(-176, -216)}`,
        `H ${fmt(CENTRE + 176 * s)}`,
        `Q ${pt(212, -216)} ${pt(212, -180)}`,
        `V ${fmt(CENTRE - 20 * s)}`,
        `C ${pt(212, 110)} ${pt(120, 190)} ${pt(0, 236)}`,
        `C ${pt(-120, 190)} ${pt(-212, 110)} ${pt(-212, -20)}`,
        `V ${fmt(CENTRE - 180 * s)}`,
        `Q ${pt(-212, -216)} ${pt(-176, -216)}`,
        'Z',
      ].join(' ');
    case 'rounded-square': {
      const r = len(56);
      return [
        `M ${pt(-152, -212)}`,
        `H ${fmt(CENTRE + 152 * s)}`,
        `A ${r} ${r} 0 0 1 ${pt(212, -152)}`,
        `V ${fmt(CENTRE + 152 * s)}`,
        `A ${r} ${r} 0 0 1 ${pt(152, 212)}`,
        `H ${fmt(CENTRE - 152 * s)}`,
        `A ${r} ${r} 0 0 1 ${pt(-212, 152)}`,
        `V ${fmt(CENTRE - 152 * s)}`,
        `A ${r} ${r} 0 0 1 ${pt(-152, -212)}`,
        'Z',
      ].join(' ');
    }
  }
}

const RIBBON_TOP = 352;
const RIBBON_HEIGHT = 60;
const RIBBON_FONT_SIZE = 24;
const RIBBON_TEXT_WIDTH = 372;

function ribbonElements(band: string, tail: string, ink: string, label: string): string {
  const top = RIBBON_TOP;
  const bottom = top + RIBBON_HEIGHT;
  const drop = 20; // how far the tails hang below the band
  const middle = top + RIBBON_HEIGHT / 2;
  return [
    `<g>`,
    `<polygon points="16,${top + drop} 76,${top + drop} 76,${bottom + drop} 16,${bottom + drop} 36,${middle + drop}" fill="${tail}"/>`,
    `<polygon points="496,${top + drop} 436,${top + drop} 436,${bottom + drop} 496,${bottom + drop} 476,${middle + drop}" fill="${tail}"/>`,
    `<polygon points="56,${bottom} 76,${bottom} 76,${bottom + drop}" fill="${darken(tail, 0.4)}"/>`,
    `<polygon points="456,${bottom} 436,${bottom} 436,${bottom + drop}" fill="${darken(tail, 0.4)}"/>`,
    `<rect x="56" y="${top}" width="400" height="${RIBBON_HEIGHT}" rx="4" fill="${band}"/>`,
    `<text x="${CENTRE}" y="${fmt(middle + RIBBON_FONT_SIZE * 0.35)}" font-family="${FONT_STACK}" font-size="${RIBBON_FONT_SIZE}" font-weight="700" text-anchor="middle" fill="${ink}">${escapeXml(
      ellipsise(label, RIBBON_TEXT_WIDTH, RIBBON_FONT_SIZE, BOLD),
    )}</text>`,
    `</g>`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Text. SVG has no text wrapping and we may not ship a font, so widths are estimated from typical
// system sans-serif advance widths (DejaVu Sans, the widest common one, sets the scale); the estimates lean wide so real fonts rarely overflow.

interface TextLine {
  text: string;
  baseline: number;
  fontSize: number;
  weight: number;
  opacity: number;
}

const TEXT_BAND_TOP = 92;
const TEXT_BAND_BOTTOM = 340;
const TITLE_FONT_SIZE = 26;
const TITLE_LINE_HEIGHT = 31;
const TITLE_WIDTH = 300;
const TITLE_MAX_LINES = 3;
const CODE_MAX_FONT_SIZE = 72;
const CODE_MIN_FONT_SIZE = 30;
const CODE_WIDTH = 320;
const ISSUER_FONT_SIZE = 19;
const ISSUER_WIDTH = 250;
const BOLD = 1.08;

function layoutText(issuer: string, code: string, title: string): TextLine[] {
  const blocks: { text: string; fontSize: number; weight: number; opacity: number; height: number }[] = [];
  if (issuer !== '') {
    blocks.push({
      text: ellipsise(issuer, ISSUER_WIDTH, ISSUER_FONT_SIZE),
      fontSize: ISSUER_FONT_SIZE,
      weight: 600,
      opacity: 0.9,
      height: ISSUER_FONT_SIZE + 14,
    });
  }
  if (code !== '') {
    // Shrink a long code to fit rather than wrap it: a code reads as one token.
    const natural = textWidthEm(code) * BOLD;
    const fontSize = Math.max(
      CODE_MIN_FONT_SIZE,
      Math.min(CODE_MAX_FONT_SIZE, Math.floor(CODE_WIDTH / natural)),
    );
    blocks.push({
      text: ellipsise(code, CODE_WIDTH, fontSize, BOLD),
      fontSize,
      weight: 800,
      opacity: 1,
      height: Math.round(fontSize * 0.9) + 18,
    });
  }
  for (const line of wrapText(title, TITLE_WIDTH, TITLE_FONT_SIZE, TITLE_MAX_LINES)) {
    blocks.push({
      text: line,
      fontSize: TITLE_FONT_SIZE,
      weight: 500,
      opacity: 1,
      height: TITLE_LINE_HEIGHT,
    });
  }

  const total = blocks.reduce((sum, b) => sum + b.height, 0);
  let top = TEXT_BAND_TOP + Math.max(0, (TEXT_BAND_BOTTOM - TEXT_BAND_TOP - total) / 2);
  return blocks.map((b) => {
    // Alphabetic baseline about one cap height below the line's top: dominant-baseline is not honoured everywhere.
    const line = {
      text: b.text,
      fontSize: b.fontSize,
      weight: b.weight,
      opacity: b.opacity,
      baseline: top + b.fontSize * 0.78,
    };
    top += b.height;
    return line;
  });
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

function glyphWidthEm(grapheme: string): number {
  const cp = grapheme.codePointAt(0) ?? 0;
  if (cp >= 0x2e80) return 1; // CJK, emoji and other full-width scripts
  if (grapheme === ' ') return 0.32;
  if ("iljI.,:;'!|".includes(grapheme)) return 0.28;
  if ('frt()[]{}-"/'.includes(grapheme)) return 0.38;
  if ('mwMW@%'.includes(grapheme)) return 0.9;
  if (/[A-Z]/.test(grapheme)) return 0.72;
  if (/[0-9]/.test(grapheme)) return 0.64;
  return 0.6;
}

function textWidthEm(text: string): number {
  return splitGraphemes(text).reduce((sum, g) => sum + glyphWidthEm(g), 0);
}

function fits(text: string, maxWidth: number, fontSize: number, weight = 1): boolean {
  return textWidthEm(text) * fontSize * weight <= maxWidth;
}

/** Cuts `text` to fit, ending in "…"; unchanged when it already fits. */
function ellipsise(text: string, maxWidth: number, fontSize: number, weight = 1, force = false): string {
  if (!force && fits(text, maxWidth, fontSize, weight)) return text;
  const kept = splitGraphemes(text);
  while (kept.length > 0 && !fits(`${kept.join('')}…`, maxWidth, fontSize, weight)) kept.pop();
  return `${kept.join('').replace(/[\s,;:.\-–—]+$/u, '')}…`;
}

const LABEL_MAX_GRAPHEMES = 300;

/** Screen readers get the whole title, but not an unbounded one. */
function capGraphemes(text: string, max: number): string {
  const sliced = text.length > max * 4;
  const all = sliced ? headGraphemes(text, max * 4) : splitGraphemes(text);
  if (!sliced && all.length <= max) return all.join('');
  return `${all.slice(0, max - 1).join('')}…`;
}

/** The graphemes wholly inside the first `units` UTF-16 code units: slicing may cut the last one in two. */
function headGraphemes(text: string, units: number): string[] {
  return splitGraphemes(text.slice(0, units)).slice(0, -1);
}

// Titles longer than this could never fit three lines; cutting first keeps the work bounded.
const TITLE_SCAN_LIMIT = 400;

function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number): string[] {
  const overLimit = text.length > TITLE_SCAN_LIMIT;
  const scanned = overLimit ? headGraphemes(text, TITLE_SCAN_LIMIT).join('') : text;
  const words = scanned.split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (fits(candidate, maxWidth, fontSize)) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    current = '';
    if (fits(word, maxWidth, fontSize)) {
      current = word;
      continue;
    }
    // A word wider than the line (a long compound, or a script without spaces) breaks anywhere.
    for (const g of splitGraphemes(word)) {
      if (fits(current + g, maxWidth, fontSize)) current += g;
      else {
        lines.push(current);
        current = g;
      }
    }
  }
  if (current !== '') lines.push(current);

  if (lines.length <= maxLines && !overLimit) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept.length - 1;
  if (last >= 0) kept[last] = ellipsise(kept[last] ?? '', maxWidth, fontSize, 1, true);
  return kept;
}

// Characters XML 1.0 cannot carry at all, including unpaired surrogates.
const NOT_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function cleanText(text: string): string {
  return text.replace(NOT_XML_CHARS, '').replace(/\s+/g, ' ').trim();
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

// ---------------------------------------------------------------------------------------------
// Colour arithmetic on #rrggbb strings.

function channels(colour: string): [number, number, number] {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function relativeLuminance(colour: string): number {
  const [r, g, b] = channels(colour).map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Mixes towards black by `amount` (0..1). */
function darken(colour: string, amount: number): string {
  return `#${channels(colour)
    .map((c) =>
      Math.round(c * (1 - amount))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}
