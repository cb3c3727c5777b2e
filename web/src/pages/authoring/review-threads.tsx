import { useRef, useState, type SubmitEvent } from 'react';
import type { CommentView, HistoryEntry, VersionStatus } from '../../api/authoring-api';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Card } from '../../design/card';
import { useAnnounce } from '../../design/live-announcer';
import { TextAreaField } from '../../design/text-area-field';
import { useAction } from '../../hooks/use-action';
import { formatDateTime } from '../../labels/dates';
import { historyPhrase } from './authoring-labels';

/**
 * The review conversation and the record of moves of one version, for micro-credentials and
 * pathways alike: both go draft → in review → published.
 */
export function ReviewComments({
  comments,
  status,
  canComment,
  post,
  onAdded,
}: {
  comments: readonly CommentView[];
  status: VersionStatus;
  canComment: boolean;
  post: (text: string) => Promise<CommentView>;
  onAdded: (comment: CommentView) => void;
}) {
  const announce = useAnnounce();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const send = useAction(async (text: string) => {
    const comment = await post(text);
    onAdded(comment);
    setBody('');
    announce('Comment posted.');
    return comment;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!body.trim()) {
      setError('Write a comment first.');
      inputRef.current?.focus();
      return;
    }
    setError(undefined);
    await send.run(body.trim());
  }

  return (
    <Card title={`Comments (${String(comments.length)})`} data-testid="comments">
      {comments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ol className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id} className="comment">
              <p className="comment__meta">
                <span className="comment__author">{comment.author?.name ?? 'Someone who has left'}</span>{' '}
                <time className="muted small" dateTime={comment.createdAt}>
                  {formatDateTime(comment.createdAt)}
                </time>
              </p>
              <p className="comment__body pre-line">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canComment ? (
        <form className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
          <ProblemAlert problem={send.problem} fields={['body']} />
          <TextAreaField
            ref={inputRef}
            label="Add a comment"
            rows={3}
            maxLength={5000}
            value={body}
            onChange={(event) => {
              setBody(event.target.value);
            }}
            error={error ?? send.problem?.fieldMessage('body')}
          />
          <div className="form__actions">
            <Button type="submit" variant="secondary" pending={send.pending}>
              Post comment
            </Button>
          </div>
        </form>
      ) : status === 'draft' || status === 'in_review' ? null : (
        <p className="muted small">Comments close once a version is published.</p>
      )}
    </Card>
  );
}

export function ReviewHistory({ history }: { history: readonly HistoryEntry[] }) {
  return (
    <Card title="History" data-testid="history">
      {history.length === 0 ? (
        <p className="muted">Nothing has happened to this version yet.</p>
      ) : (
        <ol className="history-list">
          {history.map((entry) => (
            <li key={`${entry.at}:${entry.action}`} className="history-entry">
              <p className="history-entry__what">
                {historyPhrase(entry)}
                {entry.actor ? <span className="muted"> by {entry.actor.name}</span> : null}
              </p>
              <p className="muted small">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </p>
              {entry.note ? <p className="history-entry__note">{entry.note}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
