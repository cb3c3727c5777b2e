/**
 * Link previews: crawlers (LinkedIn, Slack, messaging apps) read OpenGraph tags from the HTML and
 * run no JavaScript, so the server writes them into the web app's page for public credentials.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findPublicCredential } from '../app/credential-queries.js';
import type { Deps } from '../app/ports.js';
import { publicUrls } from '../app/public-urls.js';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CREDENTIAL_PAGE = /^\/credentials\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The page for `path` with its preview tags, or undefined when the path has none (the plain page serves). */
export async function pageWithMeta(deps: Deps, webDir: string, path: string): Promise<string | undefined> {
  const match = CREDENTIAL_PAGE.exec(path);
  if (!match?.[1]) return undefined;
  const credential = await findPublicCredential(deps, match[1]);
  if (!credential) return undefined;
  const urls = publicUrls(deps.config.publicUrl);
  const title = `${credential.title}: awarded by ${credential.issuer.name}`;
  const description =
    `${credential.recipientName ?? 'A learner'} earned this Open Badges 3.0 credential from ${credential.issuer.name}` +
    ` on ${credential.awardedAt.toISOString().slice(0, 10)}. Anyone can verify it.`;
  const tags = [
    ['og:type', 'website'],
    ['og:site_name', 'Cairn'],
    ['og:title', title],
    ['og:description', description],
    ['og:url', urls.credentialPage(credential.id)],
    ['og:image', urls.image(credential.versionId)],
    ['twitter:card', 'summary'],
  ]
    .map(([property, content = '']) => `<meta property="${property}" content="${escapeHtml(content)}" />`)
    .join('\n    ');
  const html = await readFile(join(webDir, 'index.html'), 'utf8');
  return html
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)} · Cairn</title>`)
    .replace('</head>', `    ${tags}\n  </head>`);
}
