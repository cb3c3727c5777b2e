import { toString as qrToSvg } from 'qrcode';
import { useEffect, useState } from 'react';

interface Rendered {
  value: string;
  src: string;
}

/** A QR code for a link, drawn in the browser as an SVG image (nothing leaves the page). */
export function QrCode({ value, label, size = 160 }: { value: string; label: string; size?: number }) {
  const [rendered, setRendered] = useState<Rendered | null>(null);

  useEffect(() => {
    let current = true;
    qrToSvg(value, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#151e24' } }).then(
      (svg) => {
        if (current) {
          setRendered({ value, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
        }
      },
      () => {
        if (current) setRendered(null);
      },
    );
    return () => {
      current = false;
    };
  }, [value]);

  if (rendered?.value !== value) {
    return (
      <div className="qr-code qr-code--pending" style={{ width: size, height: size }} aria-hidden="true" />
    );
  }
  return (
    <img
      className="qr-code"
      src={rendered.src}
      alt={label}
      width={size}
      height={size}
      data-testid="qr-code"
    />
  );
}
