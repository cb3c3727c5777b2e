import { cairnApi } from '../../api/cairn-api';
import { PageHeader } from '../../design/page-header';
import { AuditLog } from '../audit/audit-log';
import { RequirePlatformAdmin } from './require-platform-admin';

export function PlatformAuditPage() {
  return (
    <RequirePlatformAdmin title="Platform audit">
      <PageHeader
        title="Platform audit"
        eyebrow="Admin"
        description={
          <p>Events from every organisation, plus platform-wide ones such as sign-ups and failed sign-ins.</p>
        }
      />
      <AuditLog
        feedKey="audit:platform"
        caption="Platform audit events"
        showOrganisation
        loadPage={(before, limit, signal) => cairnApi.listPlatformAuditEvents(before, limit, signal)}
      />
    </RequirePlatformAdmin>
  );
}
