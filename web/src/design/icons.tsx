import type { ReactNode } from 'react';

// Line icons drawn on a 20px grid; always decorative (the text beside them is the name).
const PATHS = {
  home: <path d="M3 9.5L10 3.5l7 6M5 8v8.5h4V12h2v4.5h4V8" />,
  user: (
    <>
      <circle cx="10" cy="6.5" r="3.2" />
      <path d="M3.5 17c.8-3.3 3.4-5 6.5-5s5.7 1.7 6.5 5" />
    </>
  ),
  users: (
    <>
      <circle cx="7.5" cy="7" r="2.8" />
      <path d="M2.5 16.5c.6-2.8 2.6-4.3 5-4.3s4.4 1.5 5 4.3" />
      <circle cx="13.8" cy="6.2" r="2.3" />
      <path d="M13.5 10.7c2.1 0 3.6 1.3 4.1 3.6" />
    </>
  ),
  key: (
    <>
      <circle cx="6.5" cy="13.5" r="3.5" />
      <path d="M9 11l7.5-7.5M14 6l2 2M12 8l1.5 1.5" />
    </>
  ),
  list: <path d="M7 5.5h10M7 10h10M7 14.5h10M3.5 5.5h.5M3.5 10h.5M3.5 14.5h.5" />,
  mail: (
    <>
      <rect x="2.5" y="4.5" width="15" height="11" rx="1.5" />
      <path d="M3 5.5l7 5.5 7-5.5" />
    </>
  ),
  shield: <path d="M10 2.5l6 2.3v4.6c0 3.8-2.6 6.6-6 8.1-3.4-1.5-6-4.3-6-8.1V4.8z" />,
  menu: <path d="M3 5.5h14M3 10h14M3 14.5h14" />,
  close: <path d="M4.5 4.5l11 11M15.5 4.5l-11 11" />,
  chevronDown: <path d="M5 7.5l5 5 5-5" />,
  signOut: <path d="M8 3.5H4.5v13H8M12.5 6.5L16 10l-3.5 3.5M16 10H7.5" />,
  plus: <path d="M10 4v12M4 10h12" />,
  copy: (
    <>
      <rect x="6.5" y="6.5" width="10" height="10" rx="1.5" />
      <path d="M13.5 6.5V4.5A1 1 0 0 0 12.5 3.5h-8a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h2" />
    </>
  ),
  check: <path d="M4 10.5l4 4 8-9" />,
  building: (
    <>
      <path d="M3.5 17V4.5h8V17M11.5 8.5h5V17M2 17h16" />
      <path d="M6 7.5h3M6 10.5h3M6 13.5h3M14 11.5h.5M14 14h.5" />
    </>
  ),
  badge: (
    <>
      <circle cx="10" cy="8" r="4.8" />
      <path d="M7.2 12l-1.2 5.5 4-2 4 2-1.2-5.5" />
    </>
  ),
  pencil: <path d="M12.5 4l3.5 3.5L7.5 16H4v-3.5zM11 5.5L14.5 9" />,
  clipboard: (
    <>
      <rect x="4" y="4" width="12" height="13.5" rx="1.5" />
      <path d="M7.5 4V2.8h5V4M7 9h6M7 12h6M7 15h3.5" />
    </>
  ),
  scale: (
    <path d="M10 3v14M5.5 17h9M4 6h12M4 6l-2 5c0 1.2 1 2 2 2s2-.8 2-2zM16 6l-2 5c0 1.2 1 2 2 2s2-.8 2-2z" />
  ),
  sprout: (
    <path d="M10 17.5V10M10 10c0-3.5-2.5-5.5-6-5.5 0 3.5 2.5 5.5 6 5.5zM10 12.5c0-3 2-5 5.5-5 0 3-2 5-5.5 5z" />
  ),
  external: (
    <path d="M11.5 3.5H16.5v5M16.5 3.5L9.5 10.5M14 11.5v4a1 1 0 0 1-1 1H4.5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h4" />
  ),
  wallet: (
    <>
      <path d="M15.5 6.5V4.5a1 1 0 0 0-1-1h-10a1.5 1.5 0 0 0 0 3h11a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1h-11A1.5 1.5 0 0 1 3 15V5" />
      <path d="M13 11.5h1.5" />
    </>
  ),
  shieldCheck: (
    <>
      <path d="M10 2.5l6 2.3v4.6c0 3.8-2.6 6.6-6 8.1-3.4-1.5-6-4.3-6-8.1V4.8z" />
      <path d="M7.2 10l2 2 3.8-4" />
    </>
  ),
  download: <path d="M10 3.5v9M6 9l4 4 4-4M4 16.5h12" />,
  upload: <path d="M10 13V4M6 7.5l4-4 4 4M4 16.5h12" />,
  rotate: <path d="M15.5 10a5.5 5.5 0 1 1-1.6-3.9M14.5 3v3.5H11" />,
  checkCircle: (
    <>
      <circle cx="10" cy="10" r="7.5" />
      <path d="M6.8 10.2l2.2 2.2 4.2-4.6" />
    </>
  ),
  xCircle: (
    <>
      <circle cx="10" cy="10" r="7.5" />
      <path d="M7.3 7.3l5.4 5.4M12.7 7.3l-5.4 5.4" />
    </>
  ),
  alertTriangle: (
    <>
      <path d="M10 2.8l7.8 13.7H2.2z" />
      <path d="M10 8v3.8M10 14.2v.1" />
    </>
  ),
  bell: (
    <>
      <path d="M5 13.5V9a5 5 0 0 1 10 0v4.5l1.5 1.5h-13z" />
      <path d="M8.3 17a1.8 1.8 0 0 0 3.4 0" />
    </>
  ),
  graduation: (
    <>
      <path d="M2 7.5L10 4l8 3.5-8 3.5z" />
      <path d="M5.5 9.2V13c1.2 1.3 2.8 2 4.5 2s3.3-.7 4.5-2V9.2M18 7.5V12" />
    </>
  ),
  minusCircle: (
    <>
      <circle cx="10" cy="10" r="7.5" />
      <path d="M6.5 10h7" />
    </>
  ),
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 20 20"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
