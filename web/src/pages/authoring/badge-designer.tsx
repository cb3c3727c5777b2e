import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import {
  authoringApi,
  BADGE_SHAPES,
  BADGE_UPLOAD_MAX_BYTES,
  type BadgePreviewInput,
  type BadgeShape,
} from '../../api/authoring-api';
import { isAbort } from '../../api/client';
import { describedBy, errorId, FieldError, FieldFrame } from '../../design/field';
import { useAnnounce } from '../../design/live-announcer';
import { Spinner } from '../../design/spinner';
import { TextField } from '../../design/text-field';
import { useAction } from '../../hooks/use-action';
import { BADGE_SHAPE_LABELS } from './authoring-labels';

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const PREVIEW_DELAY_MS = 350;
const UPLOAD_TYPES = ['image/png', 'image/svg+xml'];

export interface BadgeDesignerProps {
  shape: BadgeShape;
  colour: string;
  onShapeChange: (shape: BadgeShape) => void;
  onColourChange: (colour: string) => void;
  /** What the badge shows besides its design; numbers may still be half-typed. */
  preview: { title: string; code: string; level: string; credits: string; issuerName?: string | undefined };
  errorFor: (key: string) => string | undefined;
  /** Set when editing a saved version, which can carry an uploaded image. */
  upload?: { versionId: string; imageUrl: string; updatedAt: string } | undefined;
}

/** Shape and colour, a live preview rendered by the server, and (once saved) an upload of your own. */
export function BadgeDesigner({
  shape,
  colour,
  onShapeChange,
  onColourChange,
  preview,
  errorFor,
  upload,
}: BadgeDesignerProps) {
  const id = useId();
  const colourValid = HEX_COLOUR.test(colour);
  const input: BadgePreviewInput | null = colourValid
    ? {
        design: { shape, colour },
        title: preview.title.trim().slice(0, 200) || 'Untitled micro-credential',
        code: preview.code.trim().slice(0, 32) || 'CODE',
        level: clamp(preview.level, 1, 10, 1),
        credits: clamp(preview.credits, 0, 40, 0),
        ...(preview.issuerName ? { issuerName: preview.issuerName.slice(0, 200) } : {}),
      }
    : null;
  const badge = useBadgePreview(input);
  const [uploads, setUploads] = useState(0);
  const shapeError = errorFor('badge/shape');

  return (
    <div className="badge-designer">
      <div className="badge-designer__controls">
        <fieldset
          className={shapeError ? 'checkbox-group field--invalid' : 'checkbox-group'}
          aria-describedby={shapeError ? errorId(`${id}-shape`) : undefined}
        >
          <legend className="field__label">Shape</legend>
          <div className="checkbox-group__options checkbox-group__options--two">
            {BADGE_SHAPES.map((value) => (
              <div className="checkbox" key={value}>
                <input
                  type="radio"
                  id={`${id}-${value}`}
                  name={`${id}-shape`}
                  value={value}
                  checked={shape === value}
                  onChange={() => {
                    onShapeChange(value);
                  }}
                />
                <div className="checkbox__text">
                  <label htmlFor={`${id}-${value}`}>{BADGE_SHAPE_LABELS[value]}</label>
                </div>
              </div>
            ))}
          </div>
          <FieldError id={errorId(`${id}-shape`)} message={shapeError} />
        </fieldset>
        <div className="badge-designer__colour">
          <TextField
            label="Colour"
            hint="A hex colour such as #0f5f5a. White text sits on it, so darker colours read best."
            value={colour}
            maxLength={7}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => {
              onColourChange(event.target.value.trim());
            }}
            error={errorFor('badge/colour') ?? (colourValid ? undefined : 'Enter six hex digits after #.')}
          />
          <input
            type="color"
            className="badge-designer__swatch"
            aria-label="Pick the colour"
            value={colourValid ? colour.toLowerCase() : '#000000'}
            onChange={(event) => {
              onColourChange(event.target.value);
            }}
          />
        </div>
        {upload ? (
          <BadgeUpload
            versionId={upload.versionId}
            onUploaded={() => {
              setUploads((n) => n + 1);
            }}
          />
        ) : null}
      </div>

      <div className="badge-designer__previews">
        <figure className="badge-preview" aria-busy={badge.pending}>
          <div className="badge-preview__frame">
            {badge.url ? (
              <img
                src={badge.url}
                width={176}
                height={176}
                alt={`Badge preview: ${BADGE_SHAPE_LABELS[shape]}, ${colour}, for ${input?.code ?? 'this micro-credential'}`}
                data-testid="badge-preview"
              />
            ) : badge.failed ? null : (
              <Spinner label="Drawing the badge…" />
            )}
            {badge.pending && badge.url ? (
              <span className="badge-preview__updating">
                <Spinner size="sm" decorative />
                <span className="visually-hidden">Updating the preview</span>
              </span>
            ) : null}
          </div>
          <figcaption className="muted small">
            {badge.failed
              ? 'The preview could not be drawn just now; your design is kept.'
              : colourValid
                ? 'Live preview of the design'
                : 'The preview returns once the colour is valid.'}
          </figcaption>
        </figure>
        {upload ? (
          <figure className="badge-preview">
            <div className="badge-preview__frame">
              <img
                src={`${upload.imageUrl}?v=${encodeURIComponent(upload.updatedAt)}-${String(uploads)}`}
                width={176}
                height={176}
                alt="The badge this version issues"
                data-testid="badge-current"
              />
            </div>
            <figcaption className="muted small">
              Badge this version issues (uploaded, or drawn from the saved design)
            </figcaption>
          </figure>
        ) : null}
      </div>
    </div>
  );
}

function clamp(text: string, min: number, max: number, fallback: number): number {
  const value = Number.parseInt(text, 10);
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

/** Renders the design on the server after a short pause in typing; the image is a blob URL. */
function useBadgePreview(input: BadgePreviewInput | null): {
  url: string | undefined;
  pending: boolean;
  failed: boolean;
} {
  const key = input ? JSON.stringify(input) : '';
  const [shown, setShown] = useState<{ key: string; url: string } | null>(null);
  const [failedKey, setFailedKey] = useState<string | null>(null);

  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      authoringApi.previewBadge(JSON.parse(key) as BadgePreviewInput, controller.signal).then(
        (blob) => {
          setShown({ key, url: URL.createObjectURL(blob) });
          setFailedKey(null);
        },
        (error: unknown) => {
          if (!isAbort(error)) setFailedKey(key);
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key]);

  // Each blob URL is released once a newer one replaces it, or the designer goes away.
  useEffect(() => {
    if (!shown) return;
    const url = shown.url;
    return () => {
      URL.revokeObjectURL(url);
    };
  }, [shown]);

  return {
    url: shown?.url,
    pending: key !== '' && key !== shown?.key && key !== failedKey,
    failed: failedKey !== null && failedKey === key,
  };
}

function BadgeUpload({ versionId, onUploaded }: { versionId: string; onUploaded: () => void }) {
  const id = useId();
  const announce = useAnnounce();
  const inputRef = useRef<HTMLInputElement>(null);
  const [clientError, setClientError] = useState<string | undefined>();
  const send = useAction(async (file: File) => {
    await authoringApi.uploadBadgeImage(versionId, file);
    onUploaded();
    announce(`${file.name} is now this version’s badge.`);
    return true;
  });

  async function handleChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    send.reset();
    if (!UPLOAD_TYPES.includes(file.type)) {
      setClientError('Choose a PNG or SVG file.');
    } else if (file.size > BADGE_UPLOAD_MAX_BYTES) {
      setClientError('That file is over 1 MB. Export a smaller PNG (512×512 suits most badges) or an SVG.');
    } else {
      setClientError(undefined);
      await send.run(file);
    }
    if (inputRef.current) inputRef.current.value = '';
  }

  const error = clientError ?? (send.problem ? (send.problem.detail ?? send.problem.title) : undefined);
  const hint =
    'PNG or SVG, up to 1 MB, each side 64 to 2048 px. It replaces the drawn badge for this version.';
  return (
    <FieldFrame id={id} label="Upload your own badge" hint={hint} error={error} optional>
      <div className="badge-upload">
        <input
          ref={inputRef}
          id={id}
          type="file"
          className="badge-upload__input"
          accept={UPLOAD_TYPES.join(',')}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(event) => void handleChange(event)}
        />
        {send.pending ? <Spinner size="sm" label="Uploading…" /> : null}
      </div>
    </FieldFrame>
  );
}
