import { useState } from 'react';
import type { WorkflowAction } from '../../api/authoring-api';
import { pathwaysApi, type Pathway } from '../../api/pathways-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Card } from '../../design/card';
import { useAnnounce } from '../../design/live-announcer';
import { TextAreaField } from '../../design/text-area-field';
import { useAction } from '../../hooks/use-action';
import { KIND_PHRASES } from '../authoring/authoring-labels';
import { ReviewComments, ReviewHistory } from '../authoring/review-threads';
import { SignOffPanel } from '../authoring/sign-off-panel';
import { WorkflowStepper } from '../authoring/workflow-stepper';
import '../authoring/authoring.css';

const PUBLISHED_HINT = 'Learners follow it and earn the stacked credential';

const DONE: Record<WorkflowAction, string> = {
  submit: 'Submitted for review.',
  return_to_draft: 'Returned to draft.',
  publish: 'Published.',
  retire: 'Retired.',
};

/**
 * The co-authoring of one pathway version, as for micro-credentials: where it is in the workflow,
 * the sign-offs publishing needs, the moves the person may make, comments and history. Shown only
 * to the design team and reviewers (the server sends the review state to them alone).
 */
export function PathwayReview({ pathway, onChanged }: { pathway: Pathway; onChanged: (p: Pathway) => void }) {
  if (!pathway.signOffs || !pathway.history) return null;
  const open = pathway.status === 'draft' || pathway.status === 'in_review';
  if (!open) {
    return (
      <div data-testid="pathway-history">
        <ReviewHistory history={pathway.history} />
      </div>
    );
  }
  return (
    <section className="stack stack-lg" aria-label="Review" data-testid="pathway-review">
      <Card title="Review status" tone="accent" className="review-status" data-testid="review-status">
        <WorkflowStepper status={pathway.status} publishedHint={PUBLISHED_HINT} />
        {pathway.changeNote ? (
          <p className="change-note">
            <span className="muted">Change note:</span> {pathway.changeNote}
          </p>
        ) : null}
        <p className="muted small">
          Designed by {pathway.owner.name}
          {pathway.collaborators.length > 0
            ? ` with ${pathway.collaborators.map((c) => c.name).join(', ')}`
            : ' alone: add co-designing organisations in the editor so they can sign off'}
          .
        </p>
        <SignOffPanel
          review={{
            status: pathway.status,
            teamIds: [pathway.owner.id, ...pathway.collaborators.map((c) => c.id)],
            signOffs: pathway.signOffs,
            requiredSignOffKinds: pathway.requiredSignOffKinds ?? [],
            missingSignOffKinds: pathway.missingSignOffKinds ?? [],
            canSignOff: pathway.abilities.signOff,
          }}
          sign={async (organisationId) => {
            onChanged(await pathwaysApi.signOffPathwayVersion(pathway.versionId, organisationId));
          }}
        />
        <WorkflowButtons pathway={pathway} onChanged={onChanged} />
      </Card>
      <div className="review-layout">
        <div className="stack stack-lg review-layout__main">
          <ReviewComments
            comments={pathway.comments ?? []}
            status={pathway.status}
            canComment={pathway.abilities.comment}
            post={(text) => pathwaysApi.commentOnPathwayVersion(pathway.versionId, text)}
            onAdded={(comment) => {
              onChanged({ ...pathway, comments: [...(pathway.comments ?? []), comment] });
            }}
          />
        </div>
        <div className="stack stack-lg review-layout__aside">
          <ReviewHistory history={pathway.history} />
        </div>
      </div>
    </section>
  );
}

function WorkflowButtons({ pathway, onChanged }: { pathway: Pathway; onChanged: (p: Pathway) => void }) {
  const announce = useAnnounce();
  const [note, setNote] = useState('');
  const move = useAction(async (action: WorkflowAction) => {
    const moved = await pathwaysApi.movePathwayVersion(pathway.versionId, action, note.trim());
    setNote('');
    onChanged(moved);
    announce(DONE[action]);
    return moved;
  });
  const { abilities } = pathway;
  const missing = pathway.missingSignOffKinds ?? [];
  if (!abilities.submit && !abilities.returnToDraft && !abilities.publish) return null;
  return (
    <div className="stack stack-sm" data-testid="workflow-actions">
      <TextAreaField
        label="Note for the history"
        optional
        rows={2}
        maxLength={2000}
        value={note}
        onChange={(event) => {
          setNote(event.target.value);
        }}
      />
      {abilities.publish && missing.length > 0 ? (
        <Alert tone="info" title="Waiting for sign-offs">
          <p>
            Publishing needs a sign-off on this exact content from an author of{' '}
            {missing.map((k) => KIND_PHRASES[k]).join(' and ')}.
          </p>
        </Alert>
      ) : null}
      <ProblemAlert problem={move.problem} />
      <div className="cluster">
        {abilities.submit ? (
          <Button pending={move.pending} onClick={() => void move.run('submit')}>
            Submit for review
          </Button>
        ) : null}
        {abilities.publish ? (
          <Button
            pending={move.pending}
            disabled={missing.length > 0}
            onClick={() => void move.run('publish')}
          >
            Publish
          </Button>
        ) : null}
        {abilities.returnToDraft ? (
          <Button variant="secondary" pending={move.pending} onClick={() => void move.run('return_to_draft')}>
            Return to draft
          </Button>
        ) : null}
      </div>
    </div>
  );
}
