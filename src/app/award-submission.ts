/**
 * A competent submission becomes a credential, exactly once: the award is named by the submission,
 * so a retry, a second process or the background sweep all land on the same credential.
 */
import type { Actor } from '../domain/actor.js';
import type { EvidenceItem, ResultItem } from '../credentials/ob3/credential.js';
import type { EvidenceRecord, SubmissionRecord } from '../domain/assessment.js';
import { notify, submissionPath } from './assessment-support.js';
import type { VersionRecord } from './catalogue-ports.js';
import { changeCredentialStatus } from './credential-status.js';
import { issueCredential } from './issue-credential.js';
import type { Deps } from './ports.js';

/**
 * Evidence as the credential states it: what was shown for which criterion, named and fingerprinted
 * but without the learner's own words or files, which stay private on Cairn.
 */
function evidenceOf(evidence: readonly EvidenceRecord[], version: VersionRecord): EvidenceItem[] {
  const title = (id: string) => version.content.criteria.find((c) => c.id === id)?.title ?? id;
  return evidence.flatMap((e): EvidenceItem[] => {
    const criterion = title(e.criterionId);
    switch (e.kind) {
      case 'text':
        return [{ name: `Written evidence for "${criterion}"`, genre: e.rplKind ?? 'Written response' }];
      case 'link':
        return [
          { id: e.url ?? undefined, name: `Linked evidence for "${criterion}"`, genre: e.rplKind ?? 'Link' },
        ];
      case 'file':
        return e.file
          ? [
              {
                name: `${e.file.filename} for "${criterion}"`,
                description: `SHA-256 ${e.file.sha256}`,
                genre: e.rplKind ?? 'File',
              },
            ]
          : [];
      case 'attestation':
        return e.attestation?.state === 'confirmed'
          ? [
              {
                name: `Workplace attestation for "${criterion}"`,
                description: `Confirmed by ${e.attestation.supervisorName}`,
                genre: 'Attestation',
              },
            ]
          : [];
    }
  });
}

/**
 * Issues the credential of a competent submission if it has none yet, and links it.
 * @returns the credential's id
 */
export async function awardSubmission(deps: Deps, submission: SubmissionRecord): Promise<string> {
  if (submission.credentialId) return submission.credentialId;
  const [version, evidence, decisions] = await Promise.all([
    deps.store.achievements.findVersion(submission.versionId),
    deps.store.assessment.listEvidence(submission.id),
    deps.store.assessment.listDecisions(submission.id),
  ]);
  if (!version) throw new Error(`Version ${submission.versionId} of submission ${submission.id} is missing`);
  const decision = decisions.find((d) => d.attempt === submission.attempt);
  const results: ResultItem[] = (decision?.rubric ?? []).map((row) => ({
    value: `${version.content.criteria.find((c) => c.id === row.criterionId)?.title ?? row.criterionId}: met`,
    status: 'Completed',
  }));
  const { credential, created } = await issueCredential(deps, undefined, {
    achievementId: submission.versionId,
    versionEarned: true,
    recipientEmail: submission.learner.email,
    recipientName: submission.learner.name,
    awardId: `submission:${submission.id}`,
    route: submission.route,
    ...(submission.decidedAt ? { awardedAt: submission.decidedAt } : {}),
    evidence: evidenceOf(evidence, version),
    results,
  });
  await deps.store.transaction(async (store) => {
    await store.assessment.setSubmissionCredential(submission.id, credential.id);
    if (!created) return;
    await notify(deps, store, submission.learner, {
      kind: 'credential_issued',
      title: `Your badge is ready: ${version.content.title}`,
      body: 'Your credential was issued. It is in your wallet, ready to download and share.',
      link: `/credentials/${credential.id}`,
    });
  });
  return credential.id;
}

/**
 * Issues what a crash or an outage interrupted: competent submissions without a credential.
 * Safe to run in every process at once.
 */
export async function issuePendingAwards(deps: Deps, limit = 50): Promise<number> {
  const pending = await deps.store.assessment.competentWithoutCredential(limit);
  for (const submission of pending) await awardSubmission(deps, submission);
  return pending.length;
}

/** A competent decision overturned after issue: the credential is revoked with the moderator's reason. */
export async function revokeAward(
  deps: Deps,
  actor: Actor,
  submission: SubmissionRecord,
  reason: string,
): Promise<void> {
  if (!submission.credentialId) return;
  const credential = await deps.store.credentials.findById(submission.credentialId);
  if (!credential || credential.revokedAt) return;
  await changeCredentialStatus(deps, undefined, submission.credentialId, 'revoke', reason, actor);
  await deps.store.transaction(async (store) => {
    await notify(deps, store, submission.learner, {
      kind: 'credential_revoked',
      title: `Your badge was revoked after moderation`,
      body: `A moderator overturned the decision: ${reason}`,
      link: submissionPath(submission.id),
    });
  });
}
