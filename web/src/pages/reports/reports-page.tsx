import { Link } from 'react-router';
import { Card } from '../../design/card';
import { PageHeader } from '../../design/page-header';
import './reports.css';

/** The reports, for anyone: where the catalogue duplicates itself, and where it has gaps. */
export function ReportsPage() {
  return (
    <>
      <PageHeader
        title="Reports"
        description={
          <p>
            How the published catalogue covers the competency framework: what is missing, and where
            micro-credentials teach the same thing twice.
          </p>
        }
      />
      <div className="grid-cards">
        <Card
          title={<Link to="/reports/coverage">Framework coverage</Link>}
          description="A heatmap of the framework: how many published micro-credentials teach each competency, and which competencies nobody teaches yet."
          tone="accent"
        />
        <Card
          title={<Link to="/reports/overlap">Overlapping micro-credentials</Link>}
          description="Pairs of micro-credentials that teach the same competencies in similar words, most similar first."
          tone="accent"
        />
      </div>
    </>
  );
}
