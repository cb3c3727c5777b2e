import { ROLES } from '../../api/types';
import type { CheckboxOption } from '../../design/checkbox-group';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../labels/roles';
import type { Role } from '../../api/types';

export const ROLE_OPTIONS: CheckboxOption<Role>[] = ROLES.map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
  hint: ROLE_DESCRIPTIONS[role],
}));

export const LAST_ADMIN_MESSAGE =
  'Every organisation needs at least one Organisation admin. Give someone else that role first.';
