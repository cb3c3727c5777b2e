// The app's navigation as data. Each item says who sees it; later features
// (Catalogue, Frameworks, Assessments…) add entries here rather than new JSX.
import type { Role } from '../api/types';
import type { IconName } from '../design/icons';

export interface NavContext {
  roles: readonly Role[];
  isPlatformAdmin: boolean;
  organisationId: string | null;
  /** From getMyAssessmentRoles: approved assessment staff of at least one micro-credential. */
  assessorOf?: boolean;
  moderatorOf?: boolean;
}

export type Audience =
  | { kind: 'everyone' }
  /** Anyone holding at least one of these roles in the current organisation. */
  | { kind: 'roles'; roles: readonly Role[]; alsoPlatformAdmin?: boolean }
  | { kind: 'platform-admin' }
  /** Approved assessment staff (getMyAssessmentRoles); moderators of the current organisation also moderate. */
  | { kind: 'assessment'; role: 'assessor' | 'moderator' };

export interface NavItem {
  id: string;
  label: string;
  icon: IconName;
  audience: Audience;
  /** Builds the link; org-scoped items receive the current organisation id. */
  path: (organisationId: string) => string;
  orgScoped: boolean;
  /** Match only the exact path (for Home). */
  end?: boolean;
  /** Also offered in the signed-out header (public pages such as the catalogue). */
  public?: boolean;
}

export interface NavSection {
  id: string;
  /** Visible group heading; null for the top group. */
  label: string | null;
  items: readonly NavItem[];
}

const org = (suffix: string) => (organisationId: string) =>
  `/orgs/${encodeURIComponent(organisationId)}/${suffix}`;

export const NAV_SECTIONS: readonly NavSection[] = [
  {
    id: 'main',
    label: null,
    items: [
      {
        id: 'home',
        label: 'Home',
        icon: 'home',
        audience: { kind: 'everyone' },
        path: () => '/',
        orgScoped: false,
        end: true,
      },
      {
        id: 'catalogue',
        label: 'Catalogue',
        icon: 'badge',
        audience: { kind: 'everyone' },
        path: () => '/catalogue',
        orgScoped: false,
        public: true,
      },
      {
        id: 'pathways',
        label: 'Pathways',
        icon: 'list',
        audience: { kind: 'everyone' },
        path: () => '/pathways',
        orgScoped: false,
        public: true,
      },
      {
        id: 'frameworks',
        label: 'Frameworks',
        icon: 'sprout',
        audience: { kind: 'everyone' },
        path: () => '/frameworks',
        orgScoped: false,
        public: true,
      },
      {
        id: 'reports',
        label: 'Reports',
        icon: 'scale',
        audience: { kind: 'everyone' },
        path: () => '/reports',
        orgScoped: false,
        public: true,
      },
      {
        id: 'wallet',
        label: 'My credentials',
        icon: 'wallet',
        audience: { kind: 'everyone' },
        path: () => '/wallet',
        orgScoped: false,
      },
      {
        id: 'learning',
        label: 'My learning',
        icon: 'graduation',
        audience: { kind: 'everyone' },
        path: () => '/learning',
        orgScoped: false,
        end: true,
      },
      {
        id: 'guidance',
        label: 'Guidance',
        icon: 'sprout',
        audience: { kind: 'everyone' },
        path: () => '/learning/guidance',
        orgScoped: false,
      },
      {
        id: 'journey',
        label: 'My journey',
        icon: 'rotate',
        audience: { kind: 'everyone' },
        path: () => '/learning/journey',
        orgScoped: false,
      },
      {
        id: 'assess',
        label: 'Assess',
        icon: 'clipboard',
        audience: { kind: 'assessment', role: 'assessor' },
        path: () => '/assess',
        orgScoped: false,
      },
      {
        id: 'moderation',
        label: 'Moderation',
        icon: 'checkCircle',
        audience: { kind: 'assessment', role: 'moderator' },
        path: () => '/moderation',
        orgScoped: false,
      },
      {
        id: 'verify',
        label: 'Verify',
        icon: 'shieldCheck',
        audience: { kind: 'everyone' },
        path: () => '/verify',
        orgScoped: false,
        public: true,
      },
      {
        id: 'authoring',
        label: 'Authoring',
        icon: 'pencil',
        audience: { kind: 'roles', roles: ['author', 'moderator'] },
        path: () => '/authoring',
        orgScoped: false,
      },
      {
        id: 'account',
        label: 'Account',
        icon: 'user',
        audience: { kind: 'everyone' },
        path: () => '/account',
        orgScoped: false,
      },
    ],
  },
  {
    id: 'organisation',
    label: 'Organisation',
    items: [
      {
        id: 'members',
        label: 'Members',
        icon: 'users',
        audience: { kind: 'roles', roles: ['org_admin'], alsoPlatformAdmin: true },
        path: org('members'),
        orgScoped: true,
      },
      {
        id: 'credentials',
        label: 'Credentials',
        icon: 'badge',
        audience: { kind: 'roles', roles: ['org_admin', 'assessor', 'moderator'], alsoPlatformAdmin: true },
        path: org('credentials'),
        orgScoped: true,
      },
      {
        id: 'api-keys',
        label: 'API keys',
        icon: 'key',
        audience: { kind: 'roles', roles: ['org_admin'], alsoPlatformAdmin: true },
        path: org('api-keys'),
        orgScoped: true,
      },
      {
        id: 'audit',
        label: 'Audit log',
        icon: 'list',
        audience: { kind: 'roles', roles: ['org_admin'], alsoPlatformAdmin: true },
        path: org('audit'),
        orgScoped: true,
      },
    ],
  },
  {
    id: 'admin',
    label: 'Admin',
    items: [
      {
        id: 'outbox',
        label: 'Outbox',
        icon: 'mail',
        audience: { kind: 'platform-admin' },
        path: () => '/admin/outbox',
        orgScoped: false,
      },
      {
        id: 'platform-audit',
        label: 'Platform audit',
        icon: 'shield',
        audience: { kind: 'platform-admin' },
        path: () => '/admin/audit',
        orgScoped: false,
      },
    ],
  },
];

export function canSee(item: NavItem, context: NavContext): boolean {
  if (item.orgScoped && !context.organisationId) return false;
  switch (item.audience.kind) {
    case 'everyone':
      return true;
    case 'platform-admin':
      return context.isPlatformAdmin;
    case 'assessment':
      return item.audience.role === 'assessor'
        ? context.assessorOf === true
        : context.moderatorOf === true || context.roles.includes('moderator');
    case 'roles':
      return (
        item.audience.roles.some((role) => context.roles.includes(role)) ||
        (item.audience.alsoPlatformAdmin === true && context.isPlatformAdmin)
      );
  }
}

export interface VisibleNavSection {
  id: string;
  label: string | null;
  links: { id: string; label: string; icon: IconName; to: string; end: boolean }[];
}

export function visibleNavigation(context: NavContext): VisibleNavSection[] {
  return NAV_SECTIONS.map((section) => ({
    id: section.id,
    label: section.label,
    links: section.items
      .filter((item) => canSee(item, context))
      .map((item) => ({
        id: item.id,
        label: item.label,
        icon: item.icon,
        to: item.path(context.organisationId ?? ''),
        end: item.end ?? false,
      })),
  })).filter((section) => section.links.length > 0);
}

/** The signed-out header's links: the items marked public. */
export function publicNavigation(): VisibleNavSection['links'] {
  return NAV_SECTIONS.flatMap((section) => section.items)
    .filter((item) => item.public === true)
    .map((item) => ({
      id: item.id,
      label: item.label,
      icon: item.icon,
      to: item.path(''),
      end: item.end ?? false,
    }));
}

/** The org-scoped item a path belongs to, e.g. `/orgs/x/members` → members. */
export function orgScopedItemForPath(pathname: string): NavItem | undefined {
  const suffix = /^\/orgs\/[^/]+\/([^/]+)/.exec(pathname)?.[1];
  if (!suffix) return undefined;
  return NAV_SECTIONS.flatMap((section) => section.items).find(
    (item) => item.orgScoped && item.path('x') === `/orgs/x/${suffix}`,
  );
}
