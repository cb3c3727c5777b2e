import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  documentIdentifier,
  exportCase,
  importCase,
  uuidV5,
  type CaseExportOptions,
  type CasePackage,
} from './case-format.js';
import { InvalidInput } from './errors.js';
import { CASE_UUID_PATTERN, DEFAULT_PROFICIENCY_SCALE } from './framework-rules.js';
import type { FrameworkContent, ImportResult } from './frameworks.js';

const demo = JSON.parse(
  readFileSync(new URL('../../test/fixtures/frameworks/demo-framework.json', import.meta.url), 'utf8'),
) as FrameworkContent;

const BASE = 'https://cairn.example/ims/case/v1p1';
const options: CaseExportOptions = {
  baseUri: BASE,
  frameworkId: 'fw-1',
  lastChangeDateTime: '2025-03-01T09:30:00Z',
  creator: 'Infrastructure Asset Management Society of Aotearoa',
};

function framework(result: ImportResult): FrameworkContent {
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors, null, 2)}`);
  return result.framework;
}

function errors(result: ImportResult) {
  if (result.ok) throw new Error('import succeeded, expected errors');
  return result.errors;
}

/** A copy that can be edited freely, as JSON from another tool would arrive. */
function asJson(pkg: CasePackage): Record<string, unknown> & CasePackage {
  return JSON.parse(JSON.stringify(pkg)) as Record<string, unknown> & CasePackage;
}

describe('uuidV5', () => {
  it('matches RFC 4122 name-based UUIDs', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(documentIdentifier(`${BASE}/`, 'fw-1')).toBe(
      uuidV5(`${BASE}/frameworks/fw-1`, '6ba7b811-9dad-11d1-80b4-00c04fd430c8'),
    );
  });

  it('hashes names as UTF-8', () => {
    expect(uuidV5('https://例え.jp/ā', '6ba7b811-9dad-11d1-80b4-00c04fd430c8')).toBe(
      'b8ec4b2f-41a4-5954-8710-0d8761dd1812',
    );
  });
});

describe('exportCase', () => {
  const pkg = exportCase(demo, options);

  it('describes the framework in the CFDocument', () => {
    expect(pkg.CFDocument).toEqual({
      identifier: documentIdentifier(BASE, 'fw-1'),
      uri: `${BASE}/CFDocuments/${documentIdentifier(BASE, 'fw-1')}`,
      creator: options.creator,
      title: demo.title,
      lastChangeDateTime: options.lastChangeDateTime,
      description: demo.description,
      language: 'en-NZ',
      version: '2025.1',
      caseVersion: '1.1',
    });
  });

  it('writes groups and competencies as items, groups first', () => {
    expect(pkg.CFItems).toHaveLength(8 + 42);
    expect(pkg.CFItems.slice(0, 8).map((i) => i.CFItemType)).toEqual(Array(8).fill('Competency Group'));
    const item = pkg.CFItems.find((i) => i.humanCodingScheme === 'FND-01');
    const competency = demo.competencies[0]!;
    expect(item).toMatchObject({
      fullStatement: competency.name,
      notes: competency.description,
      CFItemType: 'Competency',
      conceptKeywords: ['core_am', 'strategic_thinking'],
      language: 'en-NZ',
    });
    expect(item?.CFItemTypeURI.title).toBe('Competency');
  });

  it('links groups to the document and competencies to their group with isChildOf', () => {
    const byId = new Map(pkg.CFItems.map((i) => [i.identifier, i]));
    const childOf = pkg.CFAssociations.filter((a) => a.associationType === 'isChildOf');
    expect(childOf).toHaveLength(50);
    const parentOf = (code: string) => {
      const item = pkg.CFItems.find((i) => i.humanCodingScheme === code)!;
      const link = childOf.find((a) => a.originNodeURI.identifier === item.identifier)!;
      return (
        byId.get(link.destinationNodeURI.identifier)?.humanCodingScheme ?? link.destinationNodeURI.identifier
      );
    };
    expect(parentOf('RSK-03')).toBe('RSK');
    expect(parentOf('RSK')).toBe(pkg.CFDocument.identifier);
    const rsk03 = childOf.find(
      (a) => a.originNodeURI.title === demo.competencies.find((c) => c.code === 'RSK-03')!.name,
    );
    expect(rsk03?.sequenceNumber).toBe(3);
  });

  it('writes alignments as isRelatedTo associations to the external node, grouped by framework', () => {
    const fnd01 = pkg.CFItems.find((i) => i.humanCodingScheme === 'FND-01')!;
    const alignments = pkg.CFAssociations.filter(
      (a) => a.associationType === 'isRelatedTo' && a.originNodeURI.identifier === fnd01.identifier,
    );
    expect(
      alignments.map((a) => [a.CFAssociationGroupingURI?.title, a.destinationNodeURI.title, a.notes]),
    ).toEqual([
      ['GFMAM Asset Management Landscape', 'GF01', 'Asset Management Policy'],
      ['GFMAM Asset Management Landscape', 'GF02', 'Asset Management Strategy & Objectives'],
      ['IAM Competences Framework', 'KR1', 'Policy Development'],
      ['IAM Competences Framework', 'KR2', 'Strategy Development'],
      ['ISO 55001', 'ISO 55001 4', 'Context of the organization'],
    ]);
    // No URL in the demo: the node is named by a URN, the same from every server.
    expect(alignments[0]?.destinationNodeURI.uri).toBe(
      `urn:uuid:${alignments[0]?.destinationNodeURI.identifier}`,
    );
    const elsewhere = exportCase(demo, { ...options, baseUri: 'https://other.example/case' });
    expect(
      elsewhere.CFAssociations.find((a) => a.destinationNodeURI.title === 'GF01')?.destinationNodeURI
        .identifier,
    ).toBe(alignments[0]?.destinationNodeURI.identifier);
    expect(pkg.CFDefinitions.CFAssociationGroupings.map((g) => g.title)).toEqual([
      'GFMAM Asset Management Landscape',
      'IAM Competences Framework',
      'ISO 55001',
    ]);
  });

  it('points the destination at the target URL when there is one', () => {
    const content = structuredClone(demo);
    content.competencies[0]!.alignments = [
      { framework: 'ESCO', code: 'S1.2', targetUrl: 'http://data.europa.eu/esco/skill/abc' },
    ];
    const alignment = exportCase(content, options).CFAssociations.find(
      (a) => a.destinationNodeURI.title === 'S1.2',
    );
    expect(alignment?.destinationNodeURI.uri).toBe('http://data.europa.eu/esco/skill/abc');
    expect(alignment).not.toHaveProperty('notes');
  });

  it('puts the scale and the indicators in a rubric', () => {
    expect(pkg.CFRubrics).toHaveLength(1);
    const [scale, first, ...rest] = pkg.CFRubrics[0]!.CFRubricCriteria;
    expect(rest).toHaveLength(41);
    expect(scale).not.toHaveProperty('CFItemURI');
    expect(scale?.CFRubricCriterionLevels.map((l) => [l.score, l.quality, l.description])).toEqual(
      demo.scale.map((s) => [s.level, s.name, s.description]),
    );
    const fnd01 = pkg.CFItems.find((i) => i.humanCodingScheme === 'FND-01')!;
    expect(first?.CFItemURI?.identifier).toBe(fnd01.identifier);
    expect(first?.CFRubricCriterionLevels[2]).toMatchObject({
      score: 3,
      quality: 'Practitioner',
      description: demo.competencies[0]!.indicators[2]!.indicator,
      rubricCriterionId: first?.identifier,
    });
  });

  it('gives every object a UUID, once, and a uri under the base URI that ends with it', () => {
    const objects = [
      pkg.CFDocument,
      ...pkg.CFItems,
      ...pkg.CFAssociations,
      ...pkg.CFDefinitions.CFItemTypes,
      ...pkg.CFDefinitions.CFAssociationGroupings,
      ...pkg.CFRubrics,
      ...pkg.CFRubrics.flatMap((r) => r.CFRubricCriteria),
      ...pkg.CFRubrics.flatMap((r) => r.CFRubricCriteria.flatMap((c) => c.CFRubricCriterionLevels)),
    ];
    expect(objects.length).toBeGreaterThan(500);
    for (const object of objects) {
      expect(object.identifier).toMatch(CASE_UUID_PATTERN);
      expect(object.uri).toMatch(new RegExp(`^${BASE}/CF[A-Za-z]+/${object.identifier}$`));
      expect(object.lastChangeDateTime).toBe(options.lastChangeDateTime);
    }
    expect(new Set(objects.map((o) => o.identifier)).size).toBe(objects.length);
  });

  it('is stable: the same input gives the same identifiers; another framework gets others', () => {
    expect(exportCase(structuredClone(demo), options)).toEqual(pkg);
    const other = exportCase(demo, { ...options, frameworkId: 'fw-2' });
    expect(other.CFDocument.identifier).not.toBe(pkg.CFDocument.identifier);
    expect(other.CFItems[0]?.identifier).not.toBe(pkg.CFItems[0]?.identifier);
  });

  it('uses caseIdentifier when present', () => {
    const content = structuredClone(demo);
    content.caseIdentifier = '3f1c1c66-4b9b-4d7e-9a55-3a1d2b8c6e01';
    content.competencies[1]!.caseIdentifier = '9b2d6c1e-0f4a-4c4e-8d7b-5f6a7b8c9d0e';
    const exported = exportCase(content, options);
    expect(exported.CFDocument.identifier).toBe(content.caseIdentifier);
    expect(exported.CFItems.find((i) => i.humanCodingScheme === demo.competencies[1]!.code)?.identifier).toBe(
      content.competencies[1]!.caseIdentifier,
    );
  });

  it('refuses a base URI that is not http(s)', () => {
    expect(() => exportCase(demo, { ...options, baseUri: 'ftp://cairn.example' })).toThrow(InvalidInput);
  });
});

describe('importCase round trip', () => {
  it('gives back the demo framework, keeping the document identifier', () => {
    const pkg = exportCase(demo, options);
    const result = importCase(asJson(pkg));
    expect(result.warnings).toEqual([]);
    expect(framework(result)).toEqual({ ...demo, caseIdentifier: pkg.CFDocument.identifier });
  });

  it('is exact when the framework already has its identifiers', () => {
    const content = structuredClone(demo);
    content.caseIdentifier = '3f1c1c66-4b9b-4d7e-9a55-3a1d2b8c6e01';
    content.competencies[5]!.caseIdentifier = '9b2d6c1e-0f4a-4c4e-8d7b-5f6a7b8c9d0e';
    content.competencies[6]!.alignments.push({
      framework: 'ESCO',
      code: 'S1.2',
      targetName: 'Analyse data',
      targetUrl: 'https://data.europa.eu/esco/skill/abc',
    });
    content.competencies[7]!.indicators = [{ level: 4, indicator: 'Only level four is described.' }];
    content.competencies[8]!.tags = [];
    content.competencies[8]!.description = '';
    const imported = framework(importCase(asJson(exportCase(content, options))));
    expect(imported).toEqual(content);
    // …and exporting it again changes nothing, wherever it is stored now.
    expect(exportCase(imported, { ...options, frameworkId: 'fw-9' })).toEqual(exportCase(content, options));
  });

  it('keeps a scale of another length', () => {
    const content = structuredClone(demo);
    content.scale = [
      { level: 1, name: 'Novice', description: 'New to it.' },
      { level: 2, name: 'Expert', description: '' },
    ];
    for (const competency of content.competencies) competency.indicators = competency.indicators.slice(0, 2);
    expect(framework(importCase(asJson(exportCase(content, options)))).scale).toEqual(content.scale);
  });
});

describe('importCase from other tools', () => {
  const docId = 'c6492a5e-d7cb-11e8-824f-0242ac160002';
  const link = (identifier: string, title = identifier) => ({
    identifier,
    title,
    uri: `https://case.example/x/${identifier}`,
  });
  const ids = {
    domain: 'a0000000-0000-4000-8000-000000000001',
    cluster: 'a0000000-0000-4000-8000-000000000002',
    standard: 'a0000000-0000-4000-8000-000000000003',
    part: 'a0000000-0000-4000-8000-000000000004',
    loose: 'a0000000-0000-4000-8000-000000000005',
  };
  const childOf = (child: string, parent: string, n: number) => ({
    identifier: `b0000000-0000-4000-8000-00000000000${n}`,
    associationType: 'isChildOf',
    originNodeURI: link(child),
    destinationNodeURI: link(parent),
  });

  /** Shaped like a state-standards package: no Cairn item types, no rubric, codes only on standards. */
  function foreignPackage() {
    return {
      CFDocument: {
        identifier: docId,
        uri: `https://case.example/x/${docId}`,
        title: 'Data literacy',
        creator: 'DoE',
        language: 'en',
      },
      CFItems: [
        { identifier: ids.domain, fullStatement: 'Working with data', CFItemType: 'Domain' },
        {
          identifier: ids.standard,
          humanCodingScheme: 'DL.1',
          fullStatement: 'Cleans a data set and documents the changes made.',
          abbreviatedStatement: 'Data cleaning',
          CFItemType: 'Standard',
          conceptKeywords: ['data', 'quality'],
        },
        {
          identifier: ids.loose,
          humanCodingScheme: 'DL.9',
          fullStatement: 'Explains privacy duties.',
          CFItemType: 'Standard',
        },
      ],
      CFAssociations: [
        childOf(ids.domain, docId, 1),
        childOf(ids.standard, ids.domain, 2),
        childOf(ids.loose, ids.domain, 3),
        {
          identifier: 'b0000000-0000-4000-8000-000000000009',
          associationType: 'exactMatchOf',
          originNodeURI: link(ids.standard),
          destinationNodeURI: { identifier: 'e1', title: 'S5.1.2', uri: 'https://esco.example/skill/S5.1.2' },
        },
      ],
    };
  }

  it('accepts a package without rubrics, with the default scale', () => {
    const result = importCase(foreignPackage());
    const imported = framework(result);
    expect(imported.scale).toEqual(DEFAULT_PROFICIENCY_SCALE);
    expect(imported.caseIdentifier).toBe(docId);
    expect(imported.groups).toEqual([{ code: 'G1', name: 'Working with data', description: '' }]);
    expect(imported.competencies[0]).toEqual({
      code: 'DL.1',
      groupCode: 'G1',
      name: 'Data cleaning',
      description: 'Cleans a data set and documents the changes made.',
      tags: ['data', 'quality'],
      indicators: [],
      alignments: [
        { framework: 'esco.example', code: 'S5.1.2', targetUrl: 'https://esco.example/skill/S5.1.2' },
      ],
      caseIdentifier: ids.standard,
    });
    expect(result.warnings.map((w) => w.message)).toEqual([
      'Group "Working with data" has no humanCodingScheme; it was given the code G1.',
      'The package has no rubric, so the default five-level proficiency scale is used.',
    ]);
  });

  it('uses the scale the caller gives when there is no rubric', () => {
    const scale = [
      { level: 1, name: 'Emerging', description: '' },
      { level: 2, name: 'Secure', description: '' },
    ];
    const result = importCase(foreignPackage(), { scale });
    expect(framework(result).scale).toEqual(scale);
    expect(result.warnings.map((w) => w.row)).not.toContain('CFRubrics');
  });

  it('flattens deeper trees into groups and says so', () => {
    const pkg = foreignPackage();
    pkg.CFItems.push(
      {
        identifier: ids.cluster,
        fullStatement: 'Cleaning',
        CFItemType: 'Cluster',
        humanCodingScheme: 'DL.A',
      },
      {
        identifier: ids.part,
        humanCodingScheme: 'DL.1.a',
        fullStatement: 'Removes duplicates.',
        CFItemType: 'Competency',
      },
    );
    // domain > cluster > standard (typed Competency, so it stays one) > part
    pkg.CFItems[1]!.CFItemType = 'Competency';
    pkg.CFAssociations = [
      childOf(ids.domain, docId, 1),
      childOf(ids.cluster, ids.domain, 2),
      childOf(ids.standard, ids.cluster, 3),
      childOf(ids.part, ids.standard, 4),
      childOf(ids.loose, docId, 5),
    ];
    const result = importCase(pkg);
    const imported = framework(result);
    expect(imported.groups.map((g) => g.code)).toEqual(['G1', 'DL.A', 'GENERAL']);
    expect(imported.competencies.map((c) => [c.code, c.groupCode])).toEqual([
      ['DL.1', 'DL.A'],
      ['DL.9', 'GENERAL'],
      ['DL.1.a', 'DL.A'],
    ]);
    expect(result.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        'Group DL.A sits inside another group; Cairn groups are flat, so it becomes a top-level group.',
        'Competency DL.1.a sits inside another competency; it is placed directly in group DL.A.',
        'Competencies directly under the document were put in a new group, GENERAL.',
      ]),
    );
  });

  it('reads the alignment framework from the association grouping, and the scale from a rubric', () => {
    const pkg: Record<string, unknown> = foreignPackage();
    const alignment = (pkg.CFAssociations as Record<string, unknown>[])[3]!;
    alignment.CFAssociationGroupingURI = link('g1', 'stale title');
    pkg.CFDefinitions = { CFAssociationGroupings: [{ identifier: 'g1', title: 'ESCO skills' }] };
    pkg.CFRubrics = [
      {
        identifier: 'r1',
        CFRubricCriteria: [
          {
            identifier: 'rc1',
            CFItemURI: link(ids.standard),
            CFRubricCriterionLevels: [
              { identifier: 'l2', score: 2, quality: 'Meets', description: 'Cleans with a checklist.' },
              { identifier: 'l1', score: 1, quality: 'Approaching', description: '' },
              { identifier: 'l3', score: 3, quality: 'Exceeds', description: 'Designs the checklist.' },
            ],
          },
        ],
      },
    ];
    const imported = framework(importCase(pkg));
    expect(imported.competencies[0]?.alignments[0]?.framework).toBe('ESCO skills');
    expect(imported.scale).toEqual([
      { level: 1, name: 'Approaching', description: '' },
      { level: 2, name: 'Meets', description: '' },
      { level: 3, name: 'Exceeds', description: '' },
    ]);
    expect(imported.competencies[0]?.indicators).toEqual([
      { level: 2, indicator: 'Cleans with a checklist.' },
      { level: 3, indicator: 'Designs the checklist.' },
    ]);
  });
});

describe('importCase refuses', () => {
  it.each([null, 'CFPackage', 42, [{ CFDocument: {} }]])('%j, which is not a package', (json) => {
    expect(errors(importCase(json))).toEqual([
      { row: 'package', message: expect.stringContaining('not a CASE package') as string },
    ]);
  });

  it('a package without a CFDocument', () => {
    expect(errors(importCase({ CFItems: [] }))).toEqual([
      { row: 'CFDocument', message: 'The package has no CFDocument.' },
    ]);
  });

  it('lists that are not lists', () => {
    expect(errors(importCase({ CFDocument: { identifier: 'd', title: 'T' }, CFItems: {} }))).toEqual([
      { row: 'CFItems', message: 'CFItems must be a list.' },
    ]);
  });

  const pkg = exportCase(demo, options);
  const itemId = (code: string) => pkg.CFItems.find((i) => i.humanCodingScheme === code)!.identifier;

  it('an item that is a child of an unknown item, naming the item, and nothing else is imported', () => {
    const json = asJson(pkg);
    const link = json.CFAssociations.find(
      (a) => a.associationType === 'isChildOf' && a.originNodeURI.identifier === itemId('DAT-02'),
    )!;
    link.destinationNodeURI.identifier = 'ffffffff-0000-4000-8000-000000000000';
    const result = importCase(json);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('framework');
    expect(errors(result)).toEqual([
      {
        row: itemId('DAT-02'),
        field: 'isChildOf',
        message:
          'Item DAT-02 is a child of ffffffff-0000-4000-8000-000000000000, which is not in this package.',
      },
      {
        row: itemId('DAT-02'),
        field: 'isChildOf',
        message: 'Competency DAT-02 is not attached to the document or a group (no isChildOf).',
      },
    ]);
  });

  it('an association from an unknown item', () => {
    const json = asJson(pkg);
    const alignment = json.CFAssociations.find((a) => a.associationType === 'isRelatedTo')!;
    alignment.originNodeURI.identifier = 'ffffffff-0000-4000-8000-000000000001';
    expect(errors(importCase(json))).toEqual([
      {
        row: alignment.identifier,
        field: 'originNodeURI',
        message:
          'The isRelatedTo association starts at ffffffff-0000-4000-8000-000000000001, which is not an item in this package.',
      },
    ]);
  });

  it('duplicate codes, naming the second item', () => {
    const json = asJson(pkg);
    json.CFItems.find((i) => i.humanCodingScheme === 'QSF-02')!.humanCodingScheme = 'qsf-01';
    expect(errors(importCase(json))).toEqual([
      {
        row: itemId('QSF-02'),
        field: 'humanCodingScheme',
        message: 'Code "qsf-01" is used by another competency.',
      },
    ]);
  });

  it('duplicate identifiers', () => {
    const json = asJson(pkg);
    json.CFItems.push({ ...json.CFItems[20]!, humanCodingScheme: 'NEW-01' });
    expect(errors(importCase(json))).toEqual([
      {
        row: json.CFItems[20]!.identifier,
        field: 'identifier',
        message: `Identifier ${json.CFItems[20]!.identifier} is used by more than one item.`,
      },
    ]);
  });

  it('items without identifiers or statements', () => {
    const json = asJson(pkg);
    json.CFItems.push({ fullStatement: 'x' } as never, {
      ...json.CFItems[30]!,
      identifier: 'c0000000-0000-4000-8000-000000000000',
      fullStatement: ' ',
    });
    expect(errors(importCase(json))).toEqual(
      expect.arrayContaining([
        { row: 'CFItems[50]', field: 'identifier', message: 'CFItems[50] has no identifier.' },
        {
          row: 'c0000000-0000-4000-8000-000000000000',
          field: 'fullStatement',
          message: 'The item has no fullStatement.',
        },
      ]),
    );
  });

  it('a rubric criterion for an unknown item, and scores that are not levels', () => {
    const json = asJson(pkg);
    const criteria = json.CFRubrics[0]!.CFRubricCriteria;
    criteria[1]!.CFItemURI!.identifier = 'ffffffff-0000-4000-8000-000000000002';
    criteria[2]!.CFRubricCriterionLevels[0]!.score = 0.5;
    expect(errors(importCase(json))).toEqual([
      {
        row: criteria[1]!.identifier,
        field: 'CFItemURI',
        message: `Rubric criterion ${criteria[1]!.identifier} points at ffffffff-0000-4000-8000-000000000002, which is not an item in this package.`,
      },
      {
        row: itemId(demo.competencies[1]!.code),
        field: 'score',
        message: `Rubric level ${criteria[2]!.CFRubricCriterionLevels[0]!.identifier} has score 0.5; levels must be whole numbers from 1.`,
      },
    ]);
  });

  it('a framework that breaks the rules, naming the item', () => {
    const json = asJson(pkg);
    json.CFItems.find((i) => i.humanCodingScheme === 'PEC-06')!.humanCodingScheme = 'PEC 06';
    expect(errors(importCase(json))).toEqual([
      {
        row: itemId('PEC-06'),
        field: 'humanCodingScheme',
        message: expect.stringContaining('Code "PEC 06" must start with a letter or digit') as string,
      },
    ]);
  });
});
