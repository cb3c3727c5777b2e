/**
 * Competency frameworks are data: any sector brings its own groups, competencies and proficiency
 * scale. Codes are unique within a framework and are what people (and CSV files) refer to.
 */

export interface ProficiencyLevel {
  /** 1-based, ordered. */
  level: number;
  name: string;
  description: string;
}

export interface CompetencyGroup {
  code: string;
  name: string;
  description: string;
}

/** A link from a competency to an external framework: GFMAM subject, ISO 55001 clause, ESCO skill … */
export interface ExternalAlignment {
  /** The external framework's name, e.g. "GFMAM Asset Management Landscape". */
  framework: string;
  /** The item's code there, e.g. "GF31" or "ISO 55001 6.2". */
  code: string;
  targetName?: string;
  targetUrl?: string;
}

export interface Competency {
  code: string;
  groupCode: string;
  name: string;
  description: string;
  /** Free tags, e.g. the skill areas maths, science, finance … */
  tags: string[];
  /** What each level of the framework's scale looks like for this competency (optional per level). */
  indicators: { level: number; indicator: string }[];
  alignments: ExternalAlignment[];
  /** A stable identifier used in CASE exports (CFItem identifier); generated when absent. */
  caseIdentifier?: string;
}

export interface FrameworkContent {
  title: string;
  description: string;
  /** The framework's own version label, e.g. "2025.1". */
  version: string;
  language: string;
  scale: ProficiencyLevel[];
  groups: CompetencyGroup[];
  competencies: Competency[];
  /** A stable identifier used in CASE exports (CFDocument identifier). */
  caseIdentifier?: string;
}

/** A problem found in an imported file, tied to the row or item it came from. */
export interface ImportIssue {
  /** 1-based row for CSV (the header is row 1); the CFItem's index or identifier for CASE. */
  row: number | string;
  field?: string;
  message: string;
}

export type ImportResult =
  | { ok: true; framework: FrameworkContent; warnings: ImportIssue[] }
  | { ok: false; errors: ImportIssue[]; warnings: ImportIssue[] };
