import type { ReactNode } from 'react';

/**
 * The small Markdown that Open Badges narratives use (paragraphs, "- " lists, **bold**), rendered
 * as elements — never as HTML, so a credential from anyone cannot inject markup.
 */
export function MarkdownText({ text, className }: { text: string; className?: string }) {
  const blocks = text.split(/\n{2,}/).filter((b) => b.trim() !== '');
  return (
    <div className={className}>
      {blocks.map((block, i) => {
        const lines = block.split('\n');
        const items = lines.filter((l) => /^\s*[-*] /.test(l));
        const heading = lines.filter((l) => !/^\s*[-*] /.test(l));
        return (
          <div key={i} className="markdown-block">
            {heading.length > 0 ? <p>{inline(heading.join(' '))}</p> : null}
            {items.length > 0 ? (
              <ul>
                {items.map((l, j) => (
                  <li key={j}>{inline(l.replace(/^\s*[-*] /, ''))}</li>
                ))}
              </ul>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

function inline(text: string): ReactNode[] {
  return text
    .split(/(\*\*[^*]+\*\*)/)
    .map((part, i) =>
      part.startsWith('**') && part.endsWith('**') && part.length > 4 ? (
        <strong key={i}>{part.slice(2, -2)}</strong>
      ) : (
        part
      ),
    );
}
