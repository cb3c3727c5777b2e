import { Link } from 'react-router';

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>Cairn: industry-created, stackable micro-credentials, issued as Open Badges 3.0.</p>
      <ul className="site-footer__links">
        <li>
          <Link to="/verify">Verify a credential</Link>
        </li>
        <li>
          {/* Served by the API server, not the SPA, so a plain link. */}
          <a href="/docs">API reference</a>
        </li>
      </ul>
    </footer>
  );
}
