import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Me, Membership, Role } from '../api/types';
import { Card } from '../design/card';
import { Chip } from '../design/chip';
import { EmptyState } from '../design/empty-state';
import { Icon, type IconName } from '../design/icons';
import { LinkButton } from '../design/button';
import { PageHeader } from '../design/page-header';
import { QueryView } from '../design/query-view';
import { useOrganisation } from '../hooks/use-organisation';
import { ORGANISATION_KIND_LABELS } from '../labels/organisation-kinds';
import { ROLE_LABELS, sortRoles } from '../labels/roles';
import { useCurrentOrganisation } from '../session/current-organisation';
import { useMe } from '../session/session-context';

interface NextStep {
  icon: IconName;
  title: string;
  body: ReactNode;
  /** Real links where the feature exists; a "coming" note where it does not yet. */
  links?: { label: string; to: string }[];
  comingWith?: string;
}

function orgPath(orgId: string, suffix: string) {
  return `/orgs/${encodeURIComponent(orgId)}/${suffix}`;
}

function nextStepFor(role: Role, membership: Membership): NextStep {
  const orgName = membership.organisation.name;
  const orgId = membership.organisation.id;
  switch (role) {
    case 'learner':
      return {
        icon: 'badge',
        title: 'Earn stackable badges',
        body: 'Browse micro-credentials built with New Zealand asset managers, and stack them towards a role such as Asset Officer or AM Planner.',
        links: [
          { label: 'Browse the catalogue', to: '/catalogue' },
          { label: 'See the competency framework', to: '/frameworks' },
        ],
      };
    case 'author':
      return {
        icon: 'pencil',
        title: 'Co-design micro-credentials',
        body: `Draft credentials with employers, educators and the professional body, on behalf of ${orgName}.`,
        links: [
          { label: 'Your micro-credentials', to: '/authoring' },
          { label: 'Start a new one', to: '/authoring/new' },
          { label: 'Where training overlaps', to: '/reports/overlap' },
          { label: 'Competencies nobody teaches', to: '/reports/coverage' },
        ],
      };
    case 'assessor':
      return {
        icon: 'clipboard',
        title: 'Work through your assessment queue',
        body: 'Judge evidence against rubrics tied to competency indicators, including recognition of prior learning.',
        comingWith: 'Coming with assessments',
      };
    case 'moderator':
      return {
        icon: 'scale',
        title: 'Sample assessments for moderation',
        body: 'Check that assessors reach consistent judgements, and feed what you find back into rubrics. Meanwhile, review the drafts your organisation co-designs.',
        links: [{ label: 'Drafts to review', to: '/authoring' }],
        comingWith: 'Moderation sampling comes with assessments',
      };
    case 'endorser':
      return {
        icon: 'shield',
        title: 'Endorse quality credentials',
        body: `Review published micro-credentials against your checklist and endorse them in ${orgName}’s name from their catalogue page.`,
        links: [{ label: 'Browse the catalogue', to: '/catalogue' }],
      };
    case 'mentor':
      return {
        icon: 'sprout',
        title: 'Mentor the next asset managers',
        body: 'Keep a light mentoring log and pass on what you know about the network.',
        comingWith: 'Coming with mentoring',
      };
    case 'org_admin':
      return {
        icon: 'users',
        title: `Run ${orgName} on Cairn`,
        body: 'Invite your people, give them the roles they need, and connect your systems with API keys.',
        links: [
          { label: 'Invite people', to: `${orgPath(orgId, 'members')}#invite` },
          { label: 'Manage roles', to: orgPath(orgId, 'members') },
          { label: 'API keys', to: orgPath(orgId, 'api-keys') },
          { label: 'Audit log', to: orgPath(orgId, 'audit') },
        ],
      };
  }
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

export function HomePage() {
  const me = useMe();
  const { membership, organisationId } = useCurrentOrganisation();

  if (!membership && organisationId && me.user.isPlatformAdmin) {
    return <PlatformAdminOrganisationHome me={me} organisationId={organisationId} />;
  }
  if (!membership) return <HomeWithoutOrganisation me={me} />;

  const roles = sortRoles(membership.roles);
  const roleNames = roles.map((role) => ROLE_LABELS[role]);
  return (
    <>
      <PageHeader
        title={`Kia ora, ${firstName(me.user.name)}`}
        documentTitle="Home"
        eyebrow={`${membership.organisation.name} · ${ORGANISATION_KIND_LABELS[membership.organisation.kind]}`}
        description={
          <p>
            You’re working in {membership.organisation.name} as {listPhrase(roleNames)}. Here’s what you can
            do next.
          </p>
        }
      />
      <div className="stack stack-lg">
        <section aria-labelledby="next-steps-heading" className="stack">
          <h2 id="next-steps-heading" className="visually-hidden">
            Next steps for your roles
          </h2>
          <div className="grid-cards">
            {roles.map((role) => (
              <RoleCard key={role} role={role} step={nextStepFor(role, membership)} />
            ))}
          </div>
        </section>
        {me.user.isPlatformAdmin ? <PlatformAdminCard /> : null}
      </div>
    </>
  );
}

function RoleCard({ role, step }: { role: Role; step: NextStep }) {
  return (
    <Card
      className="role-card"
      tone={step.links ? 'accent' : 'default'}
      data-testid={`role-card-${role}`}
      title={
        <span className="role-card__title">
          <span className="role-card__icon">
            <Icon name={step.icon} />
          </span>
          {step.title}
        </span>
      }
    >
      <p className="role-card__role">
        <Chip tone={role === 'org_admin' ? 'primary' : 'neutral'}>{ROLE_LABELS[role]}</Chip>
      </p>
      <p className="muted">{step.body}</p>
      {step.links ? (
        <ul className="link-list">
          {step.links.map((link) => (
            <li key={link.to + link.label}>
              <Link to={link.to}>{link.label}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {step.comingWith ? <p className="role-card__coming">{step.comingWith}</p> : null}
    </Card>
  );
}

function PlatformAdminCard() {
  return (
    <Card title="Platform administration" description="You look after Cairn itself.">
      <ul className="link-list">
        <li>
          <Link to="/admin/outbox">Outbox</Link>: emails Cairn has sent or is holding for you to read
        </li>
        <li>
          <Link to="/admin/audit">Platform audit</Link>: every organisation’s events in one place
        </li>
      </ul>
    </Card>
  );
}

/** A platform admin looking at an organisation they don't belong to. */
function PlatformAdminOrganisationHome({ me, organisationId }: { me: Me; organisationId: string }) {
  const organisation = useOrganisation(organisationId);
  const name = organisation.status === 'success' ? organisation.data.name : 'this organisation';
  return (
    <>
      <PageHeader
        title={`Kia ora, ${firstName(me.user.name)}`}
        documentTitle="Home"
        eyebrow={organisation.status === 'success' ? organisation.data.name : undefined}
        description={<p>You’re not a member of {name}, but as a platform admin you can look after it.</p>}
      />
      <div className="stack stack-lg">
        <QueryView query={organisation} loadingLabel="Loading organisation…">
          {(org) => (
            <Card title={`Look after ${org.name}`} tone="accent">
              <ul className="link-list">
                <li>
                  <Link to={orgPath(org.id, 'members')}>Members and invitations</Link>
                </li>
                <li>
                  <Link to={orgPath(org.id, 'api-keys')}>API keys</Link>
                </li>
                <li>
                  <Link to={orgPath(org.id, 'audit')}>Audit log</Link>
                </li>
              </ul>
            </Card>
          )}
        </QueryView>
        <PlatformAdminCard />
      </div>
    </>
  );
}

function HomeWithoutOrganisation({ me }: { me: Me }) {
  return (
    <>
      <PageHeader
        title={`Kia ora, ${firstName(me.user.name)}`}
        documentTitle="Home"
        description={<p>Welcome to Cairn.</p>}
      />
      <div className="stack stack-lg">
        <EmptyState
          title="You’re not part of an organisation yet"
          actions={
            me.abilities.createOrganisation ? (
              <LinkButton to="/orgs/new" icon={<Icon name="plus" />}>
                Create an organisation
              </LinkButton>
            ) : undefined
          }
        >
          <p>
            On Cairn, people learn, assess and endorse through their organisation: a council, consultancy,
            polytechnic or professional body.
          </p>
          <p>
            If yours already uses Cairn, ask its admin to invite <strong>{me.user.email}</strong>. The email
            they send has a link that brings you straight back here.
          </p>
        </EmptyState>
        {me.user.isPlatformAdmin ? <PlatformAdminCard /> : null}
      </div>
    </>
  );
}

function listPhrase(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'a member';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
