import { Link, useNavigate } from 'react-router';
import { assessmentApi, type SubmissionRoute } from '../../api/assessment-api';
import type { AchievementDetail } from '../../api/catalogue-api';
import { ProblemAlert } from '../../design/alert';
import { Button, LinkButton } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { useAnnounce } from '../../design/live-announcer';
import { LoadingBlock } from '../../design/spinner';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';
import { SUBMISSION_STATE_LABELS, SUBMISSION_STATE_TONES } from './assessment-labels';
import './assessment.css';

/**
 * On a micro-credential's page, for signed-in people: enrol and start a submission (assessed, or by
 * recognition of prior learning when the version allows it), or go back to the open one.
 */
export function EnrolPanel({ achievement }: { achievement: AchievementDetail }) {
  const navigate = useNavigate();
  const announce = useAnnounce();
  const enrolments = useApiQuery(
    'my-enrolments',
    async (signal) => (await assessmentApi.listMyEnrolments(signal)).items,
  );
  const start = useAction(async (route: SubmissionRoute) => {
    const enrolment = await assessmentApi.enrol(achievement.id);
    const submission = await assessmentApi.createSubmission(enrolment.id, route);
    announce(
      route === 'rpl'
        ? 'Your RPL claim has started. Add your evidence.'
        : 'You are enrolled. Add your evidence.',
    );
    void navigate(`/submissions/${encodeURIComponent(submission.id)}`);
  });

  const mine =
    enrolments.status === 'success'
      ? enrolments.data.find(
          (enrolment) =>
            enrolment.achievement.id === achievement.id || enrolment.achievement.id === achievement.versionId,
        )
      : undefined;
  const open = mine?.submission && mine.submission.state !== 'withdrawn' ? mine.submission : null;

  return (
    <Card
      id="enrol"
      title="Earn this micro-credential"
      className="detail__section"
      description={
        achievement.rplAllowed
          ? 'Enrol and show your evidence for each criterion, or claim it by recognition of prior learning (RPL) if you already have the skills.'
          : 'Enrol and show your evidence for each criterion; an approved assessor decides.'
      }
    >
      <div className="enrol-panel">
        {enrolments.status === 'loading' ? <LoadingBlock label="Checking your enrolment…" /> : null}
        {open ? (
          <>
            <p className="cluster cluster--tight">
              <span>Your submission:</span>
              <Chip tone={SUBMISSION_STATE_TONES[open.state]}>{SUBMISSION_STATE_LABELS[open.state]}</Chip>
              <span className="small muted">Attempt {open.attempt}</span>
            </p>
            <div className="form__actions">
              <LinkButton to={`/submissions/${encodeURIComponent(open.id)}`}>Open my submission</LinkButton>
            </div>
          </>
        ) : enrolments.status !== 'loading' ? (
          <>
            {mine?.credentialId ? (
              <p>
                You already hold this credential.{' '}
                <Link to={`/credentials/${encodeURIComponent(mine.credentialId)}`}>View it</Link>.
              </p>
            ) : null}
            <ProblemAlert
              problem={start.problem}
              messages={{ 'achievement-not-published': 'Only published micro-credentials take enrolments.' }}
            />
            <div className="form__actions">
              <Button pending={start.pending} onClick={() => void start.run('assessed')}>
                Enrol and start
              </Button>
              {achievement.rplAllowed ? (
                <Button variant="secondary" pending={start.pending} onClick={() => void start.run('rpl')}>
                  Claim by recognition of prior learning
                </Button>
              ) : null}
            </div>
          </>
        ) : null}
      </div>
    </Card>
  );
}
