import type { Actor } from '../domain/actor.js';
import { exportCase, importCase, type CasePackage } from '../domain/case-format.js';
import { DomainError, InvalidFields, NotFound } from '../domain/errors.js';
import { exportCsv, importCsv } from '../domain/framework-csv.js';
import { checkFramework } from '../domain/framework-rules.js';
import type { Competency, FrameworkContent, ImportIssue } from '../domain/frameworks.js';
import { slugify } from '../domain/identity.js';
import { canEditFramework, canImportFramework } from '../policies/achievements.js';
import { ensure } from '../policies/ensure.js';
import type { FrameworkSummary, StoredFramework } from './catalogue-ports.js';
import type { Deps } from './ports.js';

export class FrameworkFileInvalid extends DomainError {
  readonly kind = 'invalid';
  readonly slug = 'framework-file-invalid';
  readonly title = 'Framework file not valid';

  override readonly extensions: { problems: readonly ImportIssue[] };

  constructor(readonly issues: readonly ImportIssue[]) {
    super(
      `Nothing was imported: ${issues.length} problem(s) in the file. ` +
        issues
          .slice(0, 3)
          .map((i) => `Row ${String(i.row)}: ${i.message}`)
          .join(' '),
      { problemCount: issues.length },
    );
    this.extensions = { problems: issues };
  }
}

export function listFrameworks(deps: Deps): Promise<FrameworkSummary[]> {
  return deps.store.frameworks.list();
}

/** @throws NotFound */
export async function getFramework(deps: Deps, id: string): Promise<StoredFramework> {
  const framework = await deps.store.frameworks.find(id);
  if (!framework) throw new NotFound('framework', id);
  return framework;
}

/** The framework as a 1EdTech CASE 1.1 package, addressed under this server's public URL. @throws NotFound */
export async function exportFrameworkCase(deps: Deps, id: string): Promise<CasePackage> {
  const framework = await getFramework(deps, id);
  return exportCase(framework.content, {
    baseUri: `${deps.config.publicUrl}/ims/case/v1p1`,
    frameworkId: framework.id,
    lastChangeDateTime: framework.updatedAt.toISOString(),
    creator: framework.owner?.name ?? 'Cairn',
  });
}

/** @throws NotFound */
export async function exportFrameworkCsv(deps: Deps, id: string): Promise<{ filename: string; csv: string }> {
  const framework = await getFramework(deps, id);
  return { filename: `${framework.slug}.csv`, csv: exportCsv(framework.content) };
}

export interface FrameworkImport {
  organisationId: string;
  format: 'case' | 'csv';
  /** CASE JSON (parsed) or CSV text. */
  data: unknown;
  /** For CSV, which carries no document header. */
  title?: string;
  description?: string;
  version?: string;
  language?: string;
  dryRun: boolean;
}

export interface FrameworkImportReport {
  dryRun: boolean;
  frameworkId: string | null;
  title: string;
  groups: number;
  competencies: number;
  warnings: ImportIssue[];
}

/**
 * Imports a whole framework, all or nothing: an invalid file changes nothing and every rejected
 * row comes back with its reason. A dry run checks everything and writes nothing.
 * @throws FrameworkFileInvalid | NotAllowed | InvalidFields
 */
export async function importFramework(
  deps: Deps,
  actor: Actor,
  input: FrameworkImport,
): Promise<FrameworkImportReport> {
  ensure(canImportFramework(actor, input.organisationId), actor, 'import frameworks for this organisation');
  let result;
  if (input.format === 'case') {
    result = importCase(input.data);
  } else {
    if (typeof input.data !== 'string')
      throw new InvalidFields([{ path: '/data', message: 'Send the CSV as text.' }]);
    if (!input.title?.trim())
      throw new InvalidFields([{ path: '/title', message: 'Give the framework a title.' }]);
    result = importCsv(input.data, {
      title: input.title.trim(),
      description: input.description ?? '',
      version: input.version ?? '1.0',
      language: input.language ?? 'en',
    });
  }
  if (!result.ok) throw new FrameworkFileInvalid(result.errors);
  const content = result.framework;
  const report = {
    dryRun: input.dryRun,
    title: content.title,
    groups: content.groups.length,
    competencies: content.competencies.length,
    warnings: result.warnings,
  };
  if (input.dryRun) return { ...report, frameworkId: null };
  const frameworkId = await saveNewFramework(deps, input.organisationId, content);
  return { ...report, frameworkId };
}

/** Stores a checked framework under a free slug; a CASE identifier already in use gets a fresh one. */
export async function saveNewFramework(
  deps: Pick<Deps, 'store'>,
  ownerOrganisationId: string | null,
  content: FrameworkContent,
): Promise<string> {
  const issues = checkFramework(content);
  if (issues.length > 0) throw new FrameworkFileInvalid(issues);
  return deps.store.transaction(async (store) => {
    const slug = await store.frameworks.freeSlug(slugify(content.title));
    // A second copy (e.g. re-importing this server's own CASE export) cannot reuse identifiers.
    const wanted = [content.caseIdentifier, ...content.competencies.map((c) => c.caseIdentifier)];
    const taken = await store.frameworks.caseIdentifiersInUse(wanted.filter((id) => id !== undefined));
    const fresh = <T extends { caseIdentifier?: string }>({ caseIdentifier, ...rest }: T) =>
      caseIdentifier === undefined || taken.has(caseIdentifier) ? rest : { ...rest, caseIdentifier };
    return store.frameworks.insert({
      slug,
      ownerOrganisationId,
      content: { ...fresh(content), competencies: content.competencies.map(fresh) },
    });
  });
}

/**
 * Adds or replaces one competency; the whole framework must still keep its rules afterwards.
 * @throws NotFound | NotAllowed | InvalidFields
 */
export async function saveCompetency(
  deps: Deps,
  actor: Actor,
  frameworkId: string,
  competency: Competency,
): Promise<StoredFramework> {
  const framework = await getFramework(deps, frameworkId);
  ensure(canEditFramework(actor, framework.owner?.id ?? null), actor, 'edit this framework');
  const others = framework.content.competencies.filter(
    (c) => c.code.toUpperCase() !== competency.code.toUpperCase(),
  );
  const existing = framework.content.competencies.find(
    (c) => c.code.toUpperCase() === competency.code.toUpperCase(),
  );
  const next = {
    ...competency,
    ...(existing?.caseIdentifier ? { caseIdentifier: existing.caseIdentifier } : {}),
  };
  const issues = checkFramework({ ...framework.content, competencies: [...others, next] }).filter(
    (i) => String(i.row).toUpperCase() === competency.code.toUpperCase() || i.row === next.code,
  );
  if (issues.length > 0) {
    throw new InvalidFields(issues.map((i) => ({ path: `/${i.field ?? ''}`, message: i.message })));
  }
  await deps.store.frameworks.saveCompetency(frameworkId, next, deps.clock.now());
  return getFramework(deps, frameworkId);
}
