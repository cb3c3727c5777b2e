import type { Role } from '../api/types';
import { ROLE_LABELS, sortRoles } from '../labels/roles';
import { Chip, type ChipTone } from './chip';

const ROLE_TONES: Partial<Record<Role, ChipTone>> = { org_admin: 'primary' };

export function RoleChips({ roles, label = 'Roles' }: { roles: readonly Role[]; label?: string }) {
  if (roles.length === 0) return <span className="muted">No roles</span>;
  return (
    <ul className="chip-list" aria-label={label}>
      {sortRoles(roles).map((role) => (
        <li key={role}>
          <Chip tone={ROLE_TONES[role] ?? 'neutral'}>{ROLE_LABELS[role]}</Chip>
        </li>
      ))}
    </ul>
  );
}
