/**
 * Words of infrastructure asset management in Aotearoa New Zealand, for generated frameworks and
 * micro-credentials that read (and search, and overlap) like real ones.
 */

/** One per competency group: [code, name]. The generator cycles through them for more groups. */
export const TOPICS: readonly (readonly [string, string])[] = [
  ['FND', 'asset management fundamentals'],
  ['CND', 'condition assessment'],
  ['VAL', 'asset valuation'],
  ['DEP', 'depreciation accounting'],
  ['LCC', 'lifecycle costing'],
  ['REN', 'renewal planning'],
  ['RSK', 'risk management'],
  ['CRT', 'criticality analysis'],
  ['MNT', 'maintenance planning'],
  ['DAT', 'asset data management'],
  ['LOS', 'levels of service'],
  ['DMD', 'demand forecasting'],
  ['CAP', 'capital works prioritisation'],
  ['STR', 'infrastructure strategy'],
  ['PRF', 'performance monitoring'],
  ['FMA', 'failure mode analysis'],
  ['REL', 'reliability engineering'],
  ['GIS', 'geospatial asset registers'],
  ['DET', 'deterioration modelling'],
  ['CLM', 'climate adaptation'],
  ['RES', 'resilience planning'],
  ['PRC', 'procurement and contract management'],
  ['ENG', 'stakeholder engagement'],
  ['FIN', 'financial forecasting'],
];

export const ASSET_CLASSES = [
  'water supply',
  'wastewater',
  'stormwater',
  'roading',
  'bridges',
  'footpaths',
  'parks and reserves',
  'community facilities',
  'pump stations',
  'treatment plants',
  'reticulation',
  'pavements',
  'streetlights',
  'flood protection',
  'electricity distribution',
  'rail corridors',
  'social housing',
  'seawalls',
  'culverts',
  'reservoirs',
] as const;

export const ASPECTS = [
  'principles',
  'methods',
  'data',
  'analysis',
  'reporting',
  'governance',
  'tools',
  'field practice',
  'standards',
  'communication',
  'optimisation',
  'assurance',
] as const;

/** Skill areas: competency tags, and through them the catalogue's skill-area filter. */
export const SKILL_AREAS = [
  'core_am',
  'economics',
  'finance',
  'maths',
  'science',
  'engineering',
  'data_analytics',
  'public_communications',
  'strategic_thinking',
  'sociology',
  'law',
  'environment',
] as const;

export const VERBS = [
  'Apply',
  'Assess',
  'Explain',
  'Prepare',
  'Evaluate',
  'Interpret',
  'Develop',
  'Review',
  'Model',
  'Prioritise',
  'Communicate',
  'Justify',
] as const;

export const OBJECTS = [
  'condition grades',
  'remaining useful life',
  'renewal forecasts',
  'risk registers',
  'optimised decision making',
  'whole-of-life costs',
  'asset hierarchies',
  'service level targets',
  'failure modes',
  'inspection data',
  'valuation schedules',
  'maintenance strategies',
  'capital programmes',
  'funding scenarios',
  'network models',
  'critical asset lists',
  'defect registers',
  'asset management plans',
  'depreciated replacement cost',
  'resilience assessments',
] as const;

export const METHODS = [
  'IIMM guidance',
  'ISO 55001 practice',
  'NAMS templates',
  'council asset data',
  'a GIS asset register',
  'field inspections',
  'a spreadsheet model',
  'Monte Carlo simulation',
  'multi-criteria analysis',
  'the Infrastructure Strategy',
  'the Long-term Plan',
  'Waka Kotahi guidelines',
] as const;

export const TITLE_PREFIXES = [
  'Introduction to',
  'Applied',
  'Advanced',
  'Practical',
  'Foundations of',
  'Leading',
  'Essentials of',
  'Strategic',
  'Operational',
  'Integrated',
] as const;

export const DELIVERY = [
  'online self-paced with a workplace task',
  'blended: two workshop days and a workplace project',
  'on the job with an industry mentor',
  'evening classes over one term',
  'intensive block course and online assessment',
] as const;

export const ASSESSMENT_METHODS = [
  'Workplace project',
  'Online competency quiz',
  'Reflective journal',
  'Professional conversation',
  'Portfolio of evidence',
  'Observed practical task',
  'Case study report',
  'Presentation to a panel',
] as const;

export const EVIDENCE = [
  "A report of 1,500-2,500 words applying the method to an asset group in the learner's own organisation.",
  'Pass all module quizzes at the mastery threshold.',
  "A workplace supervisor's attestation that the task was completed to standard.",
  'A recorded professional conversation with an industry assessor.',
  'A spreadsheet or model with a short note explaining its assumptions.',
  'A presentation of recommendations to a panel of practitioners.',
  'Field notes and photographs from at least two site inspections.',
] as const;

export const CREDENTIAL_TAGS = [
  'R1',
  'R2',
  'flagship',
  'three-waters',
  'transport',
  'resilience',
  'data',
  'finance',
  'planning',
  'operations',
  'entry',
  'advanced',
  'leadership',
  'digital',
] as const;

export const PROVIDER_NAMES = [
  'Tōtara Polytechnic',
  'Kauri Institute of Technology',
  'Harbourview City Council',
  'Kōwhai District Council',
  'Ridgeline Asset Advisory',
  'Southern Lakes Water',
  'Matai Regional Council',
  'Pōhutukawa Roading Alliance',
  'Rimu Infrastructure Academy',
  'Northern Wānanga',
  'Coastal Three Waters',
  'Te Awa Engineering',
  'Riverbend University',
  'Summit Utilities',
  'Kahikatea Consulting',
  'Plains District Council',
  'Totara Valley Council',
  'Kea Training Trust',
  'Harakeke Skills',
  'Mānuka Civil',
  'Whenua Asset Services',
  'Tui Polytechnic',
  'Aotea Infrastructure',
  'Kororā Water Services',
  'Pūriri Learning',
  'Kiwa Networks',
  'Rātā Institute',
  'Taupō Skills Centre',
  'Hinemoa Engineering',
  'Moana Utilities',
] as const;

export const ENDORSER_NAMES = [
  'Infrastructure Asset Management Society of Aotearoa',
  'Water Industry Professionals Association',
  'Roading Engineers Institute',
  'Local Government Finance Forum',
  'Civil Contractors Guild',
  'Institute of Public Works Engineering',
] as const;

/** "asset valuation" → "Asset Valuation" */
export function titleCase(text: string): string {
  return text.replace(
    /(^|[\s-])([a-zāēīōū])/g,
    (_m, gap: string, letter: string) => gap + letter.toUpperCase(),
  );
}

/** "asset valuation" → "Asset valuation" */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
