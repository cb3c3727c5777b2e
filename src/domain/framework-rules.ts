/**
 * The rules every competency framework keeps, whichever way it arrived (editor, CSV, CASE). Importers
 * build a `FrameworkContent` first and then ask these rules, so a rule lives in one place only.
 */
import type { FrameworkContent, ImportIssue, ProficiencyLevel } from './frameworks.js';

export const SCALE_MIN_LEVELS = 2;
export const SCALE_MAX_LEVELS = 10;
export const TITLE_MAX_LENGTH = 200;
export const NAME_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 4000;
export const VERSION_MAX_LENGTH = 50;
export const TAG_MAX_LENGTH = 100;

/** Letters, digits, `.`, `_` and `-`, starting with a letter or digit; short enough to print on a badge. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
/** The UUID form CASE requires for identifiers (versions 1–5, RFC 4122 variant). */
export const CASE_UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** BCP 47 in outline: a primary language subtag, then optional subtags (en, en-NZ, mi, zh-Hant-TW). */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** Used when an import brings no scale of its own (CSV without one from the caller, CASE without rubrics). */
export const DEFAULT_PROFICIENCY_SCALE: readonly ProficiencyLevel[] = Object.freeze([
  {
    level: 1,
    name: 'Aware',
    description:
      'Can explain the idea and its key terms and recognise where it shows up in their own organisation.',
  },
  {
    level: 2,
    name: 'Developing',
    description: 'Carries out defined tasks with set methods; work is guided and checked.',
  },
  {
    level: 3,
    name: 'Practitioner',
    description:
      'Works independently on typical problems, chooses and adapts methods; output is peer reviewed.',
  },
  {
    level: 4,
    name: 'Leading practitioner',
    description: "Handles complex or unfamiliar situations, leads others' work and advises managers.",
  },
  {
    level: 5,
    name: 'Principal',
    description:
      'Sets direction for the organisation or sector, is accountable for outcomes and develops others.',
  },
]);

/** Which part of the framework a problem is in, by position, so each importer can name its own row. */
export type ProblemLocation =
  | { kind: 'framework' }
  | { kind: 'scale'; index?: number }
  | { kind: 'group'; index: number }
  | { kind: 'competency'; index: number };

export interface FrameworkProblem {
  at: ProblemLocation;
  /** The model's field name: `code`, `groupCode`, `indicators`, `alignments`, `title` … */
  field: string;
  /** Set for indicator problems, so CSV can point at the `level_n` column. */
  level?: number;
  message: string;
}

/**
 * Every rule a framework must keep, as issues tied to a code: the competency's (or group's) code is the
 * `row`, and `scale` / `framework` for the rest. An empty list means the framework is valid.
 */
export function checkFramework(content: FrameworkContent): ImportIssue[] {
  return findFrameworkProblems(content).map((problem) => ({
    row: rowName(content, problem.at),
    field: problem.field,
    message: problem.message,
  }));
}

function rowName(content: FrameworkContent, at: ProblemLocation): string {
  switch (at.kind) {
    case 'framework':
      return 'framework';
    case 'scale':
      return 'scale';
    case 'group':
      return nonBlank(content.groups[at.index]?.code) ?? `group ${at.index + 1}`;
    case 'competency':
      return nonBlank(content.competencies[at.index]?.code) ?? `competency ${at.index + 1}`;
  }
}

/** The same rules as `checkFramework`, located by position for importers that map them to their rows. */
export function findFrameworkProblems(content: FrameworkContent): FrameworkProblem[] {
  const problems: FrameworkProblem[] = [];
  const framework: ProblemLocation = { kind: 'framework' };
  const add = (at: ProblemLocation, field: string, message: string, level?: number): void => {
    problems.push(level === undefined ? { at, field, message } : { at, field, level, message });
  };

  checkText(content.title, 'Title', TITLE_MAX_LENGTH, true, (m) => {
    add(framework, 'title', m);
  });
  checkText(content.description, 'Description', DESCRIPTION_MAX_LENGTH, false, (m) => {
    add(framework, 'description', m);
  });
  checkText(content.version, 'Version', VERSION_MAX_LENGTH, false, (m) => {
    add(framework, 'version', m);
  });
  if (!LANGUAGE_TAG.test(content.language)) {
    add(framework, 'language', `Language "${content.language}" is not a language tag such as en or en-NZ.`);
  }
  if (content.caseIdentifier !== undefined && !CASE_UUID_PATTERN.test(content.caseIdentifier)) {
    add(framework, 'caseIdentifier', 'The CASE identifier must be a lower-case UUID.');
  }

  checkScale(content.scale, add);
  const groupCodes = checkGroups(content, add);
  checkCompetencies(content, groupCodes, add);
  return problems;
}

type Add = (at: ProblemLocation, field: string, message: string, level?: number) => void;

function checkScale(scale: readonly ProficiencyLevel[], add: Add): void {
  if (scale.length < SCALE_MIN_LEVELS || scale.length > SCALE_MAX_LEVELS) {
    add(
      { kind: 'scale' },
      'scale',
      `The proficiency scale has ${scale.length} levels; it needs ${SCALE_MIN_LEVELS} to ${SCALE_MAX_LEVELS}.`,
    );
  }
  const names = new Set<string>();
  scale.forEach((step, index) => {
    const at: ProblemLocation = { kind: 'scale', index };
    if (step.level !== index + 1) {
      add(
        at,
        'level',
        `Scale levels are numbered 1, 2, 3 … in order; level ${index + 1} is numbered ${step.level}.`,
      );
    }
    const label = `Level ${index + 1}`;
    checkText(step.name, `${label} name`, NAME_MAX_LENGTH, true, (m) => {
      add(at, 'name', m);
    });
    checkText(step.description, `${label} description`, DESCRIPTION_MAX_LENGTH, false, (m) => {
      add(at, 'description', m);
    });
    const key = step.name.trim().toLowerCase();
    if (key !== '' && names.has(key))
      add(at, 'name', `${label} has the same name as another level: "${step.name}".`);
    names.add(key);
  });
}

/** @returns the group codes that exist, for the competencies' `groupCode` check. */
function checkGroups(content: FrameworkContent, add: Add): Set<string> {
  const seen = new Set<string>();
  const codes = new Set<string>();
  content.groups.forEach((group, index) => {
    const at: ProblemLocation = { kind: 'group', index };
    checkCode(group.code, 'Group code', (m) => {
      add(at, 'code', m);
    });
    const key = group.code.toLowerCase();
    if (group.code !== '' && seen.has(key))
      add(at, 'code', `Group code "${group.code}" is used by another group.`);
    seen.add(key);
    codes.add(group.code);
    checkText(group.name, 'Group name', NAME_MAX_LENGTH, true, (m) => {
      add(at, 'name', m);
    });
    checkText(group.description, 'Group description', DESCRIPTION_MAX_LENGTH, false, (m) => {
      add(at, 'description', m);
    });
  });
  return codes;
}

function checkCompetencies(content: FrameworkContent, groupCodes: Set<string>, add: Add): void {
  const scaleLevels = new Set(content.scale.map((step) => step.level));
  const seenCodes = new Set<string>();
  const seenIdentifiers = new Set<string>(
    content.caseIdentifier === undefined ? [] : [content.caseIdentifier],
  );

  content.competencies.forEach((competency, index) => {
    const at: ProblemLocation = { kind: 'competency', index };
    checkCode(competency.code, 'Code', (m) => {
      add(at, 'code', m);
    });
    // Case-insensitive: "fnd-01" and "FND-01" would be the same thing to a person reading a badge.
    const key = competency.code.toLowerCase();
    if (competency.code !== '' && seenCodes.has(key)) {
      add(at, 'code', `Code "${competency.code}" is used by another competency.`);
    }
    seenCodes.add(key);

    if (competency.groupCode.trim() === '') add(at, 'groupCode', 'The competency has no group.');
    else if (!groupCodes.has(competency.groupCode)) {
      add(at, 'groupCode', `Group "${competency.groupCode}" does not exist.`);
    }
    checkText(competency.name, 'Name', NAME_MAX_LENGTH, true, (m) => {
      add(at, 'name', m);
    });
    checkText(competency.description, 'Description', DESCRIPTION_MAX_LENGTH, false, (m) => {
      add(at, 'description', m);
    });

    for (const tag of competency.tags) {
      if (tag.trim() === '') add(at, 'tags', 'Tags cannot be empty.');
      else if (tag.length > TAG_MAX_LENGTH)
        add(at, 'tags', `Tag "${tag.slice(0, 20)}…" is longer than ${TAG_MAX_LENGTH} characters.`);
    }

    const levelsSeen = new Set<number>();
    for (const { level, indicator } of competency.indicators) {
      if (!scaleLevels.has(level)) {
        add(
          at,
          'indicators',
          `Level ${level} is not on the proficiency scale (levels 1–${content.scale.length}).`,
          level,
        );
      } else if (levelsSeen.has(level)) {
        add(at, 'indicators', `Level ${level} has more than one indicator.`, level);
      }
      levelsSeen.add(level);
      checkText(indicator, `The level ${level} indicator`, DESCRIPTION_MAX_LENGTH, true, (m) => {
        add(at, 'indicators', m, level);
      });
    }

    const alignmentsSeen = new Set<string>();
    for (const alignment of competency.alignments) {
      const label = `Alignment ${alignment.framework || '?'} ${alignment.code || '?'}`;
      checkText(alignment.framework, `${label}: framework`, NAME_MAX_LENGTH, true, (m) => {
        add(at, 'alignments', m);
      });
      checkText(alignment.code, `${label}: code`, NAME_MAX_LENGTH, true, (m) => {
        add(at, 'alignments', m);
      });
      if (alignment.targetName !== undefined) {
        checkText(alignment.targetName, `${label}: target name`, NAME_MAX_LENGTH, false, (m) => {
          add(at, 'alignments', m);
        });
      }
      if (alignment.targetUrl !== undefined && !isHttpUrl(alignment.targetUrl)) {
        add(at, 'alignments', `${label}: "${alignment.targetUrl}" is not an http(s) URL.`);
      }
      const alignmentKey = `${alignment.framework.toLowerCase()}\u0000${alignment.code.toLowerCase()}`;
      if (alignmentsSeen.has(alignmentKey)) add(at, 'alignments', `${label} is listed twice.`);
      alignmentsSeen.add(alignmentKey);
    }

    if (competency.caseIdentifier !== undefined) {
      if (!CASE_UUID_PATTERN.test(competency.caseIdentifier)) {
        add(at, 'caseIdentifier', 'The CASE identifier must be a lower-case UUID.');
      } else if (seenIdentifiers.has(competency.caseIdentifier)) {
        add(at, 'caseIdentifier', 'The CASE identifier is used elsewhere in this framework.');
      }
      seenIdentifiers.add(competency.caseIdentifier);
    }
  });
}

function checkCode(code: string, label: string, report: (message: string) => void): void {
  if (code === '') report(`${label} is missing.`);
  else if (!CODE_PATTERN.test(code)) {
    report(
      `${label} "${code}" must start with a letter or digit and use only letters, digits, ".", "_" and "-" (32 characters at most).`,
    );
  }
}

function checkText(
  text: string,
  label: string,
  maxLength: number,
  required: boolean,
  report: (message: string) => void,
): void {
  if (required && text.trim() === '') report(`${label} is empty.`);
  else if (text.length > maxLength)
    report(`${label} is ${text.length} characters long; the limit is ${maxLength}.`);
}

export function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    return new URL(text).hostname !== '';
  } catch {
    return false;
  }
}

function nonBlank(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}
