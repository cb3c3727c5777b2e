import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { describe, expect, it } from 'vitest';
import {
  BADGE_UPLOAD_MAX_BYTES,
  checkBadgeUpload,
  ImageCorrupt,
  ImageDimensionsOutOfRange,
  ImageTooLarge,
  ImageTypeNotAllowed,
} from './badge-upload.js';
import { DomainError } from './errors.js';

// ---------------------------------------------------------------------------------------------
// Builders. The CRC is written here independently of the module under test, so a shared bug
// cannot make both sides agree.

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, adaptive filtering, no interlace
  return chunk('IHDR', data);
}

/** A real, decodable RGBA PNG filled with one colour. */
function aPng(width = 64, height = 64): Uint8Array {
  const row = new Uint8Array(1 + width * 4);
  for (let x = 0; x < width; x++) row.set([0x0f, 0x76, 0x6e, 0xff], 1 + x * 4);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return concat(
    SIGNATURE,
    ihdr(width, height),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  );
}

/** A PNG whose header claims any size; its pixels are a token, since the check never decodes them. */
function aPngClaiming(width: number, height: number): Uint8Array {
  return concat(
    SIGNATURE,
    ihdr(width, height),
    chunk('IDAT', deflateSync(Buffer.alloc(8))),
    chunk('IEND', new Uint8Array()),
  );
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function svg(body: string, rootAttributes = 'width="512" height="512"'): Uint8Array {
  return utf8(`<svg xmlns="http://www.w3.org/2000/svg" ${rootAttributes}>${body}</svg>`);
}

function sanitise(body: string, rootAttributes?: string): string {
  const checked = checkBadgeUpload(svg(body, rootAttributes));
  expect(checked.type).toBe('image/svg+xml');
  return text(checked.bytes);
}

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal, but the upload was accepted');
}

// What a browser would do with the output, written independently of the sanitiser's own lists.
const ACTIVE_ELEMENTS = new Set([
  'script',
  'foreignObject',
  'image',
  'feImage',
  'a',
  'iframe',
  'animate',
  'set',
]);
const LOCAL = /^#[\w.:-]+$/;

/** Parses sanitised output and fails on anything that could run, navigate or fetch. */
function expectInert(output: string): void {
  const parser = new SaxesParser({ xmlns: true });
  const elements: string[] = [];
  parser.on('doctype', () => expect.unreachable('doctype in output'));
  parser.on('processinginstruction', () => expect.unreachable('processing instruction in output'));
  parser.on('opentag', (tag: SaxesTagNS) => {
    elements.push(tag.local);
    expect(tag.uri).toBe('http://www.w3.org/2000/svg');
    expect(ACTIVE_ELEMENTS.has(tag.local), `<${tag.local}> kept`).toBe(false);
    for (const attribute of Object.values(tag.attributes)) {
      const { local, value } = attribute;
      expect(local.toLowerCase().startsWith('on'), `${local} kept`).toBe(false);
      if (attribute.prefix === 'xmlns' || local === 'xmlns') continue;
      expect(value.replace(/\s/g, '').toLowerCase()).not.toContain('javascript:');
      if (local === 'href') expect(value).toMatch(LOCAL);
      for (const [, target] of value.matchAll(/url\(\s*['"]?([^'")]*)/gi)) expect(target).toMatch(LOCAL);
    }
  });
  parser.on('text', (content) => {
    if (elements.at(-1) === 'style') {
      expect(content).not.toMatch(/@import|\\/i);
      for (const [, target] of content.matchAll(/url\(\s*['"]?([^'")]*)/gi)) expect(target).toMatch(LOCAL);
    }
  });
  parser.on('closetag', () => elements.pop());
  parser.write(output).close();
}

// ---------------------------------------------------------------------------------------------

describe('checkBadgeUpload: PNG', () => {
  it('accepts a real PNG and reads its size from the header', () => {
    const png = aPng(96, 80);
    const checked = checkBadgeUpload(png, 'image/png');
    expect(checked).toMatchObject({ type: 'image/png', width: 96, height: 80 });
    expect(checked.bytes).toEqual(png);
  });

  it.each([undefined, '', 'application/octet-stream', 'image/jpeg', 'IMAGE/PNG; foo=bar', 'image/x-png'])(
    'goes by the content when the declared type is %j',
    (declared) => {
      expect(checkBadgeUpload(aPng(), declared).type).toBe('image/png');
    },
  );

  it('refuses a PNG declared as SVG', () => {
    const err = refusal(() => checkBadgeUpload(aPng(), 'image/svg+xml'));
    expect(err).toBeInstanceOf(ImageTypeNotAllowed);
    expect(err.slug).toBe('image-type-not-allowed');
    expect(err.message).toMatch(/sent as image\/svg\+xml but its content is a PNG/);
  });

  it.each([
    [64, 64],
    [2048, 2048],
    [64, 2048],
  ])('accepts %i×%i px', (width, height) => {
    expect(checkBadgeUpload(aPng(width, height))).toMatchObject({ width, height });
  });

  it.each([
    [63, 64],
    [64, 63],
    [2049, 512],
    [4000, 4000],
    [0, 0],
    [0xffffffff, 1],
  ])('refuses %i×%i px', (width, height) => {
    const err = refusal(() => checkBadgeUpload(aPngClaiming(width, height)));
    expect(err).toBeInstanceOf(ImageDimensionsOutOfRange);
    expect(err).toMatchObject({ kind: 'invalid', slug: 'image-dimensions-out-of-range' });
    expect(err.message).toContain(`${width}×${height} px`);
  });

  it.each([9, 20, 33, 40, -12, -1])('refuses a PNG cut off at %i bytes', (cut) => {
    const png = aPng();
    const err = refusal(() => checkBadgeUpload(png.slice(0, cut)));
    expect(err).toBeInstanceOf(ImageCorrupt);
    expect(err.slug).toBe('image-corrupt');
  });

  it('refuses a header changed without its CRC (a forged size)', () => {
    const png = aPng();
    new DataView(png.buffer).setUint32(16, 128); // IHDR width: 64 → 128
    const err = refusal(() => checkBadgeUpload(png));
    expect(err).toBeInstanceOf(ImageCorrupt);
    expect(err.message).toMatch(/IHDR chunk fails its checksum/);
  });

  it('refuses damaged image data', () => {
    const png = aPng();
    const idatData = 8 + 25 + 8; // signature, IHDR chunk, IDAT length and type
    png[idatData + 2] = (png[idatData + 2] ?? 0) ^ 0xff;
    expect(refusal(() => checkBadgeUpload(png)).message).toMatch(/IDAT chunk fails its checksum/);
  });

  it('refuses a PNG that does not start with its header or has no image data', () => {
    const iend = chunk('IEND', new Uint8Array());
    const headerLast = concat(SIGNATURE, chunk('IDAT', deflateSync(Buffer.alloc(8))), ihdr(64, 64), iend);
    const noData = concat(SIGNATURE, ihdr(64, 64), iend);
    expect(refusal(() => checkBadgeUpload(headerLast)).message).toMatch(/image header/);
    expect(refusal(() => checkBadgeUpload(noData)).message).toMatch(/no image data/);
  });

  it('refuses an impossible bit depth', () => {
    const data = new Uint8Array(13);
    new DataView(data.buffer).setUint32(0, 64);
    new DataView(data.buffer).setUint32(4, 64);
    data.set([3, 6], 8); // 3-bit RGBA does not exist
    const png = concat(
      SIGNATURE,
      chunk('IHDR', data),
      chunk('IDAT', deflateSync(Buffer.alloc(8))),
      chunk('IEND', new Uint8Array()),
    );
    expect(refusal(() => checkBadgeUpload(png))).toBeInstanceOf(ImageCorrupt);
  });

  it('drops anything smuggled after IEND', () => {
    const png = aPng();
    const checked = checkBadgeUpload(concat(png, utf8('<script>alert(1)</script>')));
    expect(checked.bytes).toEqual(png);
  });
});

describe('checkBadgeUpload: size and type', () => {
  it('accepts exactly 1 MiB and refuses one byte more', () => {
    const png = aPng();
    const padded = new Uint8Array(BADGE_UPLOAD_MAX_BYTES);
    padded.set(png);
    expect(checkBadgeUpload(padded).bytes).toEqual(png);

    const big = new Uint8Array(BADGE_UPLOAD_MAX_BYTES + 1);
    big.set(png);
    const err = refusal(() => checkBadgeUpload(big));
    expect(err).toBeInstanceOf(ImageTooLarge);
    expect(err).toMatchObject({ kind: 'invalid', slug: 'image-too-large' });
    expect(err.message).toMatch(/is 1,025 KiB; badge images may be at most 1 MiB \(1,024 KiB\)/);
  });

  it.each([
    ['a JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), /JPEG/],
    ['a GIF', utf8('GIF89a\u0001\u0000'), /GIF/],
    ['gzip (svgz)', Uint8Array.from([0x1f, 0x8b, 8, 0]), /svgz/],
    ['plain text', utf8('hello'), /neither a PNG nor an SVG/],
  ])('refuses %s', (_, bytes, reason) => {
    const err = refusal(() => checkBadgeUpload(bytes, 'image/png'));
    expect(err).toBeInstanceOf(ImageTypeNotAllowed);
    expect(err.message).toMatch(reason);
  });

  it('refuses an empty file', () => {
    expect(refusal(() => checkBadgeUpload(new Uint8Array()))).toBeInstanceOf(ImageCorrupt);
  });
});

describe('checkBadgeUpload: SVG sanitising', () => {
  it('keeps a plain drawing', () => {
    const out = sanitise(
      '<title>Badge</title><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>' +
        '<g transform="translate(1 2)"><circle cx="256" cy="256" r="200" fill="url(#g)" stroke="#000"/>' +
        '<text x="256" y="256" text-anchor="middle">IAM &amp; 101</text></g>',
    );
    expect(out).toContain('<circle cx="256" cy="256" r="200" fill="url(#g)" stroke="#000"/>');
    expect(out).toContain('<text x="256" y="256" text-anchor="middle">IAM &amp; 101</text>');
    expect(out).toContain('<title>Badge</title>');
    expect(out).toContain('<linearGradient id="g">');
    expectInert(out);
  });

  it('removes <script>, including CDATA inside it', () => {
    const out = sanitise(
      '<script>alert(1)</script><script><![CDATA[alert(2)]]></script><rect width="9" height="9"/>',
    );
    expect(out).not.toMatch(/script|alert/);
    expect(out).toContain('<rect width="9" height="9"/>');
  });

  it('removes every on* attribute', () => {
    const out = checkBadgeUpload(
      utf8(
        '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" onload="alert(1)">' +
          '<circle r="5" onclick="alert(2)" onmouseover="x()" ONLOAD="y()"/></svg>',
      ),
    );
    expect(text(out.bytes)).not.toMatch(/on\w+=|alert/i);
    expect(text(out.bytes)).toContain('<circle r="5"/>');
  });

  it('unwraps links but keeps what they drew', () => {
    const out = sanitise(
      '<a href="javascript:alert(1)"><circle r="5"/></a><a xlink:href="https://x.example" xmlns:xlink="http://www.w3.org/1999/xlink"><rect width="1" height="1"/></a>',
    );
    expect(out).not.toMatch(/<a\b|javascript|x\.example/);
    expect(out).toContain('<circle r="5"/>');
    expect(out).toContain('<rect width="1" height="1"/>');
    expectInert(out);
  });

  it('drops <use> that points outside the document, keeps local ones', () => {
    const out = sanitise(
      '<defs><path id="star" d="M0 0L1 1"/></defs>' +
        '<use href="https://evil.example/sprite.svg#star"/>' +
        '<use href="data:image/svg+xml;base64,PHN2Zz4="/>' +
        '<use/>' +
        '<use href="#star" x="10"/>' +
        '<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#star" x="20"/>',
    );
    expect(out).not.toMatch(/evil|data:/);
    expect(out.match(/<use /g)).toHaveLength(2);
    expect(out).toContain('<use href="#star" x="10"/>');
    expect(out).toContain('<use xlink:href="#star" x="20"/>');
    expect(out).toContain('xmlns:xlink="http://www.w3.org/1999/xlink"');
    expectInert(out);
  });

  it('removes <image>, <foreignObject>, <iframe>-like content and animations', () => {
    const out = sanitise(
      '<image href="https://tracker.example/p.png" width="1" height="1"/>' +
        '<image href="data:image/png;base64,iVBORw0KGgo="/>' +
        '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://x.example"/></body></foreignObject>' +
        '<circle r="5"><set attributeName="fill" to="red"/><animate attributeName="href" values="javascript:alert(1)"/></circle>' +
        '<filter id="f"><feImage href="https://x.example/a.png"/><feGaussianBlur stdDeviation="2"/></filter>' +
        '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>',
    );
    expect(out).not.toMatch(/image|foreignObject|iframe|x\.example|tracker|<set|animate|alert/i);
    expect(out).toContain('<circle r="5"/>');
    expect(out).toContain('<feGaussianBlur stdDeviation="2"/>');
    expectInert(out);
  });

  it('drops attribute values that fetch or run', () => {
    const out = sanitise(
      '<rect width="1" height="1" fill="url(https://evil.example/p.svg#g)" stroke="url(#ok)"/>' +
        '<rect width="2" height="2" style="fill: url(&quot;http://evil.example/x&quot;)" filter="url( \'#f\' )"/>' +
        '<rect width="3" height="3" style="fill: red" class="java&#9;script:x"/>',
    );
    expect(out).toContain('<rect width="1" height="1" stroke="url(#ok)"/>');
    expect(out).toContain(`<rect width="2" height="2" filter="url( '#f' )"/>`);
    expect(out).toContain('<rect width="3" height="3" style="fill: red"/>');
    expectInert(out);
  });

  it.each([
    ['@import', '@import url(https://evil.example/x.css); rect { fill: red }'],
    ['@import with a string', '@import "https://evil.example/x.css";'],
    ['an external url()', 'rect { fill: url(https://evil.example/x.svg#p) }'],
    ['a font', '@font-face { font-family: x; src: local(Arial) }'],
    ['a CSS escape', 'rect { background: \\75 rl(https://evil.example) }'],
    ['a comment splitting @import', '@imp/**/ort "https://evil.example/x.css";'],
    ['javascript:', 'rect { background: javascript:alert(1) }'],
    ['image-set()', 'rect { background: image-set("https://evil.example/x.png" 1x) }'],
  ])('drops a <style> with %s', (_, css) => {
    const out = sanitise(`<style>${css}</style><rect width="1" height="1"/>`);
    expect(out).not.toMatch(/<style|evil/);
    expectInert(out);
  });

  it('keeps a <style> that only refers inside the document', () => {
    const out = sanitise(
      '<style>.a > rect { fill: url(#g); stroke: #000 }</style><rect class="a" width="1" height="1"/>',
    );
    expect(out).toContain('<style>.a &gt; rect { fill: url(#g); stroke: #000 }</style>');
    expectInert(out);
  });

  it('drops comments, processing instructions and metadata from other vocabularies', () => {
    const out = checkBadgeUpload(
      utf8(
        '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n' +
          '<?xml-stylesheet href="https://evil.example/x.css"?>' +
          '<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" ' +
          'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 100 100" inkscape:version="1.3">' +
          '<sodipodi:namedview pagecolor="#fff"/><metadata>rdf</metadata><!-- hi --><path d="M0 0h1" inkscape:label="x"/></svg>',
      ),
    );
    expect(text(out.bytes)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><path d="M0 0h1"/></svg>',
    );
  });

  it('drops elements from other namespaces even when their names look like SVG', () => {
    const out = sanitise(
      '<x:circle xmlns:x="urn:example" r="9"/><x:g xmlns:x="urn:example"><rect width="1" height="1"/></x:g>',
    );
    expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"/>');
  });

  it('drops a <use> that could multiply the drawing (nested or cyclic references)', () => {
    const out = sanitise(
      '<path id="p0" d="M0 0h1"/>' +
        '<g id="p1"><use href="#p0"/><use href="#p0"/></g>' +
        '<g id="p2"><use href="#p1"/><use href="#p1"/></g>' +
        '<g id="loop"><use href="#loop"/></g>',
    );
    expect(out.match(/<use href="#p0"\/>/g)).toHaveLength(2);
    expect(out).not.toMatch(/#p1|#loop/);
  });

  it('refuses a DOCTYPE, whether or not it declares entities', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>' +
      '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><text>&lol2;</text></svg>';
    const svg11 =
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">' +
      '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"/>';
    for (const doc of [laughs, svg11]) {
      const err = refusal(() => checkBadgeUpload(utf8(doc)));
      expect(err).toBeInstanceOf(ImageTypeNotAllowed);
      expect(err.message).toMatch(/DOCTYPE/);
    }
  });

  it.each([
    [
      'an svg root outside the SVG namespace',
      '<svg width="512" height="512"/>',
      ImageTypeNotAllowed,
      /without the SVG namespace/,
    ],
    [
      'XHTML',
      '<html xmlns="http://www.w3.org/1999/xhtml"><svg xmlns="http://www.w3.org/2000/svg"/></html>',
      ImageTypeNotAllowed,
      /<html>/,
    ],
    [
      'malformed XML',
      '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><g></svg>',
      ImageCorrupt,
      /well-formed/,
    ],
    [
      'an undefined entity',
      '<svg xmlns="http://www.w3.org/2000/svg"><text>&nbsp;</text></svg>',
      ImageCorrupt,
      /well-formed/,
    ],
    [
      'a Latin-1 declaration',
      '<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns="http://www.w3.org/2000/svg"/>',
      ImageTypeNotAllowed,
      /UTF-8/,
    ],
  ])('refuses %s', (_, doc, type, reason) => {
    const err = refusal(() => checkBadgeUpload(utf8(doc)));
    expect(err).toBeInstanceOf(type);
    expect(err.message).toMatch(reason);
  });

  it('refuses bytes that are not UTF-8', () => {
    const bytes = concat(
      utf8('<svg xmlns="http://www.w3.org/2000/svg"><text>'),
      Uint8Array.from([0xc3, 0x28]),
      utf8('</text></svg>'),
    );
    expect(refusal(() => checkBadgeUpload(bytes))).toBeInstanceOf(ImageCorrupt);
  });

  it('refuses an SVG declared as PNG, but ignores a vague declared type', () => {
    const doc = svg('<rect width="1" height="1"/>');
    expect(refusal(() => checkBadgeUpload(doc, 'image/png'))).toBeInstanceOf(ImageTypeNotAllowed);
    expect(checkBadgeUpload(doc, 'text/xml').type).toBe('image/svg+xml');
    expect(checkBadgeUpload(doc, 'image/svg+xml; charset=utf-8').type).toBe('image/svg+xml');
  });

  it('escapes text and attribute values it writes back', () => {
    const out = sanitise('<text x="1" class="a&amp;b&quot;&lt;">1 &lt; 2 &amp; 3 &gt; 2</text>');
    expect(out).toContain('<text x="1" class="a&amp;b&quot;&lt;">1 &lt; 2 &amp; 3 &gt; 2</text>');
  });
});

describe('checkBadgeUpload: SVG size', () => {
  it.each([
    ['width and height', 'width="300" height="200"', 300, 200],
    ['px and inches', 'width="128px" height="2in"', 128, 192],
    ['only a square viewBox', 'viewBox="0 0 24 24"', 512, 512],
    ['only a wide viewBox', 'viewBox="0 0 200 100"', 512, 256],
    ['a width and a viewBox', 'width="200" viewBox="0 0 200 100"', 200, 100],
    ['percentages and a viewBox', 'width="100%" height="100%" viewBox="0,0,64,128"', 256, 512],
    ['nothing at all', '', 512, 512],
  ])('measures %s', (_, rootAttributes, width, height) => {
    expect(checkBadgeUpload(svg('', rootAttributes))).toMatchObject({ width, height });
  });

  it.each([
    ['huge width and height', 'width="100000" height="100000"'],
    ['a tiny width', 'width="10" height="10"'],
    ['a sliver of a viewBox', 'viewBox="0 0 10000 10"'],
    ['a negative width', 'width="-512" height="512"'],
    ['an overflowing number', 'width="1e999" height="512"'],
  ])('refuses %s', (_, rootAttributes) => {
    expect(refusal(() => checkBadgeUpload(svg('', rootAttributes)))).toBeInstanceOf(
      ImageDimensionsOutOfRange,
    );
  });
});

describe('checkBadgeUpload: SVG viewBox', () => {
  it('refuses a viewBox with no area', () => {
    expect(refusal(() => checkBadgeUpload(svg('', 'viewBox="0 0 0 512"')))).toBeInstanceOf(ImageCorrupt);
  });
});

describe('checkBadgeUpload: SVG output', () => {
  const unsafe = fc.constantFrom(
    '<script>alert(1)</script>',
    ' onload="alert(1)"',
    'javascript:alert(1)',
    'url(https://evil.example/x)',
    '<image href="https://evil.example/x"/>',
    '<use href="https://evil.example/x#a"/>',
    '<a href="javascript:alert(1)">',
    '</a>',
    '<style>@import "https://evil.example/x.css";</style>',
    '<foreignObject>',
    '</foreignObject>',
    '<?pi x?>',
    '<![CDATA[<script>]]>',
  );
  const pieces = fc.array(
    fc.oneof(unsafe, fc.string(), fc.constantFrom('<g>', '</g>', '<rect width="1" height="1"/>')),
    {
      maxLength: 12,
    },
  );

  it('is inert, well-formed and unchanged when sanitised again', () => {
    fc.assert(
      fc.property(pieces, fc.string(), (parts, attribute) => {
        const doc = svg(
          parts.join(''),
          `width="512" height="512" class="${attribute.replace(/[<&"]/g, '')}"`,
        );
        let first: Uint8Array;
        try {
          first = checkBadgeUpload(doc).bytes;
        } catch (err) {
          // Random pieces often make malformed XML; refusing is fine, crashing is not.
          expect(err).toBeInstanceOf(DomainError);
          return;
        }
        expectInert(text(first));
        expect(text(checkBadgeUpload(first).bytes)).toBe(text(first));
      }),
      { numRuns: 300 },
    );
  });
});
