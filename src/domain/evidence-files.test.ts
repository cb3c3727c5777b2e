import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  checkSubmissionFileBudget,
  EVIDENCE_FILE_MAX_BYTES,
  EvidenceFileTooLarge,
  MislabelledEvidenceFile,
  safeFilename,
  sniffEvidenceFile,
  SUBMISSION_FILES_MAX_BYTES,
  SUBMISSION_FILES_MAX_COUNT,
  SubmissionFilesFull,
  UnsupportedEvidenceFile,
} from './evidence-files.js';

// ---------------------------------------------------------------------------------------------
// Real (minimal) files

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: (Uint8Array | number[])[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const u32be = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u32le = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const u16le = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff];

const PDF = text(
  '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/** Signature, then an IHDR chunk for a 1×1 RGBA image (its CRC is not checked here). */
const PNG = concat(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  u32be(13),
  text('IHDR'),
  u32be(1),
  u32be(1),
  [8, 6, 0, 0, 0],
  [0x1f, 0x15, 0xc4, 0x89],
  u32be(0),
  text('IEND'),
  [0xae, 0x42, 0x60, 0x82],
);

const JPEG = concat(
  [0xff, 0xd8, 0xff, 0xe0],
  [0x00, 0x10],
  text('JFIF\0'),
  [1, 1, 0, 0, 1, 0, 1, 0, 0],
  [0xff, 0xd9],
);
const GIF = concat(text('GIF89a'), [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x3b]);
const WEBP = concat(
  text('RIFF'),
  u32le(26),
  text('WEBPVP8L'),
  u32le(14),
  [0x2f, 0, 0, 0, 0, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0],
);

function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const box = concat(
    u32be(16 + 4 * compatible.length),
    text('ftyp'),
    text(major),
    u32be(0x200),
    ...compatible.map(text),
  );
  return concat(box, u32be(8), text('mdat'));
}
const MP4 = ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41');
const MOV = ftyp('qt  ', 'qt  ');

/**
 * A real ZIP archive: local file headers (deflated data, sizes known), central directory and end
 * record. `streamed` writes entries the way streaming writers do: sizes left out of the local
 * header (flag bit 3) and given in a data descriptor after the data.
 */
function zip(entries: Record<string, string>, streamed = false): Uint8Array {
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = text(content);
    const compressed = deflateRawSync(data);
    const nameBytes = text(name);
    const crc = crc32(data);
    const flags = streamed ? 0x0808 : 0x0800;
    const header = concat(
      [0x50, 0x4b, 0x03, 0x04],
      u16le(20),
      u16le(flags),
      u16le(8),
      u16le(0),
      u16le(0x21),
      u32le(streamed ? 0 : crc),
      u32le(streamed ? 0 : compressed.length),
      u32le(streamed ? 0 : data.length),
      u16le(nameBytes.length),
      u16le(0),
      nameBytes,
      compressed,
      streamed
        ? concat([0x50, 0x4b, 0x07, 0x08], u32le(crc), u32le(compressed.length), u32le(data.length))
        : [],
    );
    central.push(
      concat(
        [0x50, 0x4b, 0x01, 0x02],
        u16le(20),
        u16le(20),
        u16le(flags),
        u16le(8),
        u16le(0),
        u16le(0x21),
        u32le(crc),
        u32le(compressed.length),
        u32le(data.length),
        u16le(nameBytes.length),
        u16le(0),
        u16le(0),
        u16le(0),
        u16le(0),
        u32le(0),
        u32le(offset),
        nameBytes,
      ),
    );
    local.push(header);
    offset += header.length;
  }
  const directory = concat(...central);
  const end = concat(
    [0x50, 0x4b, 0x05, 0x06],
    u16le(0),
    u16le(0),
    u16le(central.length),
    u16le(central.length),
    u32le(directory.length),
    u32le(offset),
    u16le(0),
  );
  return concat(...local, directory, end);
}

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const CONTENT_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const DOCX = zip({
  '[Content_Types].xml': CONTENT_TYPES,
  '_rels/.rels': '<Relationships/>',
  'word/document.xml': '<w:document/>',
});
const XLSX = zip({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': '<workbook/>' }, true);
const PPTX = zip({ '[Content_Types].xml': CONTENT_TYPES, 'ppt/presentation.xml': '<p:presentation/>' });

// ---------------------------------------------------------------------------------------------

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

const sniff = (bytes: Uint8Array, filename: string, mediaType: string | null = null) =>
  sniffEvidenceFile(bytes, { filename, mediaType });

describe('sniffEvidenceFile: accepted formats', () => {
  it.each([
    ['PDF', PDF, 'report.pdf', 'application/pdf', 'application/pdf', 'pdf'],
    ['PNG', PNG, 'photo.png', 'image/png', 'image/png', 'png'],
    ['JPEG', JPEG, 'photo.jpg', 'image/jpeg', 'image/jpeg', 'jpg'],
    ['JPEG as .jpeg', JPEG, 'PHOTO.JPEG', 'image/pjpeg', 'image/jpeg', 'jpg'],
    ['GIF', GIF, 'anim.gif', 'image/gif', 'image/gif', 'gif'],
    ['WebP', WEBP, 'pic.webp', 'image/webp', 'image/webp', 'webp'],
    ['MP4', MP4, 'clip.mp4', 'video/mp4', 'video/mp4', 'mp4'],
    ['QuickTime', MOV, 'IMG_0001.MOV', 'video/quicktime', 'video/quicktime', 'mov'],
    ['QuickTime named .mp4', MOV, 'clip.mp4', 'video/mp4', 'video/quicktime', 'mov'],
    [
      'DOCX',
      DOCX,
      'essay.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'docx',
    ],
    [
      'XLSX (streamed ZIP)',
      XLSX,
      'log.xlsx',
      'application/zip',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'xlsx',
    ],
    [
      'PPTX',
      PPTX,
      'talk.pptx',
      null,
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'pptx',
    ],
    ['text', text('I wired the board.\n'), 'notes.txt', 'text/plain; charset=utf-8', 'text/plain', 'txt'],
    [
      'CSV from Windows',
      text('date,hours\n2025-01-01,4\n'),
      'hours.csv',
      'application/vnd.ms-excel',
      'text/csv',
      'csv',
    ],
    [
      'Markdown',
      text('# Reflection\n\nI learned *a lot*. 1 < 2.\n'),
      'reflection.md',
      null,
      'text/markdown',
      'md',
    ],
    [
      'UTF-8 text with a BOM',
      concat([0xef, 0xbb, 0xbf], text('Kia ora — āēīōū\n')),
      'māori.txt',
      null,
      'text/plain',
      'txt',
    ],
  ] as const)('%s', (_label, bytes, filename, declared, mediaType, extension) => {
    expect(sniff(bytes, filename, declared)).toEqual({ mediaType, extension });
  });

  it('ignores a declared type that says nothing', () => {
    expect(sniff(PDF, 'report.pdf', 'application/octet-stream').mediaType).toBe('application/pdf');
    expect(sniff(PDF, 'report.pdf', '').mediaType).toBe('application/pdf');
  });

  it('accepts a file without an extension and says which it should have', () => {
    expect(sniff(PNG, 'photo')).toEqual({ mediaType: 'image/png', extension: 'png' });
    expect(sniff(text('hello'), 'README')).toEqual({ mediaType: 'text/plain', extension: 'txt' });
    expect(sniff(text('a,b\n1,2'), 'export', 'text/csv')).toEqual({
      mediaType: 'text/csv',
      extension: 'csv',
    });
  });

  it('judges by the last path segment of the name', () => {
    expect(sniff(PDF, 'C:\\Users\\me\\report.pdf').extension).toBe('pdf');
  });
});

describe('sniffEvidenceFile: refused formats', () => {
  const refusals: [string, Uint8Array, string][] = [
    ['empty', new Uint8Array(0), 'empty.txt'],
    ['HTML', text('<!DOCTYPE html><html><body>hi</body></html>'), 'page.txt'],
    ['HTML after whitespace', text('\n\n  <html><script>alert(1)</script>'), 'notes.txt'],
    ['script near the start', text('Notes\n<script>alert(1)</script>'), 'notes.md'],
    ['SVG', text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'badge.txt'],
    ['SVG with XML declaration', text('<?xml version="1.0"?><svg/>'), 'drawing'],
    ['SVG with a BOM', concat([0xef, 0xbb, 0xbf], text('<svg onload="x"/>')), 'x.md'],
    ['Windows program', concat(text('MZ'), new Uint8Array(64)), 'setup.exe'],
    ['Linux program', concat([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], new Uint8Array(16)), 'tool'],
    ['plain ZIP', zip({ 'a.txt': 'hello' }), 'bundle.zip'],
    ['ZIP named .docx', zip({ 'a.txt': 'hello' }), 'essay.docx'],
    [
      'OOXML of another kind',
      zip({ '[Content_Types].xml': CONTENT_TYPES, 'visio/document.xml': '<x/>' }),
      'plan.vsdx',
    ],
    [
      'macro-enabled Word file',
      zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w/>', 'word/vbaProject.bin': 'x' }),
      'essay.docx',
    ],
    [
      'old Word file',
      concat([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Uint8Array(32)),
      'essay.doc',
    ],
    ['gzip', concat([0x1f, 0x8b, 8, 0], new Uint8Array(16)), 'logs.gz'],
    ['HEIC photo', ftyp('heic', 'mif1', 'heic'), 'IMG_1.heic'],
    ['M4A audio', ftyp('M4A ', 'M4A ', 'isom'), 'voice.m4a'],
    ['WAV', concat(text('RIFF'), u32le(36), text('WAVEfmt '), new Uint8Array(24)), 'voice.wav'],
    ['binary with NUL bytes', new Uint8Array([1, 2, 0, 4, 5]), 'data.txt'],
    ['text that is not UTF-8', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'latin1.txt'],
    ['text with an unaccepted extension', text('just words'), 'server.log'],
  ];

  it.each(refusals)('%s', (_label, bytes, filename) => {
    const err = thrown(() => sniff(bytes, filename));
    expect(err).toBeInstanceOf(UnsupportedEvidenceFile);
    expect(err).toMatchObject({ kind: 'invalid', slug: 'unsupported-file' });
    expect((err as Error).message).toContain('Upload a PDF; a PNG, JPEG, GIF or WebP image');
  });

  it('says what it found', () => {
    expect(() => sniff(new Uint8Array(0), 'a.txt')).toThrow('The file is empty.');
    expect(() => sniff(zip({ 'a.txt': 'x' }), 'a.zip')).toThrow('ZIP archive');
    expect(() => sniff(ftyp('heic', 'mif1'), 'a.heic')).toThrow('Export it as JPEG');
    expect(() =>
      sniff(
        zip({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': '<w/>', 'xl/vbaProject.bin': 'x' }),
        'a.xlsx',
      ),
    ).toThrow('macros');
  });
});

describe('sniffEvidenceFile: mislabelled files', () => {
  it('names what the file is and what its name claims', () => {
    const err = thrown(() => sniff(PNG, 'report.pdf'));
    expect(err).toBeInstanceOf(MislabelledEvidenceFile);
    expect(err).toMatchObject({ kind: 'invalid', slug: 'mislabelled-file' });
    expect((err as Error).message).toBe(
      'report.pdf is a PNG image, not a PDF: rename it or upload the right file.',
    );
  });

  it.each([
    ['JPEG', JPEG, 'photo.png', 'photo.png is a JPEG image, not a PNG image'],
    ['PDF', PDF, 'essay.docx', 'essay.docx is a PDF, not a Word document'],
    ['DOCX', DOCX, 'sheet.xlsx', 'sheet.xlsx is a Word document, not an Excel workbook'],
    ['MP4', MP4, 'clip.gif', 'clip.gif is an MP4 video, not a GIF image'],
    ['text', text('plain words'), 'report.pdf', 'report.pdf is plain text, not a PDF'],
    ['text', text('plain words'), 'page.html', 'page.html is plain text, not a web page'],
    ['PNG', PNG, 'holiday.xyz', 'holiday.xyz is a PNG image: rename it to end in .png'],
  ] as const)('%s named %s', (_label, bytes, filename, message) => {
    const err = thrown(() => sniff(bytes, filename));
    expect(err).toBeInstanceOf(MislabelledEvidenceFile);
    expect((err as Error).message).toContain(message);
  });

  it('refuses a declared type that contradicts the content', () => {
    const err = thrown(() => sniff(PNG, 'photo', 'application/pdf'));
    expect(err).toBeInstanceOf(MislabelledEvidenceFile);
    expect((err as Error).message).toContain('photo is a PNG image, but was sent as a PDF');
    expect((err as MislabelledEvidenceFile).detail).toMatchObject({
      declaredType: 'application/pdf',
      detectedType: 'image/png',
    });
    expect(() => sniff(PNG, 'photo.png', 'image/jpeg')).toThrow(MislabelledEvidenceFile);
    expect(() => sniff(text('x'), 'notes.txt', 'text/html')).toThrow('but was sent as a web page');
    expect(() => sniff(PDF, 'a.pdf', 'application/x-unheard-of')).toThrow('sent as application/x-unheard-of');
  });

  it('tolerates the names systems give to the same format', () => {
    expect(sniff(PNG, 'a.png', 'image/x-png').mediaType).toBe('image/png');
    expect(sniff(JPEG, 'a.jfif', 'image/jpg').mediaType).toBe('image/jpeg');
    expect(sniff(DOCX, 'a.docx', 'application/x-zip-compressed').extension).toBe('docx');
    expect(sniff(MP4, 'a.mov', 'video/quicktime').mediaType).toBe('video/mp4');
  });
});

describe('sniffEvidenceFile: size', () => {
  it('accepts a file at the limit and refuses one over it', () => {
    const atLimit = new Uint8Array(EVIDENCE_FILE_MAX_BYTES);
    atLimit.set(PDF);
    expect(sniff(atLimit, 'big.pdf').mediaType).toBe('application/pdf');
    const over = new Uint8Array(EVIDENCE_FILE_MAX_BYTES + 1);
    over.set(PDF);
    const err = thrown(() => sniff(over, 'big.pdf'));
    expect(err).toBeInstanceOf(EvidenceFileTooLarge);
    expect(err).toMatchObject({ kind: 'invalid', slug: 'file-too-large' });
    expect((err as Error).message).toContain('20.1 MiB');
    expect((err as Error).message).toContain('at most 20 MiB');
  });
});

describe('safeFilename', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\Desktop\\essay final.docx', 'essay final.docx'],
    ['a/b\\c/d.txt', 'd.txt'],
    ['my   \t  great\nessay.docx', 'my great essay.docx'],
    ['"quoted" \'name\'.pdf', 'quoted name.pdf'],
    ['bell\u0007\u0000null.txt', 'bellnull.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['..', 'evidence'],
    ['', 'evidence'],
    ['   ', 'evidence'],
    ['.pdf', 'evidence.pdf'],
    ['.hidden.txt', 'hidden.txt'],
    ['folder/', 'evidence'],
    ['"".png', 'evidence.png'],
    ['trailing dots...  .pdf', 'trailing dots.pdf'],
    ['archive.tar.gz', 'archive.tar.gz'],
    ['Kia ora — whānau.md', 'Kia ora — whānau.md'],
  ])('%j → %j', (name, expected) => {
    expect(safeFilename(name)).toBe(expected);
  });

  it('keeps at most 200 characters and the extension', () => {
    const long = safeFilename(`${'a'.repeat(300)}.docx`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('a.docx')).toBe(true);
    expect(safeFilename('b'.repeat(300))).toBe('b'.repeat(200));
    expect(safeFilename(`${'x'.repeat(199)}.pdf`)).toHaveLength(200);
  });

  it('does not split a character made of two UTF-16 units', () => {
    // 195 + 4 leaves one unit: not enough for the emoji's two, so it goes whole.
    expect(safeFilename(`${'a'.repeat(195)}${'😀'.repeat(5)}.pdf`)).toBe(`${'a'.repeat(195)}.pdf`);
    expect(safeFilename(`${'a'.repeat(194)}${'😀'.repeat(5)}.pdf`)).toBe(`${'a'.repeat(194)}😀.pdf`);
  });
});

describe('checkSubmissionFileBudget', () => {
  const MiB = 1024 * 1024;

  it('allows files up to the count and size limits', () => {
    expect(() => {
      checkSubmissionFileBudget({ count: 0, bytes: 0 }, 10 * MiB);
    }).not.toThrow();
    expect(() => {
      checkSubmissionFileBudget({ count: SUBMISSION_FILES_MAX_COUNT - 1, bytes: 80 * MiB }, 20 * MiB);
    }).not.toThrow();
  });

  it('refuses one file too many', () => {
    const err = thrown(() => {
      checkSubmissionFileBudget({ count: SUBMISSION_FILES_MAX_COUNT, bytes: 0 }, 1);
    });
    expect(err).toBeInstanceOf(SubmissionFilesFull);
    expect(err).toMatchObject({ slug: 'submission-files-full', detail: { fileCount: 30, maxCount: 30 } });
    expect((err as Error).message).toContain('30 files');
  });

  it('refuses going over the total size', () => {
    const err = thrown(() => {
      checkSubmissionFileBudget({ count: 3, bytes: SUBMISSION_FILES_MAX_BYTES - 10 }, 11);
    });
    expect(err).toBeInstanceOf(SubmissionFilesFull);
    expect((err as Error).message).toContain('at most 100 MiB');
  });

  it('refuses a single file over the file limit first', () => {
    expect(() => {
      checkSubmissionFileBudget({ count: 0, bytes: 0 }, EVIDENCE_FILE_MAX_BYTES + 1);
    }).toThrow(EvidenceFileTooLarge);
  });
});
