import { NavLink } from 'react-router';

/** Switches between the two reports; the current one is marked for screen readers too. */
export function ReportNav() {
  return (
    <nav aria-label="Reports" className="report-nav">
      <ul>
        <li>
          <NavLink to="/reports/coverage" className="report-nav__link">
            Framework coverage
          </NavLink>
        </li>
        <li>
          <NavLink to="/reports/overlap" className="report-nav__link">
            Overlapping micro-credentials
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
