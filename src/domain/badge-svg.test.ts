import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { BadgeDesign } from './achievements.js';
import {
  BADGE_PALETTE,
  BADGE_SHAPES,
  checkBadgeDesign,
  contrastRatio,
  defaultBadgeColour,
  readableTextColour,
  renderBadgeSvg,
  type BadgeSvgInput,
} from './badge-svg.js';
import { checkBadgeUpload } from './badge-upload.js';
import { InvalidInput } from './errors.js';

function aBadge(overrides: Partial<BadgeSvgInput> = {}): BadgeSvgInput {
  return {
    design: { shape: 'hexagon', colour: '#0f766e' },
    title: 'Identity and Access Management',
    code: 'IAM-101',
    level: 5,
    credits: 15,
    issuerName: 'Kōwhai Digital',
    ...overrides,
  };
}

interface ParsedElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  parent: ParsedElement | undefined;
}

/** Parses with a real XML parser, so a test fails on any output that is not well-formed. */
function parse(svg: string): ParsedElement[] {
  const parser = new SaxesParser();
  const all: ParsedElement[] = [];
  const open: ParsedElement[] = [];
  parser.on('doctype', () => expect.unreachable('doctype'));
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: tag.attributes, text: '', parent: open.at(-1) };
    all.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => open.pop());
  parser.write(svg).close();
  return all;
}

/** The fill a text element is drawn in, inherited from its group when it sets none. */
function inkOf(element: ParsedElement): string {
  for (let e: ParsedElement | undefined = element; e; e = e.parent) {
    const fill = e.attributes.fill;
    if (fill !== undefined) return fill;
  }
  throw new Error('text without a fill');
}

function texts(svg: string): ParsedElement[] {
  return parse(svg).filter((e) => e.name === 'text');
}

/** Face text, then the ribbon: what each line is drawn on. */
function textOnBackground(svg: string): { text: string; ink: string; background: string }[] {
  const elements = parse(svg);
  const face = elements.find((e) => e.name === 'path')?.attributes.fill ?? '';
  const ribbon = elements.find((e) => e.name === 'rect')?.attributes.fill ?? '';
  return texts(svg).map((t) => ({
    text: t.text,
    ink: inkOf(t),
    background: t.text.startsWith('Level ') ? ribbon : face,
  }));
}

const hexColour = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`);

describe('checkBadgeDesign', () => {
  it.each(BADGE_SHAPES)('accepts the %s shape', (shape) => {
    expect(checkBadgeDesign({ shape, colour: '#0F766E' })).toEqual({ shape, colour: '#0f766e' });
  });

  it.each([
    [{ shape: 'star', colour: '#0f766e' }, 'badge.shape'],
    [{ shape: 'Hexagon', colour: '#0f766e' }, 'badge.shape'],
    [{ shape: 'circle', colour: '#fff' }, 'badge.colour'],
    [{ shape: 'circle', colour: 'teal' }, 'badge.colour'],
    [{ shape: 'circle', colour: '#0f766g' }, 'badge.colour'],
    [{ shape: 'circle', colour: '#0f766e ' }, 'badge.colour'],
    [{ shape: 'circle', colour: '#0f766e"/><script>' }, 'badge.colour'],
  ])('refuses %j', (design, field) => {
    try {
      checkBadgeDesign(design);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidInput);
      expect((err as InvalidInput).field).toBe(field);
    }
  });
});

describe('contrastRatio and readableTextColour', () => {
  it('matches WCAG reference values', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#0f766e', '#0f766e')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('puts dark text on light colours and white text on dark ones', () => {
    expect(readableTextColour('#ffffff')).not.toBe('#ffffff');
    expect(readableTextColour('#fde68a')).not.toBe('#ffffff');
    expect(readableTextColour('#000000')).toBe('#ffffff');
    expect(readableTextColour('#1d4ed8')).toBe('#ffffff');
  });

  it('always picks the more readable of the two', () => {
    fc.assert(
      fc.property(hexColour, (background) => {
        const chosen = contrastRatio(background, readableTextColour(background));
        expect(chosen).toBeGreaterThanOrEqual(contrastRatio(background, '#ffffff'));
        expect(chosen).toBeGreaterThanOrEqual(contrastRatio(background, '#111111'));
        // Between white and near-black there is always one good enough for large text.
        expect(chosen).toBeGreaterThanOrEqual(4.2);
      }),
    );
  });
});

describe('defaultBadgeColour', () => {
  it('gives the same seed the same palette colour', () => {
    expect(defaultBadgeColour('IAM-101')).toBe(defaultBadgeColour('IAM-101'));
    expect(BADGE_PALETTE).toContain(defaultBadgeColour('IAM-101'));
    expect(BADGE_PALETTE).toContain(defaultBadgeColour(''));
  });

  it('spreads similar seeds over the whole palette', () => {
    const used = new Set(Array.from({ length: 64 }, (_, i) => defaultBadgeColour(`IAM-${100 + i}`)));
    expect(used.size).toBe(BADGE_PALETTE.length);
  });

  it('offers only colours that carry white text at 4.5:1 or better', () => {
    expect(new Set(BADGE_PALETTE).size).toBe(8);
    for (const colour of BADGE_PALETTE) expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('renderBadgeSvg', () => {
  it('draws a 512×512 labelled image', () => {
    const svg = renderBadgeSvg(aBadge());
    const [root, first] = parse(svg);
    expect(root?.name).toBe('svg');
    expect(root?.attributes).toMatchObject({
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: '0 0 512 512',
      role: 'img',
    });
    expect(first?.name).toBe('title');
    expect(first?.text).toBe(
      'IAM-101: Identity and Access Management. Level 5, 15 credits. Issued by Kōwhai Digital',
    );
    expect(root?.attributes['aria-label']).toBe(first?.text);
  });

  it('shows the code, the title and the level and credits', () => {
    const lines = texts(renderBadgeSvg(aBadge())).map((t) => t.text);
    expect(lines).toEqual([
      'Kōwhai Digital',
      'IAM-101',
      'Identity and Access',
      'Management',
      'Level 5 · 15 credits',
    ]);
    expect(texts(renderBadgeSvg(aBadge({ credits: 1, issuerName: undefined }))).map((t) => t.text)).toEqual([
      'IAM-101',
      'Identity and Access',
      'Management',
      'Level 5 · 1 credit',
    ]);
  });

  it('draws the code larger than anything else', () => {
    const sizes = texts(renderBadgeSvg(aBadge())).map((t) => Number(t.attributes['font-size']));
    expect(Math.max(...sizes)).toBe(sizes[1]);
    expect(sizes[1]).toBeGreaterThanOrEqual(60);
  });

  it('is self-contained', () => {
    const svg = renderBadgeSvg(aBadge({ title: 'See https://example.org', issuerName: 'url(x) @import' }));
    const elements = parse(svg);
    const names = new Set(elements.map((e) => e.name));
    for (const fetching of ['image', 'use', 'a', 'style', 'script', 'foreignObject', 'link']) {
      expect(names.has(fetching), fetching).toBe(false);
    }
    for (const { attributes } of elements) {
      for (const [name, value] of Object.entries(attributes)) {
        if (name === 'xmlns' || name === 'aria-label') continue;
        expect(name).not.toMatch(/href|^on/);
        expect(value, name).not.toMatch(/https?:|url\(|@import/);
      }
    }
  });

  it('fills the chosen shape with the colour and gives it a darker rim', () => {
    const outlines = new Set<string>();
    for (const shape of BADGE_SHAPES) {
      const svg = renderBadgeSvg(aBadge({ design: { shape, colour: '#4338ca' } }));
      const face = parse(svg).find((e) => e.name === 'path');
      expect(face?.attributes.fill).toBe('#4338ca');
      const rim = face?.attributes.stroke ?? '';
      expect(contrastRatio(rim, '#000000')).toBeLessThan(contrastRatio('#4338ca', '#000000'));
      outlines.add(face?.attributes.d ?? '');
    }
    expect(outlines.size).toBe(BADGE_SHAPES.length);
  });

  it('keeps every shape inside the 512 px canvas', () => {
    for (const shape of BADGE_SHAPES) {
      const d = parse(renderBadgeSvg(aBadge({ design: { shape, colour: '#4338ca' } }))).find(
        (e) => e.name === 'path',
      )?.attributes.d;
      const numbers = (d ?? '').match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
      // With the 16 px rim (8 px outside the outline) every coordinate must stay in [8, 504].
      for (const n of numbers.filter((v) => v > 1)) {
        expect(n).toBeGreaterThanOrEqual(8);
        expect(n).toBeLessThanOrEqual(504);
      }
    }
  });

  it('escapes markup in every piece of text', () => {
    const title = `Tools & <Tricks> "quoted" 'single'`;
    const svg = renderBadgeSvg(aBadge({ title, code: '<b>&', issuerName: '"Kōwhai" & <Co>' }));
    expect(svg).not.toMatch(/<Tricks>|<b>|<Co>/);
    const lines = texts(svg).map((t) => t.text);
    expect(lines).toContain('<b>&');
    expect(lines).toContain('"Kōwhai" & <Co>');
    expect(lines.join(' ')).toContain(`Tools & <Tricks> "quoted" 'single'`);
    expect(parse(svg)[0]?.attributes['aria-label']).toContain(title);
  });

  it('drops characters XML cannot carry', () => {
    const svg = renderBadgeSvg(aBadge({ title: 'Bad\u0000\u0007 \uD800chars\uDFFF\uFFFE here' }));
    expect(texts(svg).map((t) => t.text)).toContain('Bad chars here');
  });

  it('wraps a long title to three lines ending in an ellipsis', () => {
    const title =
      'Identity and Access Management Fundamentals for Cloud Platforms, Hybrid Networks and Everything in Between';
    const lines = texts(renderBadgeSvg(aBadge({ title, issuerName: undefined })))
      .map((t) => t.text)
      .slice(1, -1);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/…$/);
    expect(lines.join(' ').replace('…', '')).toSatisfy((shown: string) => title.startsWith(shown));
  });

  it('breaks a word too long for a line, and text without spaces', () => {
    const word = 'Pneumonoultramicroscopicsilicovolcanoconiosis';
    const lines = texts(renderBadgeSvg(aBadge({ title: word, issuerName: undefined })))
      .map((t) => t.text)
      .slice(1, -1);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(word);

    const cjk = texts(
      renderBadgeSvg(
        aBadge({ title: '情報セキュリティ管理の基礎と実践的なアクセス制御の設計', issuerName: undefined }),
      ),
    )
      .map((t) => t.text)
      .slice(1, -1);
    expect(cjk.length).toBeGreaterThan(1);
    expect(cjk.length).toBeLessThanOrEqual(3);
  });

  it('copes with an enormous title', () => {
    const svg = renderBadgeSvg(aBadge({ title: 'word '.repeat(50_000), issuerName: undefined }));
    const lines = texts(svg).slice(1, -1);
    expect(lines).toHaveLength(3);
    expect(lines[2]?.text).toMatch(/…$/);
    expect(parse(svg)[0]?.attributes['aria-label']?.length).toBeLessThanOrEqual(300);
  });

  it('shrinks a long code to fit, and cuts one that still does not', () => {
    const [, long] = texts(renderBadgeSvg(aBadge({ code: 'DATA-ENG-401' })));
    expect(Number(long?.attributes['font-size'])).toBeLessThan(72);
    expect(long?.text).toBe('DATA-ENG-401');
    const [, huge] = texts(renderBadgeSvg(aBadge({ code: 'X'.repeat(60) })));
    expect(huge?.text).toMatch(/^X+…$/);
  });

  it('keeps text readable on light and dark colours alike', () => {
    const light = textOnBackground(
      renderBadgeSvg(aBadge({ design: { shape: 'circle', colour: '#ffffff' } })),
    );
    const dark = textOnBackground(renderBadgeSvg(aBadge({ design: { shape: 'circle', colour: '#111827' } })));
    for (const { ink, background } of [...light, ...dark]) {
      expect(contrastRatio(ink, background)).toBeGreaterThanOrEqual(4.5);
    }
    expect(light[0]?.ink).not.toBe('#ffffff');
    expect(dark[0]?.ink).toBe('#ffffff');
  });

  it('reaches 4.5:1 on every palette colour and the best available on any colour', () => {
    for (const colour of BADGE_PALETTE) {
      for (const { ink, background } of textOnBackground(
        renderBadgeSvg(aBadge({ design: { shape: 'shield', colour } })),
      )) {
        expect(contrastRatio(ink, background)).toBeGreaterThanOrEqual(4.5);
      }
    }
    fc.assert(
      fc.property(hexColour, fc.constantFrom(...BADGE_SHAPES), (colour, shape) => {
        for (const { ink, background } of textOnBackground(
          renderBadgeSvg(aBadge({ design: { shape, colour } })),
        )) {
          const best = Math.max(contrastRatio(background, '#ffffff'), contrastRatio(background, '#111111'));
          expect(contrastRatio(ink, background)).toBeCloseTo(best, 10);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a bad design or a level or credit count that is not a whole number', () => {
    const bad: Partial<BadgeSvgInput>[] = [
      { design: { shape: 'star', colour: '#000000' } as unknown as BadgeDesign },
      { design: { shape: 'circle', colour: 'red' } },
      { level: 2.5 },
      { credits: Number.NaN },
      { credits: -1 },
    ];
    for (const overrides of bad) expect(() => renderBadgeSvg(aBadge(overrides))).toThrow(InvalidInput);
  });

  it('is deterministic', () => {
    expect(renderBadgeSvg(aBadge())).toBe(renderBadgeSvg(aBadge()));
  });

  it('passes the upload check untouched in substance', () => {
    for (const shape of BADGE_SHAPES) {
      const svg = renderBadgeSvg(aBadge({ design: { shape, colour: '#b45309' }, title: 'Tools & <Tricks>' }));
      const checked = checkBadgeUpload(new TextEncoder().encode(svg), 'image/svg+xml');
      expect(checked).toMatchObject({ type: 'image/svg+xml', width: 512, height: 512 });
      const after = new TextDecoder().decode(checked.bytes);
      expect(texts(after).map((t) => t.text)).toEqual(texts(svg).map((t) => t.text));
      expect(parse(after).map((e) => e.name)).toEqual(parse(svg).map((e) => e.name));
    }
  });
});
