import { useMemo } from 'react';
import type { MyAchievement, Ref } from '../../api/authoring-api';
import type { Me, Organisation, OrganisationKind } from '../../api/types';
import { CheckboxGroup } from '../../design/checkbox-group';
import { Select } from '../../design/select';
import { ORGANISATION_KIND_LABELS } from '../../labels/organisation-kinds';

export interface TeamOption {
  id: string;
  name: string;
  kind?: OrganisationKind;
  /** Why Cairn offers it, when it isn't one of the person's own organisations. */
  source: 'member' | 'on-this' | 'partner' | 'platform';
}

/**
 * Organisations an author can pick as co-designers (of a micro-credential or a pathway). Cairn has
 * no public list of organisations, so it offers the person's own, those already on this one, and
 * those they already co-design micro-credentials with (and, for platform admins, every organisation).
 */
export function useTeamOptions(
  me: Me,
  mine: readonly MyAchievement[],
  onThis: readonly Ref[],
  allOrganisations: readonly Organisation[],
): TeamOption[] {
  return useMemo(() => {
    const options = new Map<string, TeamOption>();
    const add = (option: TeamOption) => {
      const existing = options.get(option.id);
      if (!existing) options.set(option.id, option);
      else if (!existing.kind && option.kind) options.set(option.id, { ...existing, kind: option.kind });
    };
    for (const m of me.memberships) add({ ...m.organisation, source: 'member' });
    for (const ref of onThis) add({ id: ref.id, name: ref.name, source: 'on-this' });
    for (const item of mine) {
      for (const ref of [item.provider, ...item.collaborators]) {
        add({ id: ref.id, name: ref.name, source: 'partner' });
      }
    }
    for (const org of allOrganisations)
      add({ id: org.id, name: org.name, kind: org.kind, source: 'platform' });
    return [...options.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-NZ'));
  }, [me.memberships, mine, onThis, allOrganisations]);
}

const SOURCE_HINTS: Record<TeamOption['source'], (subject: string) => string> = {
  member: () => 'You belong to it',
  'on-this': (subject) => `Already on this ${subject}`,
  partner: () => 'Co-designs your micro-credentials',
  platform: () => '',
};

function optionHint(option: TeamOption, subject: string): string {
  return [option.kind ? ORGANISATION_KIND_LABELS[option.kind] : '', SOURCE_HINTS[option.source](subject)]
    .filter(Boolean)
    .join(' · ');
}

export interface DesignTeamFieldsProps {
  /** Organisations that may own a new micro-credential; absent when editing (the owner is fixed). */
  ownerOptions?: readonly TeamOption[];
  ownerId: string;
  ownerName: string;
  onOwnerChange: (id: string) => void;
  options: readonly TeamOption[];
  collaboratorIds: readonly string[];
  onCollaboratorsChange: (ids: string[]) => void;
  errorFor: (key: string) => string | undefined;
  /** What is being designed, for the labels: "micro-credential" unless given. */
  subject?: string;
}

export function DesignTeamFields({
  ownerOptions,
  ownerId,
  ownerName,
  onOwnerChange,
  options,
  collaboratorIds,
  onCollaboratorsChange,
  errorFor,
  subject = 'micro-credential',
}: DesignTeamFieldsProps) {
  const candidates = options.filter((o) => o.id !== ownerId);
  const collaboratorError =
    errorFor('collaboratorIds') ??
    collaboratorIds.map((_, i) => errorFor(`collaboratorIds/${String(i)}`)).find(Boolean);
  return (
    <>
      {ownerOptions ? (
        <Select
          label="Owner"
          hint={`The organisation that offers the ${subject} and answers for it. You need the Author role there.`}
          placeholder="Choose an organisation"
          value={ownerId}
          options={ownerOptions.map((o) => ({ value: o.id, label: o.name }))}
          onChange={(event) => {
            onOwnerChange(event.target.value);
          }}
          error={errorFor('organisationId')}
        />
      ) : (
        <div className="field">
          <p className="field__label">Owner</p>
          <p>{ownerName}</p>
        </div>
      )}
      {candidates.length === 0 ? (
        <p className="muted">
          Cairn offers the organisations you belong to and those you already co-design with. Once a partner
          organisation adds you to a micro-credential, you can invite it here.
        </p>
      ) : (
        <CheckboxGroup
          legend="Co-designers"
          hint="Organisations that design this with the owner. Their authors can edit and sign off. Cairn offers the organisations you belong to and those you already co-design with."
          options={candidates.map((o) => ({ value: o.id, label: o.name, hint: optionHint(o, subject) }))}
          value={collaboratorIds.filter((id) => id !== ownerId)}
          onChange={onCollaboratorsChange}
          error={collaboratorError}
          columns={2}
        />
      )}
    </>
  );
}
