import { useState, type ReactNode } from 'react';
import { toProblem, type ApiProblem } from '../api/client';
import { ProblemAlert } from './alert';
import { Button } from './button';
import { Dialog } from './dialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  tone?: 'danger' | 'primary';
  problemMessages?: Record<string, ReactNode>;
  testId?: string;
}

/** Asks before a destructive action; keeps the dialog open to show a refusal. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  tone = 'danger',
  problemMessages,
  testId,
}: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  function close() {
    setProblem(null);
    onClose();
  }

  async function confirm() {
    setPending(true);
    setProblem(null);
    try {
      await onConfirm();
      close();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      size="sm"
      testId={testId}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button variant={tone} pending={pending} onClick={() => void confirm()} data-autofocus>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="stack">
        <div className="prose">{children}</div>
        <ProblemAlert problem={problem} messages={problemMessages} />
      </div>
    </Dialog>
  );
}
