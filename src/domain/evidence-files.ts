/**
 * Evidence files that learners upload and assessors download and open. The type comes from the
 * bytes, never from the name or the client's Content-Type, and only formats an assessor can open
 * safely are accepted: no HTML or SVG (they run script when opened in a browser), no executables,
 * no archives that could hide either, no macro-enabled Office files.
 */
import { DomainError } from './errors.js';

export const EVIDENCE_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const SUBMISSION_FILES_MAX_BYTES = 100 * 1024 * 1024;
export const SUBMISSION_FILES_MAX_COUNT = 30;

const ACCEPTED =
  'Upload a PDF; a PNG, JPEG, GIF or WebP image; an MP4 or MOV video; a Word, Excel or PowerPoint file ' +
  '(.docx, .xlsx, .pptx); or plain text (.txt, .csv, .md).';

export class UnsupportedEvidenceFile extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'unsupported-file';
  readonly title = 'File type not accepted';

  constructor(found: string) {
    super(`${found} ${ACCEPTED}`);
  }
}

export class MislabelledEvidenceFile extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'mislabelled-file';
  readonly title = 'File name or type does not match its content';
}

export class EvidenceFileTooLarge extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'file-too-large';
  readonly title = 'File too large';

  constructor(bytes: number) {
    super(
      `The file is ${formatMiB(bytes)}; an evidence file may be at most ${formatMiB(EVIDENCE_FILE_MAX_BYTES)}. ` +
        'Compress it, or split it into smaller files.',
      { bytes, maxBytes: EVIDENCE_FILE_MAX_BYTES },
    );
  }
}

/** The submission, not the file, is the problem: it already holds as much as it may. */
export class SubmissionFilesFull extends DomainError {
  readonly kind = 'conflict';
  readonly slug = 'submission-files-full';
  readonly title = 'No room for more files';
}

// ---------------------------------------------------------------------------------------------
// The accepted formats

interface FileType {
  mediaType: string;
  /** Canonical extension first. */
  extensions: readonly string[];
  /** Content-Types clients send for it (browsers and operating systems disagree). */
  declaredTypes: readonly string[];
  /** "a PDF", "a PNG image": how messages name it. */
  noun: string;
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
// Some systems label an OOXML file as the ZIP it is, or by its application's older type; neither is a
// contradiction worth refusing.
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed'];
// MP4 and QuickTime share one box format; phones and browsers mix up the names.
const VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/x-m4v'];
const TEXT_TYPES = [
  'text/plain',
  'text/csv',
  'text/x-csv',
  'application/csv',
  'text/markdown',
  'text/x-markdown',
];

const TYPES = {
  pdf: {
    mediaType: 'application/pdf',
    extensions: ['pdf'],
    declaredTypes: ['application/pdf', 'application/x-pdf'],
    noun: 'a PDF',
  },
  png: {
    mediaType: 'image/png',
    extensions: ['png'],
    declaredTypes: ['image/png', 'image/x-png'],
    noun: 'a PNG image',
  },
  jpeg: {
    mediaType: 'image/jpeg',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    declaredTypes: ['image/jpeg', 'image/pjpeg', 'image/jpg'],
    noun: 'a JPEG image',
  },
  gif: { mediaType: 'image/gif', extensions: ['gif'], declaredTypes: ['image/gif'], noun: 'a GIF image' },
  webp: {
    mediaType: 'image/webp',
    extensions: ['webp'],
    declaredTypes: ['image/webp'],
    noun: 'a WebP image',
  },
  mp4: {
    mediaType: 'video/mp4',
    extensions: ['mp4', 'm4v', 'mov'],
    declaredTypes: VIDEO_TYPES,
    noun: 'an MP4 video',
  },
  mov: {
    mediaType: 'video/quicktime',
    extensions: ['mov', 'mp4', 'm4v'],
    declaredTypes: VIDEO_TYPES,
    noun: 'a QuickTime video',
  },
  docx: {
    mediaType: DOCX_TYPE,
    extensions: ['docx'],
    declaredTypes: [DOCX_TYPE, 'application/msword', ...ZIP_TYPES],
    noun: 'a Word document',
  },
  xlsx: {
    mediaType: XLSX_TYPE,
    extensions: ['xlsx'],
    declaredTypes: [XLSX_TYPE, 'application/vnd.ms-excel', ...ZIP_TYPES],
    noun: 'an Excel workbook',
  },
  pptx: {
    mediaType: PPTX_TYPE,
    extensions: ['pptx'],
    declaredTypes: [PPTX_TYPE, 'application/vnd.ms-powerpoint', ...ZIP_TYPES],
    noun: 'a PowerPoint presentation',
  },
  // Windows with Excel installed sends .csv files as application/vnd.ms-excel.
  txt: { mediaType: 'text/plain', extensions: ['txt'], declaredTypes: TEXT_TYPES, noun: 'plain text' },
  csv: {
    mediaType: 'text/csv',
    extensions: ['csv'],
    declaredTypes: [...TEXT_TYPES, 'application/vnd.ms-excel'],
    noun: 'a CSV file',
  },
  md: {
    mediaType: 'text/markdown',
    extensions: ['md', 'markdown'],
    declaredTypes: TEXT_TYPES,
    noun: 'a Markdown file',
  },
} as const satisfies Record<string, FileType>;

type TypeKey = keyof typeof TYPES;
const TYPE_KEYS = Object.keys(TYPES) as TypeKey[];
const TEXT_KEYS: readonly TypeKey[] = ['txt', 'csv', 'md'];

/** Nouns for extensions and Content-Types that are not accepted, so a mismatch still reads well. */
const OTHER_NOUNS: Readonly<Record<string, string>> = {
  html: 'a web page',
  htm: 'a web page',
  svg: 'an SVG image',
  exe: 'a program',
  zip: 'a ZIP archive',
  doc: 'an old-format Word document',
  xls: 'an old-format Excel workbook',
  ppt: 'an old-format PowerPoint presentation',
  heic: 'an HEIC photo',
  'text/html': 'a web page',
  'image/svg+xml': 'an SVG image',
};

/**
 * What the file really is, judged by its bytes, checked against what the client said it is.
 * @returns the media type to store and serve it as, and its canonical extension (no dot)
 * @throws EvidenceFileTooLarge | UnsupportedEvidenceFile | MislabelledEvidenceFile
 */
export function sniffEvidenceFile(
  bytes: Uint8Array,
  declared: { filename: string; mediaType: string | null },
): { mediaType: string; extension: string } {
  if (bytes.length > EVIDENCE_FILE_MAX_BYTES) throw new EvidenceFileTooLarge(bytes.length);
  if (bytes.length === 0) throw new UnsupportedEvidenceFile('The file is empty.');

  const filename = safeFilename(declared.filename);
  const extension = extensionOf(filename);
  const declaredType = essence(declared.mediaType);

  const detected = detectBinary(bytes) ?? detectText(bytes, extension, declaredType);
  const type: FileType = TYPES[detected];

  if (extension !== null && !type.extensions.includes(extension)) {
    const claimed = nounForExtension(extension);
    throw new MislabelledEvidenceFile(
      claimed === undefined
        ? `${filename} is ${type.noun}: rename it to end in .${type.extensions[0] ?? ''}, or upload the right file.`
        : `${filename} is ${type.noun}, not ${claimed}: rename it or upload the right file.`,
      { filename, detectedType: type.mediaType },
    );
  }
  if (declaredType !== null && !type.declaredTypes.includes(declaredType)) {
    const claimed = nounForMediaType(declaredType);
    throw new MislabelledEvidenceFile(
      `${filename} is ${type.noun}, but was sent as ${claimed ?? declaredType}: upload it again, or check that you chose the right file.`,
      { filename, detectedType: type.mediaType, declaredType },
    );
  }
  return { mediaType: type.mediaType, extension: type.extensions[0] ?? '' };
}

/** The Content-Type without parameters, or null when it says nothing (absent, or "some bytes"). */
function essence(mediaType: string | null): string | null {
  const e = mediaType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return e === '' || e === 'application/octet-stream' || e === 'binary/octet-stream' ? null : e;
}

function extensionOf(filename: string): string | null {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(filename);
  return match?.[1] === undefined ? null : match[1].toLowerCase();
}

function nounForExtension(extension: string): string | undefined {
  // The first type listing it as canonical, so ".mov" reads as QuickTime rather than MP4.
  const key =
    TYPE_KEYS.find((k) => TYPES[k].extensions[0] === extension) ??
    TYPE_KEYS.find((k) => (TYPES[k].extensions as readonly string[]).includes(extension));
  return key === undefined ? OTHER_NOUNS[extension] : TYPES[key].noun;
}

function nounForMediaType(mediaType: string): string | undefined {
  const key = TYPE_KEYS.find((k) => TYPES[k].mediaType === mediaType);
  return key === undefined ? OTHER_NOUNS[mediaType] : TYPES[key].noun;
}

// ---------------------------------------------------------------------------------------------
// Sniffing binary formats

const ascii = (text: string): number[] => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const FTYP = ascii('ftyp');
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

/** Major brands of ordinary MP4 video; HEIC/AVIF photos and audio-only files share the box format. */
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'dash',
  'MSNV',
  'NDAS',
  'f4v ',
  '3gp4',
  '3gp5',
  '3gp6',
  '3g2a',
  'mmp4',
]);

function detectBinary(bytes: Uint8Array): TypeKey | undefined {
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'gif';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'webp';
  if (startsWith(bytes, FTYP, 4)) return isoMediaType(bytes);
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) return officeType(bytes);
  const found = otherKnownFormat(bytes);
  if (found !== undefined) throw new UnsupportedEvidenceFile(found);
  return undefined;
}

/** MP4 and QuickTime open with an `ftyp` box naming a major brand. */
function isoMediaType(bytes: Uint8Array): TypeKey {
  const boxSize = readUint32BE(bytes, 0);
  const brand = String.fromCharCode(...bytes.subarray(8, 12));
  if (boxSize < 16 || bytes.length < 16)
    throw new UnsupportedEvidenceFile('The video file is damaged or cut short.');
  if (brand === 'qt  ') return 'mov';
  if (MP4_BRANDS.has(brand)) return 'mp4';
  if (/^(hei|hev|mif|msf|avi|avc)/.test(brand))
    throw new UnsupportedEvidenceFile('This is an HEIC or AVIF photo. Export it as JPEG first.');
  if (brand.startsWith('M4A') || brand.startsWith('M4B'))
    throw new UnsupportedEvidenceFile('This is an audio file.');
  throw new UnsupportedEvidenceFile(`This is a media file of a kind not accepted (${brand.trim()}).`);
}

/**
 * An Office Open XML file is a ZIP holding `[Content_Types].xml` and a `word/`, `xl/` or `ppt/`
 * folder. Local file headers are found by their signature rather than by walking sizes, since
 * writers that stream (LibreOffice, many libraries) leave sizes out of the headers.
 */
function officeType(bytes: Uint8Array): TypeKey {
  const names = zipEntryNames(bytes);
  const has = (prefix: string): boolean => names.some((n) => n.startsWith(prefix));
  if (!names.includes('[Content_Types].xml'))
    throw new UnsupportedEvidenceFile('This is a ZIP archive, which could hide anything.');
  if (names.some((n) => /(^|\/)vba(Project\.bin|Data\.xml)$/i.test(n)))
    throw new UnsupportedEvidenceFile(
      'This Office file contains macros, which can run code on the assessor’s computer. Save it without macros (as .docx, .xlsx or .pptx).',
    );
  if (has('word/')) return 'docx';
  if (has('xl/')) return 'xlsx';
  if (has('ppt/')) return 'pptx';
  throw new UnsupportedEvidenceFile(
    'This is a ZIP-based document of a kind not accepted (not Word, Excel or PowerPoint).',
  );
}

function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let i = indexOf(bytes, ZIP_LOCAL_HEADER, 0); i !== -1; i = indexOf(bytes, ZIP_LOCAL_HEADER, i + 4)) {
    if (i + 30 > bytes.length) break;
    const nameLength = (bytes[i + 26] ?? 0) | ((bytes[i + 27] ?? 0) << 8);
    if (nameLength === 0 || i + 30 + nameLength > bytes.length) continue;
    names.push(decoder.decode(bytes.subarray(i + 30, i + 30 + nameLength)));
  }
  return names;
}

/** Formats worth naming in the refusal, so the learner knows what to convert. */
function otherKnownFormat(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, ascii('MZ'))) return 'This is a Windows program, which cannot be evidence.';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'This is a program, which cannot be evidence.';
  if (
    [
      [0xcf, 0xfa, 0xed, 0xfe],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xca, 0xfe, 0xba, 0xbe],
    ].some((m) => startsWith(bytes, m))
  )
    return 'This is a program, which cannot be evidence.';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return 'This is an old-format Office file (.doc, .xls or .ppt). Save it in the newer format or as a PDF.';
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'This is an empty ZIP archive.';
  if (
    startsWith(bytes, [0x1f, 0x8b]) ||
    startsWith(bytes, ascii('Rar!')) ||
    startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf])
  )
    return 'This is a compressed archive, which could hide anything.';
  if (startsWith(bytes, RIFF)) return 'This is a RIFF file (such as WAV or AVI) of a kind not accepted.';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Sniffing text

/** Tags a browser (or an old one's content sniffing) would render as a page or run as script. */
const MARKUP_ANYWHERE_NEAR_START =
  /<(script|html|svg|iframe|object|embed|body|head|meta|!doctype\s+html)[\s/>]/i;
const MARKUP_SNIFF_WINDOW = 1024;

function detectText(bytes: Uint8Array, extension: string | null, declaredType: string | null): TypeKey {
  if (bytes.includes(0)) throw new UnsupportedEvidenceFile('This file is not in a format Cairn recognises.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnsupportedEvidenceFile(
      'This file is not in a format Cairn recognises (if it is text, save it as UTF-8).',
    );
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^<[A-Za-z!?/]/.test(start) || MARKUP_ANYWHERE_NEAR_START.test(start.slice(0, MARKUP_SNIFF_WINDOW))) {
    throw new UnsupportedEvidenceFile(
      'This file contains web markup (HTML, SVG or XML), which could run script when opened. Save it as a PDF.',
    );
  }
  // Text has no signature: the name (or else the declared type) says which kind it is.
  const byExtension = TEXT_KEYS.find(
    (k) => extension !== null && (TYPES[k].extensions as readonly string[]).includes(extension),
  );
  if (byExtension !== undefined) return byExtension;
  if (extension === null) {
    if (declaredType === 'text/csv') return 'csv';
    if (declaredType === 'text/markdown' || declaredType === 'text/x-markdown') return 'md';
    return 'txt';
  }
  if (nounForExtension(extension) !== undefined) return 'txt'; // a binary type's name: mislabelled, said by the caller
  throw new UnsupportedEvidenceFile(
    `Files ending in .${extension} are not accepted; if it is plain text, rename it to end in .txt.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Names

const FILENAME_MAX = 200;

/**
 * A name safe to store, show and send in Content-Disposition: the last path segment only, without
 * control or bidirectional-override characters (which can disguise "gpj.exe" as "exe.jpg"), quotes
 * or leading dots, whitespace collapsed, at most 200 characters with the extension kept.
 */
export function safeFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/\s+/g, ' ') // tabs and line breaks separate words: keep them apart
    .replace(/[\u0000-\u001f\u007f-\u009f"'`\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  const match = /^(.*?)(\.[A-Za-z0-9]{1,10})?$/s.exec(cleaned);
  const extension = match?.[2] ?? '';
  const stem = (match?.[1] ?? '').replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  const room = FILENAME_MAX - extension.length;
  let kept = '';
  for (const ch of stem) {
    if (kept.length + ch.length > room) break;
    kept += ch;
  }
  kept = kept.trimEnd().replace(/[.\s]+$/, '');
  return (kept === '' ? 'evidence' : kept) + extension;
}

// ---------------------------------------------------------------------------------------------
// Budget

/** @throws EvidenceFileTooLarge | SubmissionFilesFull */
export function checkSubmissionFileBudget(existing: { count: number; bytes: number }, adding: number): void {
  if (adding > EVIDENCE_FILE_MAX_BYTES) throw new EvidenceFileTooLarge(adding);
  if (existing.count + 1 > SUBMISSION_FILES_MAX_COUNT) {
    throw new SubmissionFilesFull(
      `This submission already has ${existing.count} files, the most it may hold is ${SUBMISSION_FILES_MAX_COUNT}. ` +
        'Remove one, or combine several into one PDF.',
      { fileCount: existing.count, maxCount: SUBMISSION_FILES_MAX_COUNT },
    );
  }
  if (existing.bytes + adding > SUBMISSION_FILES_MAX_BYTES) {
    throw new SubmissionFilesFull(
      `This file (${formatMiB(adding)}) would take the submission's files to ${formatMiB(existing.bytes + adding)}; ` +
        `together they may be at most ${formatMiB(SUBMISSION_FILES_MAX_BYTES)}. Remove or compress a file first.`,
      { bytes: existing.bytes, adding, maxBytes: SUBMISSION_FILES_MAX_BYTES },
    );
  }
}

// ---------------------------------------------------------------------------------------------

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

function indexOf(bytes: Uint8Array, needle: readonly number[], from: number): number {
  const first = needle[0];
  for (let i = bytes.indexOf(first ?? 0, from); i !== -1; i = bytes.indexOf(first ?? 0, i + 1)) {
    if (startsWith(bytes, needle, i)) return i;
  }
  return -1;
}

function readUint32BE(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) >>> 0) +
    ((bytes[at + 1] ?? 0) << 16) +
    ((bytes[at + 2] ?? 0) << 8) +
    (bytes[at + 3] ?? 0)
  );
}

/** In MiB with one decimal, rounded up, so a file one byte over the limit does not read as at it. */
function formatMiB(bytes: number): string {
  return `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toLocaleString('en')} MiB`;
}
