/** Four stacked stones: the Cairn mark. Decorative; pair with the word "Cairn". */
export function CairnMark({ size = 32, inverse = false }: { size?: number; inverse?: boolean }) {
  const light = inverse ? '#e6f2f1' : 'var(--slate-300)';
  const accent = inverse ? '#8fd0c8' : 'var(--teal-600)';
  const dark = inverse ? '#c3dcd9' : 'var(--slate-600)';
  return (
    <svg
      viewBox="0 0 32 32"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      className="cairn-mark"
    >
      <ellipse cx="16" cy="26.2" rx="11.5" ry="3.8" fill={dark} />
      <ellipse cx="15.2" cy="19.4" rx="8.6" ry="3.4" fill={accent} />
      <ellipse cx="16.6" cy="13.2" rx="6" ry="2.9" fill={light} />
      <ellipse cx="15.6" cy="7.9" rx="3.7" ry="2.4" fill={accent} />
    </svg>
  );
}

export function CairnLogo({ inverse = false }: { inverse?: boolean }) {
  return (
    <span className={inverse ? 'cairn-logo cairn-logo--inverse' : 'cairn-logo'}>
      <CairnMark inverse={inverse} />
      <span className="cairn-logo__word">Cairn</span>
    </span>
  );
}
