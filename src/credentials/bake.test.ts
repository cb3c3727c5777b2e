import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CorruptBadgeImage, NotOb3Badge, bakePng, bakeSvg, crc32, unbakePng, unbakeSvg } from './bake.js';

const ascii = (s: string) => new TextEncoder().encode(s);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A real 2×2 8-bit greyscale PNG. */
function tinyPng(...extra: Uint8Array[]): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 2);
  v.setUint32(4, 2);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const raw = Uint8Array.of(0, 0x00, 0xff, 0, 0xff, 0x00); // filter byte + 2 pixels per row
  return concat(
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    ...extra,
    chunk('IEND', new Uint8Array(0)),
  );
}

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:1',
  name: 'Zürich ✓ ]]> tricky',
};
const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln';

describe('crc32', () => {
  it('matches known values', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(ascii('IEND'))).toBe(0xae426082);
    expect(crc32(ascii('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
});

describe('PNG baking', () => {
  it('round-trips JSON and places an uncompressed iTXt before IEND', () => {
    const baked = bakePng(tinyPng(), credential);
    expect(JSON.parse(unbakePng(baked)!)).toEqual(credential);
    const text = Buffer.from(baked).toString('latin1');
    const at = text.indexOf('iTXtopenbadgecredential\0');
    expect(at).toBeGreaterThan(text.indexOf('IDAT'));
    expect(at).toBeLessThan(text.indexOf('IEND'));
    // compression flag 0, method 0, empty language, empty translated keyword
    expect([...baked.subarray(at + 24, at + 28)]).toEqual([0, 0, 0, 0]);
  });

  it('overwrites on re-bake, keeping a single chunk', () => {
    const twice = bakePng(bakePng(tinyPng(), credential), jwt);
    expect(unbakePng(twice)).toBe(jwt);
    expect(Buffer.from(twice).toString('latin1').split('openbadgecredential').length).toBe(2);
  });

  it('returns undefined for an unbaked PNG and flags OB 2.0', () => {
    expect(unbakePng(tinyPng())).toBeUndefined();
    const ob2 = tinyPng(
      chunk('iTXt', concat(ascii('openbadges'), Uint8Array.of(0, 0, 0, 0, 0), ascii('{}'))),
    );
    expect(() => unbakePng(ob2)).toThrow(NotOb3Badge);
  });

  it('refuses corrupt PNGs with a clear reason', () => {
    const baked = bakePng(tinyPng(), credential);
    const badSig = Uint8Array.from(baked);
    badSig[1] = 0;
    expect(() => unbakePng(badSig)).toThrow(/signature/);

    const badCrc = Uint8Array.from(baked);
    const at = Buffer.from(baked).indexOf('Z\u00c3', 0, 'latin1'); // first byte of "Zürich" in the text
    badCrc[at] = 0x59;
    expect(() => unbakePng(badCrc)).toThrow(/iTXt .*bad CRC/);

    expect(() => unbakePng(baked.subarray(0, baked.length - 20))).toThrow(/truncated/);
    expect(() => unbakePng(baked.subarray(0, baked.length - 12))).toThrow(/no IEND/);
    expect(() => bakePng(ascii('GIF89a'), credential)).toThrow(CorruptBadgeImage);
  });
});

const svg = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a badge -->
<svg xmlns="http://www.w3.org/2000/svg" data-x="a>b" width="10" height="10"><circle r="5"/></svg>`;

describe('SVG baking', () => {
  it('bakes JSON in CDATA straight after the <svg> tag and round-trips, even with ]]> inside', () => {
    const baked = bakeSvg(svg, credential);
    expect(baked).toContain(
      '<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" xmlns="http://www.w3.org/2000/svg" data-x="a>b" width="10" height="10"><openbadges:credential><![CDATA[',
    );
    expect(baked).toContain(']]]]><![CDATA[>');
    expect(JSON.parse(unbakeSvg(baked)!)).toEqual(credential);
  });

  it('bakes a JWT in verify="…" and overwrites on re-bake', () => {
    const baked = bakeSvg(bakeSvg(svg, credential), jwt);
    expect(baked).toContain(`<openbadges:credential verify="${jwt}"/><circle`);
    expect(baked.match(/openbadges:credential/g)).toHaveLength(1);
    expect(baked.match(/xmlns:openbadges/g)).toHaveLength(1);
    expect(unbakeSvg(baked)).toBe(jwt);
  });

  it('handles a self-closing root', () => {
    const baked = bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', jwt);
    expect(baked).toBe(
      `<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" xmlns="http://www.w3.org/2000/svg"><openbadges:credential verify="${jwt}"/></svg>`,
    );
  });

  it('returns undefined when unbaked, flags OB 2.0, refuses non-SVG', () => {
    expect(unbakeSvg(svg)).toBeUndefined();
    const ob2 = svg.replace('<circle', '<openbadges:assertion verify="https://x.test/a/1"/><circle');
    expect(() => unbakeSvg(ob2)).toThrow(/not an Open Badges 3.0/);
    const upgraded = bakeSvg(ob2.replace('<svg ', '<svg xmlns:openbadges="http://openbadges.org" '), jwt);
    expect(upgraded).not.toContain('assertion');
    expect(upgraded).not.toContain('http://openbadges.org');
    expect(unbakeSvg(upgraded)).toBe(jwt);
    expect(() => bakeSvg('<html></html>', jwt)).toThrow(CorruptBadgeImage);
    expect(() => bakeSvg('<!-- never closed', jwt)).toThrow(/truncated/);
  });
});
