import { useId } from 'react';
import { credentialsApi, type CredentialSummary } from '../../api/credentials-api';
import { ProblemAlert } from '../../design/alert';
import { Spinner } from '../../design/spinner';
import { useAnnounce } from '../../design/live-announcer';
import { useAction } from '../../hooks/use-action';

/** The holder's switch between a public credential page and a private one. */
export function VisibilityToggle({
  credential,
  onChanged,
}: {
  credential: Pick<CredentialSummary, 'id' | 'title' | 'public'>;
  onChanged: (isPublic: boolean) => void;
}) {
  const id = useId();
  const announce = useAnnounce();
  const change = useAction(async (isPublic: boolean) => {
    const updated = await credentialsApi.setVisibility(credential.id, isPublic);
    onChanged(updated.public);
    announce(
      updated.public
        ? `“${credential.title}” is public: anyone with the link can see and verify it.`
        : `“${credential.title}” is private: only you and its issuer can see it.`,
    );
    return updated;
  });

  return (
    <div className="stack stack-sm">
      <div className="switch">
        <input
          type="checkbox"
          role="switch"
          id={id}
          className="switch__input"
          checked={credential.public}
          aria-describedby={`${id}-hint`}
          aria-busy={change.pending || undefined}
          onChange={(event) => {
            if (!change.pending) void change.run(event.target.checked);
          }}
        />
        <label htmlFor={id} className="switch__label">
          Public page<span className="visually-hidden"> for {credential.title}</span>
        </label>
        {change.pending ? <Spinner size="sm" label="Saving…" /> : null}
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        {credential.public
          ? 'Anyone with the link can see and verify it.'
          : 'Hidden: only you and the issuer can see it. Links you shared stop working.'}
      </p>
      <ProblemAlert problem={change.problem} />
    </div>
  );
}
