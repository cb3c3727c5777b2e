import { useParams } from 'react-router';
import { cairnApi } from '../../api/cairn-api';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { useOrganisation } from '../../hooks/use-organisation';
import { AuditLog } from './audit-log';

export function OrganisationAuditPage() {
  const { orgId = '' } = useParams();
  const organisation = useOrganisation(orgId);
  const orgName = organisation.status === 'success' ? organisation.data.name : undefined;

  return (
    <>
      <PageHeader
        title="Audit log"
        eyebrow={orgName}
        documentTitle={orgName ? `Audit log · ${orgName}` : 'Audit log'}
        description={<p>Who did what in this organisation, newest first.</p>}
      />
      <QueryView query={organisation} loadingLabel="Loading organisation…">
        {(org) => (
          <AuditLog
            feedKey={`audit:${org.id}`}
            caption={`Audit events for ${org.name}`}
            loadPage={(before, limit, signal) => cairnApi.listAuditEvents(org.id, before, limit, signal)}
          />
        )}
      </QueryView>
    </>
  );
}
