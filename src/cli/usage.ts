/** The command was used wrongly (exit 2), as opposed to refused or failed (exit 1). */
export class UsageError extends Error {}
