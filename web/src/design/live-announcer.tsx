import { createContext, use, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';

export type ToastTone = 'success' | 'info' | 'danger';

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

type Announce = (message: string, tone?: ToastTone) => void;

const AnnouncerContext = createContext<Announce | null>(null);

const TOAST_MS = 6000;

/**
 * One polite live region for the whole app. It exists from first paint so
 * screen readers pick up messages added later; sighted users see a toast.
 */
export function LiveAnnouncerProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const announce = useCallback<Announce>(
    (message, tone = 'success') => {
      const id = nextId.current++;
      setToasts((current) => [...current.slice(-2), { id, message, tone }]);
      window.setTimeout(() => {
        dismiss(id);
      }, TOAST_MS);
    },
    [dismiss],
  );

  const value = useMemo(() => announce, [announce]);

  return (
    <AnnouncerContext value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite" aria-atomic="false" data-testid="live-region">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast--${toast.tone}`}>
            <span>{toast.message}</span>
            <button
              type="button"
              className="toast__dismiss"
              onClick={() => {
                dismiss(toast.id);
              }}
              aria-label="Dismiss message"
            >
              <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                <path
                  d="M3.5 3.5l9 9M12.5 3.5l-9 9"
                  stroke="currentColor"
                  strokeWidth="1.8"
                  strokeLinecap="round"
                />
              </svg>
            </button>
          </div>
        ))}
      </div>
    </AnnouncerContext>
  );
}

export function useAnnounce(): Announce {
  const announce = use(AnnouncerContext);
  if (!announce) throw new Error('useAnnounce needs a LiveAnnouncerProvider');
  return announce;
}
