/**
 * 1EdTech CASE 1.1 (Competencies and Academic Standards Exchange) packages, to and from a framework.
 *
 * Mapping (CFPackage):
 * - CFDocument: the framework (title, description, version, language, caseVersion "1.1").
 * - CFItems: each group (CFItemType "Competency Group") and each competency (CFItemType "Competency"):
 *   humanCodingScheme = code, fullStatement = name, notes = description, conceptKeywords = tags.
 * - CFAssociations: `isChildOf` from group to document and from competency to group; each external
 *   alignment is an `isRelatedTo` from the competency to the external node (title = code, uri = the
 *   target URL or `urn:uuid:…`, notes = target name), grouped by a CFAssociationGrouping that carries
 *   the external framework's name.
 * - CFRubrics (a CFPackage child in CASE 1.1, not a CFDefinitions one): one rubric whose first criterion
 *   (no CFItemURI) is the proficiency scale itself, then one criterion per competency whose levels are
 *   score = level, quality = level name, description = the indicator.
 *
 * Identifiers are UUID v5: the document's from baseUri + frameworkId (or its caseIdentifier), everything
 * else from the document's identifier + a code, so an export is stable and a re-import recognises them.
 */
import { createHash } from 'node:crypto';
import { InvalidInput } from './errors.js';
import {
  CASE_UUID_PATTERN,
  DEFAULT_PROFICIENCY_SCALE,
  NAME_MAX_LENGTH,
  findFrameworkProblems,
  isHttpUrl,
  type ProblemLocation,
} from './framework-rules.js';
import type {
  Competency,
  CompetencyGroup,
  ExternalAlignment,
  FrameworkContent,
  ImportIssue,
  ImportResult,
  ProficiencyLevel,
} from './frameworks.js';

export const CASE_VERSION = '1.1';
export const GROUP_ITEM_TYPE = 'Competency Group';
export const COMPETENCY_ITEM_TYPE = 'Competency';
/** How an alignment is written; `exactMatchOf` is read as an alignment too. */
export const ALIGNMENT_ASSOCIATION_TYPE = 'isRelatedTo';
const ALIGNMENT_TYPES = new Set(['isRelatedTo', 'exactMatchOf']);

/** RFC 4122 name space for URLs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
/** External nodes get the same identifier from every Cairn server: it depends on framework and code only. */
const ALIGNMENT_TARGET_NAMESPACE = uuidV5('urn:cairn:case:alignment-target', URL_NAMESPACE);

export interface CaseLinkUri {
  title: string;
  identifier: string;
  uri: string;
}

export interface CaseDocument {
  identifier: string;
  uri: string;
  creator: string;
  title: string;
  lastChangeDateTime: string;
  description?: string;
  language: string;
  version?: string;
  caseVersion: typeof CASE_VERSION;
}

export interface CaseItem {
  identifier: string;
  uri: string;
  fullStatement: string;
  humanCodingScheme: string;
  notes?: string;
  CFItemType: string;
  CFItemTypeURI: CaseLinkUri;
  conceptKeywords?: string[];
  language: string;
  lastChangeDateTime: string;
}

export interface CaseAssociation {
  identifier: string;
  uri: string;
  associationType: string;
  sequenceNumber?: number;
  originNodeURI: CaseLinkUri;
  destinationNodeURI: CaseLinkUri;
  CFAssociationGroupingURI?: CaseLinkUri;
  notes?: string;
  lastChangeDateTime: string;
}

export interface CaseItemType {
  identifier: string;
  uri: string;
  title: string;
  description: string;
  hierarchyCode: string;
  typeCode: string;
  lastChangeDateTime: string;
}

export interface CaseAssociationGrouping {
  identifier: string;
  uri: string;
  title: string;
  lastChangeDateTime: string;
}

export interface CaseRubricCriterionLevel {
  identifier: string;
  uri: string;
  quality: string;
  score: number;
  description?: string;
  position: number;
  rubricCriterionId: string;
  lastChangeDateTime: string;
}

export interface CaseRubricCriterion {
  identifier: string;
  uri: string;
  category: string;
  description?: string;
  CFItemURI?: CaseLinkUri;
  position: number;
  rubricId: string;
  lastChangeDateTime: string;
  CFRubricCriterionLevels: CaseRubricCriterionLevel[];
}

export interface CaseRubric {
  identifier: string;
  uri: string;
  title: string;
  description?: string;
  lastChangeDateTime: string;
  CFRubricCriteria: CaseRubricCriterion[];
}

export interface CasePackage {
  CFDocument: CaseDocument;
  CFItems: CaseItem[];
  CFAssociations: CaseAssociation[];
  CFDefinitions: { CFItemTypes: CaseItemType[]; CFAssociationGroupings: CaseAssociationGrouping[] };
  CFRubrics: CaseRubric[];
}

export interface CaseExportOptions {
  /** Where CASE objects are published, e.g. `https://cairn.example/ims/case/v1p1`; every `uri` starts with it. */
  baseUri: string;
  /** Cairn's id for the framework; seeds the document identifier when the framework has no caseIdentifier. */
  frameworkId: string;
  /** ISO 8601, stamped on every object; the caller's clock. */
  lastChangeDateTime: string;
  /** The owner CASE requires on the document (an organisation name); defaults to the baseUri's host. */
  creator?: string;
}

/**
 * The framework as a CASE 1.1 CFPackage. Expects content that passes `checkFramework`.
 * @throws InvalidInput when baseUri is not an http(s) URL or caseIdentifier is not a UUID.
 */
export function exportCase(content: FrameworkContent, options: CaseExportOptions): CasePackage {
  const baseUri = options.baseUri.replace(/\/+$/, '');
  if (!isHttpUrl(baseUri)) throw new InvalidInput('baseUri', 'The CASE base URI must be an http(s) URL.');
  const stamp = options.lastChangeDateTime;
  const uri = (collection: string, identifier: string): string => `${baseUri}/${collection}/${identifier}`;
  const documentId = content.caseIdentifier ?? documentIdentifier(baseUri, options.frameworkId);
  if (!CASE_UUID_PATTERN.test(documentId)) {
    throw new InvalidInput('caseIdentifier', 'The CASE identifier must be a lower-case UUID.');
  }

  const document: CaseDocument = {
    identifier: documentId,
    uri: uri('CFDocuments', documentId),
    creator: options.creator ?? new URL(baseUri).hostname,
    title: content.title,
    lastChangeDateTime: stamp,
    ...(content.description === '' ? {} : { description: content.description }),
    language: content.language,
    ...(content.version === '' ? {} : { version: content.version }),
    caseVersion: CASE_VERSION,
  };
  const documentLink: CaseLinkUri = { title: content.title, identifier: documentId, uri: document.uri };

  // Item types are shared by every framework on this server, so their identifiers hang off baseUri.
  const itemType = (
    title: string,
    typeCode: string,
    hierarchyCode: string,
    description: string,
  ): CaseItemType => {
    const identifier = uuidV5(`${baseUri}/CFItemTypes/${typeCode}`, URL_NAMESPACE);
    return {
      identifier,
      uri: uri('CFItemTypes', identifier),
      title,
      description,
      hierarchyCode,
      typeCode,
      lastChangeDateTime: stamp,
    };
  };
  const groupType = itemType(GROUP_ITEM_TYPE, 'competency-group', '1', 'A group of related competencies.');
  const competencyType = itemType(
    COMPETENCY_ITEM_TYPE,
    'competency',
    '1.1',
    'A competency with a level on each step of the scale.',
  );
  const typeLink = (type: CaseItemType): CaseLinkUri => ({
    title: type.title,
    identifier: type.identifier,
    uri: type.uri,
  });

  const groupIds = new Map(content.groups.map((g) => [g.code, groupIdentifier(documentId, g.code)]));
  const groupItems = content.groups.map((group): CaseItem => {
    const identifier = groupIds.get(group.code) ?? groupIdentifier(documentId, group.code);
    return {
      identifier,
      uri: uri('CFItems', identifier),
      fullStatement: group.name,
      humanCodingScheme: group.code,
      ...(group.description === '' ? {} : { notes: group.description }),
      CFItemType: GROUP_ITEM_TYPE,
      CFItemTypeURI: typeLink(groupType),
      language: content.language,
      lastChangeDateTime: stamp,
    };
  });
  const competencyItems = content.competencies.map((competency): CaseItem => {
    const identifier = competency.caseIdentifier ?? competencyIdentifier(documentId, competency.code);
    return {
      identifier,
      uri: uri('CFItems', identifier),
      fullStatement: competency.name,
      humanCodingScheme: competency.code,
      ...(competency.description === '' ? {} : { notes: competency.description }),
      CFItemType: COMPETENCY_ITEM_TYPE,
      CFItemTypeURI: typeLink(competencyType),
      ...(competency.tags.length === 0 ? {} : { conceptKeywords: [...competency.tags] }),
      language: content.language,
      lastChangeDateTime: stamp,
    };
  });
  const itemLink = (item: CaseItem): CaseLinkUri => ({
    title: item.fullStatement,
    identifier: item.identifier,
    uri: item.uri,
  });

  const groupings = new Map<string, CaseAssociationGrouping>();
  const groupingFor = (framework: string): CaseAssociationGrouping => {
    let grouping = groupings.get(framework);
    if (grouping === undefined) {
      const identifier = uuidV5(`${baseUri}/CFAssociationGroupings/${framework}`, URL_NAMESPACE);
      grouping = {
        identifier,
        uri: uri('CFAssociationGroupings', identifier),
        title: framework,
        lastChangeDateTime: stamp,
      };
      groupings.set(framework, grouping);
    }
    return grouping;
  };

  const associations: CaseAssociation[] = [];
  const childOf = (child: CaseItem, parent: CaseLinkUri, sequenceNumber: number): void => {
    const identifier = uuidV5(`isChildOf:${child.identifier}`, documentId);
    associations.push({
      identifier,
      uri: uri('CFAssociations', identifier),
      associationType: 'isChildOf',
      sequenceNumber,
      originNodeURI: itemLink(child),
      destinationNodeURI: parent,
      lastChangeDateTime: stamp,
    });
  };
  groupItems.forEach((item, index) => {
    childOf(item, documentLink, index + 1);
  });
  const positionInGroup = new Map<string, number>();
  content.competencies.forEach((competency, index) => {
    const item = competencyItems[index];
    if (item === undefined) return;
    const groupItem = groupItems.find((g) => g.humanCodingScheme === competency.groupCode);
    if (groupItem !== undefined) {
      const position = (positionInGroup.get(competency.groupCode) ?? 0) + 1;
      positionInGroup.set(competency.groupCode, position);
      childOf(item, itemLink(groupItem), position);
    }
    for (const alignment of competency.alignments) {
      const grouping = groupingFor(alignment.framework);
      const identifier = uuidV5(
        `alignment:${item.identifier}:${JSON.stringify([alignment.framework, alignment.code])}`,
        documentId,
      );
      const targetId = alignmentTargetIdentifier(alignment);
      associations.push({
        identifier,
        uri: uri('CFAssociations', identifier),
        associationType: ALIGNMENT_ASSOCIATION_TYPE,
        originNodeURI: itemLink(item),
        destinationNodeURI: {
          title: alignment.code,
          identifier: targetId,
          uri: alignment.targetUrl ?? `urn:uuid:${targetId}`,
        },
        CFAssociationGroupingURI: {
          title: grouping.title,
          identifier: grouping.identifier,
          uri: grouping.uri,
        },
        ...(alignment.targetName === undefined ? {} : { notes: alignment.targetName }),
        lastChangeDateTime: stamp,
      });
    }
  });

  return {
    CFDocument: document,
    CFItems: [...groupItems, ...competencyItems],
    CFAssociations: associations,
    CFDefinitions: {
      CFItemTypes: [groupType, competencyType],
      CFAssociationGroupings: [...groupings.values()],
    },
    CFRubrics: [scaleRubric(content, competencyItems, documentId, stamp, uri)],
  };
}

function scaleRubric(
  content: FrameworkContent,
  competencyItems: CaseItem[],
  documentId: string,
  stamp: string,
  uri: (collection: string, identifier: string) => string,
): CaseRubric {
  const rubricId = uuidV5('rubric', documentId);
  const criterion = (
    identifier: string,
    position: number,
    category: string,
    description: string,
    levels: { level: number; name: string; text: string }[],
    item?: CaseItem,
  ): CaseRubricCriterion => ({
    identifier,
    uri: uri('CFRubricCriteria', identifier),
    category,
    description,
    ...(item === undefined
      ? {}
      : { CFItemURI: { title: item.fullStatement, identifier: item.identifier, uri: item.uri } }),
    position,
    rubricId,
    lastChangeDateTime: stamp,
    CFRubricCriterionLevels: levels.map(({ level, name, text }) => {
      const levelId = uuidV5(`level:${level}`, identifier);
      return {
        identifier: levelId,
        uri: uri('CFRubricCriterionLevels', levelId),
        quality: name,
        score: level,
        ...(text === '' ? {} : { description: text }),
        position: level,
        rubricCriterionId: identifier,
        lastChangeDateTime: stamp,
      };
    }),
  });

  const scaleCriterion = criterion(
    uuidV5('criterion:scale', documentId),
    0,
    'Proficiency scale',
    'The levels every competency in this framework is described at.',
    content.scale.map((step) => ({ level: step.level, name: step.name, text: step.description })),
  );
  const competencyCriteria = content.competencies.flatMap((competency, index) => {
    const item = competencyItems[index];
    if (item === undefined) return [];
    const levels = content.scale.map((step) => ({
      level: step.level,
      name: step.name,
      text: competency.indicators.find((i) => i.level === step.level)?.indicator ?? '',
    }));
    return [
      criterion(
        uuidV5(`criterion:${item.identifier}`, documentId),
        index + 1,
        competency.code,
        competency.name,
        levels,
        item,
      ),
    ];
  });

  return {
    identifier: rubricId,
    uri: uri('CFRubrics', rubricId),
    title: `${content.title}: proficiency levels`,
    description: 'What each level of the proficiency scale looks like for each competency.',
    lastChangeDateTime: stamp,
    CFRubricCriteria: [scaleCriterion, ...competencyCriteria],
  };
}

export function documentIdentifier(baseUri: string, frameworkId: string): string {
  return uuidV5(`${baseUri.replace(/\/+$/, '')}/frameworks/${frameworkId}`, URL_NAMESPACE);
}

function groupIdentifier(documentId: string, code: string): string {
  return uuidV5(`group:${code}`, documentId);
}

function competencyIdentifier(documentId: string, code: string): string {
  return uuidV5(`competency:${code}`, documentId);
}

function alignmentTargetIdentifier(alignment: ExternalAlignment): string {
  return alignment.targetUrl === undefined
    ? uuidV5(JSON.stringify([alignment.framework, alignment.code]), ALIGNMENT_TARGET_NAMESPACE)
    : uuidV5(alignment.targetUrl, URL_NAMESPACE);
}

/** RFC 4122 name-based UUID, version 5 (SHA-1). */
export function uuidV5(name: string, namespace: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(namespace)) {
    throw new InvalidInput('namespace', 'A UUID name space must be a UUID.');
  }
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------------
// Import

export interface CaseImportOptions {
  /** The scale to use when the package has no rubric; defaults to `DEFAULT_PROFICIENCY_SCALE`. */
  scale?: ProficiencyLevel[];
  /** The language to assume when neither the document nor its items name one. */
  language?: string;
}

type Json = Record<string, unknown>;

interface ParsedItem {
  identifier: string;
  code: string;
  fullStatement: string;
  abbreviatedStatement: string;
  notes: string | undefined;
  type: string;
  keywords: string[];
}

interface ParsedAssociation {
  row: string;
  type: string;
  origin: string;
  destination: Json;
  destinationId: string;
  groupingId: string | undefined;
  groupingTitle: string | undefined;
  notes: string | undefined;
}

/**
 * A framework from a CASE 1.x CFPackage: Cairn's own exports round-trip exactly; packages from other
 * tools are accepted as far as they fit (deeper trees are flattened into groups, with warnings).
 * All or nothing: any error gives `ok: false`. Issues name the CFItem (its identifier) they concern.
 */
export function importCase(json: unknown, options: CaseImportOptions = {}): ImportResult {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const error = (row: string, message: string, field?: string): void => {
    errors.push(field === undefined ? { row, message } : { row, field, message });
  };
  const warn = (row: string, message: string): void => {
    warnings.push({ row, message });
  };
  const failed = (): ImportResult => ({ ok: false, errors, warnings });

  if (!isRecord(json)) {
    error('package', 'This is not a CASE package: expected a JSON object with CFDocument and CFItems.');
    return failed();
  }
  const doc = json.CFDocument;
  if (!isRecord(doc)) {
    error('CFDocument', 'The package has no CFDocument.');
    return failed();
  }
  const documentId = text(doc.identifier) ?? '';
  if (documentId === '') error('CFDocument', 'The CFDocument has no identifier.', 'identifier');
  const title = (text(doc.title) ?? '').trim();
  if (title === '') error('CFDocument', 'The CFDocument has no title.', 'title');
  const rawItems = json.CFItems ?? [];
  const rawAssociations = json.CFAssociations ?? [];
  if (!Array.isArray(rawItems)) error('CFItems', 'CFItems must be a list.');
  if (!Array.isArray(rawAssociations)) error('CFAssociations', 'CFAssociations must be a list.');
  if (!Array.isArray(rawItems) || !Array.isArray(rawAssociations)) return failed();

  // Items
  const items = new Map<string, ParsedItem>();
  for (const [index, raw] of (rawItems as unknown[]).entries()) {
    const position = `CFItems[${index}]`;
    const item = parseItem(raw, position, (row, message, field) => {
      error(row, message, field);
    });
    if (item === undefined) continue;
    if (item.identifier === documentId || items.has(item.identifier)) {
      error(item.identifier, `Identifier ${item.identifier} is used by more than one item.`, 'identifier');
      continue;
    }
    items.set(item.identifier, item);
  }

  // Associations
  const groupingTitles = new Map<string, string>();
  const definitions = json.CFDefinitions;
  if (isRecord(definitions) && Array.isArray(definitions.CFAssociationGroupings)) {
    for (const grouping of definitions.CFAssociationGroupings as unknown[]) {
      if (!isRecord(grouping)) continue;
      const id = text(grouping.identifier);
      const groupingTitle = text(grouping.title);
      if (id !== undefined && groupingTitle !== undefined) groupingTitles.set(id, groupingTitle);
    }
  }
  const associations: ParsedAssociation[] = [];
  for (const [index, raw] of (rawAssociations as unknown[]).entries()) {
    const association = parseAssociation(raw, `CFAssociations[${index}]`, (row, message, field) => {
      error(row, message, field);
    });
    if (association === undefined) continue;
    if (association.origin !== documentId && !items.has(association.origin)) {
      error(
        association.row,
        `The ${association.type} association starts at ${association.origin}, which is not an item in this package.`,
        'originNodeURI',
      );
      continue;
    }
    associations.push(association);
  }

  // The tree: each item's parent, from isChildOf (origin is the child).
  const parents = new Map<string, string>();
  const hasChildren = new Set<string>();
  const alignmentsByItem = new Map<string, ExternalAlignment[]>();
  const ignored = new Map<string, number>();
  for (const association of associations) {
    const { origin, destinationId, type } = association;
    if (type === 'isChildOf') {
      if (destinationId !== documentId && !items.has(destinationId)) {
        error(
          origin,
          `Item ${describe(items.get(origin))} is a child of ${destinationId}, which is not in this package.`,
          'isChildOf',
        );
        continue;
      }
      if (origin === documentId) continue;
      if (parents.has(origin)) {
        warn(origin, `Item ${describe(items.get(origin))} has more than one parent; the first one is kept.`);
        continue;
      }
      parents.set(origin, destinationId);
      hasChildren.add(destinationId);
    } else if (
      ALIGNMENT_TYPES.has(type) &&
      origin !== documentId &&
      !items.has(destinationId) &&
      destinationId !== documentId
    ) {
      const alignment = alignmentOf(association, groupingTitles, (message) => {
        error(origin, message, 'CFAssociations');
      });
      if (alignment !== undefined)
        alignmentsByItem.set(origin, [...(alignmentsByItem.get(origin) ?? []), alignment]);
    } else {
      ignored.set(type, (ignored.get(type) ?? 0) + 1);
    }
  }
  for (const [type, count] of ignored) {
    warn(
      'CFAssociations',
      `${count} ${type} association(s) between items of this package were not kept; Cairn keeps the tree and external alignments.`,
    );
  }

  // Which items are groups: the declared type when it is one of ours, else whether the item has children.
  const isGroup = (item: ParsedItem): boolean =>
    item.type === GROUP_ITEM_TYPE.toLowerCase() ||
    (item.type !== COMPETENCY_ITEM_TYPE.toLowerCase() && hasChildren.has(item.identifier));

  const groups: (CompetencyGroup & { row: string })[] = [];
  const groupCodeOf = new Map<string, string>();
  const itemList = [...items.values()];
  const groupItems = itemList.filter(isGroup);
  const usedGroupCodes = new Set(
    groupItems.map((item) => item.code.toLowerCase()).filter((code) => code !== ''),
  );
  for (const item of groupItems) {
    if (alignmentsByItem.has(item.identifier)) {
      warn(
        item.identifier,
        `The alignments of group ${describe(item)} were not kept; only competencies have alignments.`,
      );
    }
    if (!parents.has(item.identifier)) {
      error(
        item.identifier,
        `Group ${describe(item)} is not attached to the document (no isChildOf).`,
        'isChildOf',
      );
    } else if (parents.get(item.identifier) !== documentId) {
      warn(
        item.identifier,
        `Group ${describe(item)} sits inside another group; Cairn groups are flat, so it becomes a top-level group.`,
      );
    }
    let code = item.code;
    if (code === '') {
      code = uniqueCode('G', groups.length + 1, usedGroupCodes);
      warn(
        item.identifier,
        `Group "${item.fullStatement}" has no humanCodingScheme; it was given the code ${code}.`,
      );
    }
    groupCodeOf.set(item.identifier, code);
    groups.push({
      row: item.identifier,
      code,
      ...nameAndDescription(item, (m) => {
        warn(item.identifier, m);
      }),
    });
  }

  let looseGroupCode: string | undefined;
  const competencies: (Competency & { row: string })[] = [];
  for (const item of itemList.filter((i) => !isGroup(i))) {
    if (!parents.has(item.identifier)) {
      error(
        item.identifier,
        `Competency ${describe(item)} is not attached to the document or a group (no isChildOf).`,
        'isChildOf',
      );
      continue;
    }
    const groupId = nearestGroup(item.identifier, parents, items, isGroup, documentId);
    let groupCode: string;
    if (groupId === 'cycle') {
      error(
        item.identifier,
        `Competency ${describe(item)} is inside a loop of isChildOf associations.`,
        'isChildOf',
      );
      continue;
    } else if (groupId === undefined) {
      looseGroupCode ??= uniqueCode('GENERAL', undefined, usedGroupCodes);
      groupCode = looseGroupCode;
    } else {
      groupCode = groupCodeOf.get(groupId) ?? '';
      if (parents.get(item.identifier) !== groupId) {
        warn(
          item.identifier,
          `Competency ${describe(item)} sits inside another competency; it is placed directly in group ${groupCode}.`,
        );
      }
    }
    const derivedId = CASE_UUID_PATTERN.test(documentId)
      ? competencyIdentifier(documentId, item.code)
      : undefined;
    const ownIdentifier = item.identifier !== derivedId;
    if (ownIdentifier && !CASE_UUID_PATTERN.test(item.identifier)) {
      warn(
        item.identifier,
        `Identifier ${item.identifier} is not a UUID, so it is not kept; exports will use a new one.`,
      );
    }
    competencies.push({
      row: item.identifier,
      code: item.code,
      groupCode,
      ...nameAndDescription(item, (m) => {
        warn(item.identifier, m);
      }),
      tags: item.keywords,
      indicators: [],
      alignments: alignmentsByItem.get(item.identifier) ?? [],
      ...(ownIdentifier && CASE_UUID_PATTERN.test(item.identifier)
        ? { caseIdentifier: item.identifier }
        : {}),
    });
  }
  if (looseGroupCode !== undefined) {
    warn(
      'CFDocument',
      `Competencies directly under the document were put in a new group, ${looseGroupCode}.`,
    );
    groups.push({ row: 'CFDocument', code: looseGroupCode, name: 'General', description: '' });
  }

  // Rubrics: the scale, and each competency's indicators.
  const competencyById = new Map(competencies.map((c) => [c.row, c]));
  const groupIds = new Set(groupItems.map((item) => item.identifier));
  const rubricScale = readRubrics(json, items, groupIds, competencyById, error, warn);
  let scale: ProficiencyLevel[];
  if (rubricScale !== undefined) scale = rubricScale;
  else {
    scale = (options.scale ?? DEFAULT_PROFICIENCY_SCALE).map((step) => ({ ...step }));
    if (options.scale === undefined)
      warn('CFRubrics', 'The package has no rubric, so the default five-level proficiency scale is used.');
  }

  const itemLanguage = rawItems
    .map((raw: unknown) => (isRecord(raw) ? text(raw.language) : undefined))
    .find((l) => l !== undefined);
  const language = text(doc.language) ?? itemLanguage ?? options.language;
  if (language === undefined) warn('CFDocument', 'The package names no language; "en" is assumed.');
  const caseIdentifier = CASE_UUID_PATTERN.test(documentId) ? documentId : undefined;
  if (documentId !== '' && caseIdentifier === undefined) {
    warn('CFDocument', `The document identifier ${documentId} is not a UUID, so it is not kept.`);
  }

  const framework: FrameworkContent = {
    title,
    description: text(doc.description) ?? '',
    version: text(doc.version) ?? '',
    language: language ?? 'en',
    scale,
    groups: groups.map(({ row: _row, ...group }) => group),
    competencies: competencies.map(({ row: _row, ...competency }) => competency),
    ...(caseIdentifier === undefined ? {} : { caseIdentifier }),
  };

  for (const problem of findFrameworkProblems(framework)) {
    error(
      caseRow(problem.at, groups, competencies, rubricScale !== undefined),
      problem.message,
      CASE_FIELD[problem.field] ?? problem.field,
    );
  }
  return errors.length > 0 ? failed() : { ok: true, framework, warnings };
}

type Report = (row: string, message: string, field?: string) => void;

function parseItem(raw: unknown, position: string, report: Report): ParsedItem | undefined {
  if (!isRecord(raw)) {
    report(position, `${position} is not an object.`);
    return undefined;
  }
  const identifier = text(raw.identifier) ?? '';
  if (identifier === '') {
    report(position, `${position} has no identifier.`, 'identifier');
    return undefined;
  }
  const fullStatement = (text(raw.fullStatement) ?? '').trim();
  if (fullStatement === '') report(identifier, 'The item has no fullStatement.', 'fullStatement');
  const typeLink = raw.CFItemTypeURI;
  const type = text(raw.CFItemType) ?? (isRecord(typeLink) ? text(typeLink.title) : undefined) ?? '';
  return {
    identifier,
    code: (text(raw.humanCodingScheme) ?? '').trim(),
    fullStatement,
    abbreviatedStatement: (text(raw.abbreviatedStatement) ?? '').trim(),
    notes: text(raw.notes),
    type: type.trim().toLowerCase(),
    keywords: keywordsOf(raw.conceptKeywords),
  };
}

function parseAssociation(raw: unknown, position: string, report: Report): ParsedAssociation | undefined {
  if (!isRecord(raw)) {
    report(position, `${position} is not an object.`);
    return undefined;
  }
  const row = text(raw.identifier) ?? position;
  const type = text(raw.associationType) ?? '';
  const origin = raw.originNodeURI;
  const destination = raw.destinationNodeURI;
  const originId = isRecord(origin) ? text(origin.identifier) : undefined;
  const destinationId = isRecord(destination) ? text(destination.identifier) : undefined;
  if (type === '') {
    report(row, 'The association has no associationType.', 'associationType');
    return undefined;
  }
  if (originId === undefined) {
    report(row, 'The association has no originNodeURI.identifier.', 'originNodeURI');
    return undefined;
  }
  if (!isRecord(destination) || destinationId === undefined) {
    report(row, 'The association has no destinationNodeURI.identifier.', 'destinationNodeURI');
    return undefined;
  }
  const grouping = raw.CFAssociationGroupingURI;
  return {
    row,
    type,
    origin: originId,
    destination,
    destinationId,
    groupingId: isRecord(grouping) ? text(grouping.identifier) : undefined,
    groupingTitle: isRecord(grouping) ? text(grouping.title) : undefined,
    notes: text(raw.notes),
  };
}

/** Model field → the CASE property it came from, so an issue points at something the sender recognises. */
const CASE_FIELD: Record<string, string> = {
  code: 'humanCodingScheme',
  name: 'fullStatement',
  description: 'notes',
  tags: 'conceptKeywords',
  groupCode: 'isChildOf',
  indicators: 'CFRubricCriterionLevels',
  alignments: 'CFAssociations',
  caseIdentifier: 'identifier',
};

function caseRow(
  at: ProblemLocation,
  groups: { row: string }[],
  competencies: { row: string }[],
  scaleFromRubric: boolean,
): string {
  switch (at.kind) {
    case 'framework':
      return 'CFDocument';
    case 'scale':
      return scaleFromRubric ? 'CFRubrics' : 'scale';
    case 'group':
      return groups[at.index]?.row ?? 'CFItems';
    case 'competency':
      return competencies[at.index]?.row ?? 'CFItems';
  }
}

/** @returns the group's identifier, undefined when the item hangs off the document, or 'cycle'. */
function nearestGroup(
  identifier: string,
  parents: Map<string, string>,
  items: Map<string, ParsedItem>,
  isGroup: (item: ParsedItem) => boolean,
  documentId: string,
): string | undefined {
  const seen = new Set([identifier]);
  let current = parents.get(identifier);
  while (current !== undefined && current !== documentId) {
    if (seen.has(current)) return 'cycle';
    seen.add(current);
    const item = items.get(current);
    if (item !== undefined && isGroup(item)) return current;
    current = parents.get(current);
  }
  return undefined;
}

/**
 * Cairn writes name → fullStatement and description → notes. Other tools often put a short label in
 * abbreviatedStatement and the full text in fullStatement, so that pair is read the other way round.
 */
function nameAndDescription(
  item: ParsedItem,
  warn: (message: string) => void,
): { name: string; description: string } {
  let name = item.fullStatement;
  let description = item.notes ?? '';
  if (item.notes === undefined && item.abbreviatedStatement !== '') {
    name = item.abbreviatedStatement;
    description = item.fullStatement;
  }
  if (name.length > NAME_MAX_LENGTH) {
    warn(
      `The statement of ${describe(item)} is too long for a name; it is shortened and kept in full as the description.`,
    );
    description = description === '' ? name : `${name}\n\n${description}`;
    name = `${name.slice(0, NAME_MAX_LENGTH - 1).trimEnd()}…`;
  }
  return { name, description };
}

function alignmentOf(
  association: ParsedAssociation,
  groupingTitles: Map<string, string>,
  error: (message: string) => void,
): ExternalAlignment | undefined {
  const destinationUri = text(association.destination.uri);
  const code = (text(association.destination.title) ?? '').trim();
  const framework =
    (association.groupingId === undefined ? undefined : groupingTitles.get(association.groupingId)) ??
    association.groupingTitle ??
    (destinationUri !== undefined && isHttpUrl(destinationUri)
      ? new URL(destinationUri).hostname
      : undefined);
  if (code === '') {
    error(
      `The ${association.type} association ${association.row} has no destinationNodeURI.title to use as the code.`,
    );
    return undefined;
  }
  if (framework === undefined) {
    error(
      `The ${association.type} association ${association.row} does not say which framework ${code} belongs to.`,
    );
    return undefined;
  }
  const targetName = association.notes?.trim();
  return {
    framework,
    code,
    ...(targetName === undefined || targetName === '' ? {} : { targetName }),
    ...(destinationUri !== undefined && isHttpUrl(destinationUri) ? { targetUrl: destinationUri } : {}),
  };
}

/**
 * Reads CFRubrics (CASE 1.1 puts them on the package; some tools put them in CFDefinitions): criteria
 * linked to a competency give its indicators; the first criterion linked to no item is the scale.
 * @returns the scale, or undefined when the package has no rubric levels at all.
 */
function readRubrics(
  json: Json,
  items: Map<string, ParsedItem>,
  groupIds: Set<string>,
  competencies: Map<string, Competency>,
  error: Report,
  warn: (row: string, message: string) => void,
): ProficiencyLevel[] | undefined {
  const definitions = json.CFDefinitions;
  const rubrics = json.CFRubrics ?? (isRecord(definitions) ? definitions.CFRubrics : undefined);
  if (!Array.isArray(rubrics)) return undefined;

  let scaleLevels: ProficiencyLevel[] | undefined;
  const qualities = new Map<number, string>();
  for (const rubric of rubrics) {
    if (!isRecord(rubric) || !Array.isArray(rubric.CFRubricCriteria)) continue;
    for (const criterion of rubric.CFRubricCriteria) {
      if (!isRecord(criterion)) continue;
      const criterionRow = text(criterion.identifier) ?? 'CFRubrics';
      const link = criterion.CFItemURI;
      const itemId = isRecord(link) ? text(link.identifier) : undefined;
      const competency = itemId === undefined ? undefined : competencies.get(itemId);
      if (itemId !== undefined && !items.has(itemId)) {
        error(
          criterionRow,
          `Rubric criterion ${criterionRow} points at ${itemId}, which is not an item in this package.`,
          'CFItemURI',
        );
        continue;
      }
      if (itemId !== undefined && competency === undefined) {
        // A competency that failed to import is already reported; a group's criterion has nowhere to go.
        if (groupIds.has(itemId)) {
          warn(
            itemId,
            `The rubric criterion for group ${describe(items.get(itemId))} was not kept; only competencies have levels.`,
          );
        }
        continue;
      }
      const levels: { level: number; quality: string; description: string }[] = [];
      for (const raw of Array.isArray(criterion.CFRubricCriterionLevels)
        ? criterion.CFRubricCriterionLevels
        : []) {
        if (!isRecord(raw)) continue;
        const score = typeof raw.score === 'number' ? raw.score : raw.position;
        const row = itemId ?? criterionRow;
        if (typeof score !== 'number' || !Number.isInteger(score) || score < 1) {
          error(
            row,
            `Rubric level ${text(raw.identifier) ?? ''} has score ${JSON.stringify(score)}; levels must be whole numbers from 1.`,
            'score',
          );
          continue;
        }
        const quality = (text(raw.quality) ?? '').trim();
        levels.push({ level: score, quality, description: (text(raw.description) ?? '').trim() });
        if (quality !== '' && !qualities.has(score)) qualities.set(score, quality);
      }
      levels.sort((a, b) => a.level - b.level);
      if (competency !== undefined) {
        for (const { level, description } of levels) {
          if (description !== '') competency.indicators.push({ level, indicator: description });
        }
      } else {
        scaleLevels ??= levels.map(({ level, quality, description }) => ({
          level,
          name: quality || `Level ${level}`,
          description,
        }));
      }
    }
  }
  if (scaleLevels !== undefined) return scaleLevels;
  if (qualities.size === 0) return undefined;
  return [...qualities.entries()]
    .sort(([a], [b]) => a - b)
    .map(([level, name]) => ({ level, name, description: '' }));
}

function keywordsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (!Array.isArray(value)) return [];
  return value.filter((k): k is string => typeof k === 'string' && k.trim() !== '').map((k) => k.trim());
}

function uniqueCode(prefix: string, start: number | undefined, used: Set<string>): string {
  let n = start;
  for (;;) {
    const code = n === undefined ? prefix : `${prefix}${prefix.length > 1 ? '-' : ''}${n}`;
    if (!used.has(code.toLowerCase())) {
      used.add(code.toLowerCase());
      return code;
    }
    n = (n ?? 1) + 1;
  }
}

function describe(item: ParsedItem | undefined): string {
  if (item === undefined) return '?';
  return item.code === '' ? `"${item.fullStatement.slice(0, 60)}"` : item.code;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
