/**
 * The demo's assessment activity, made through the same use cases people use: assessors and a
 * moderator approved for every demo micro-credential, and submissions at each stage (drafting,
 * waiting for an assessor, waiting for a moderator), so every role has something to do at once.
 */
import type { Actor } from '../domain/actor.js';
import type { AssessmentPolicy, DecisionOutcome, SubmissionRoute } from '../domain/assessment.js';
import type { StaffRole } from '../domain/assessment.js';
import { decide } from './assessing.js';
import { approveAssessmentStaff, setAssessmentPolicy } from './assessment-settings.js';
import type { Deps } from './ports.js';
import { addEvidence, createSubmission, enrol, submitSubmission } from './submissions.js';

export interface DemoAssessment {
  staff: { person: string; role: StaffRole }[];
  policies: { microCredential: string; policy: AssessmentPolicy }[];
  submissions: {
    person: string;
    microCredential: string;
    route: SubmissionRoute;
    submit: boolean;
    evidence: { criterion: string; text?: string; link?: string; rplKind?: string }[];
    decision?: { assessor: string; outcome: DecisionOutcome; feedback: string };
  }[];
}

export async function seedAssessmentDemo(
  deps: Deps,
  data: DemoAssessment,
  people: ReadonlyMap<string, { id: string; email: string }>,
  microCredentials: ReadonlyMap<string, string>,
): Promise<void> {
  const actorOf = async (key: string): Promise<Actor> => {
    const ref = people.get(key);
    const user = ref && (await deps.store.users.findById(ref.id));
    if (!user) throw new Error(`Demo assessment names unknown person ${key}`);
    return { kind: 'user', user, rolesByOrganisation: await deps.store.memberships.rolesOf(user.id) };
  };
  const achievement = (key: string) => {
    const id = microCredentials.get(key);
    if (!id) throw new Error(`Demo assessment names unknown micro-credential ${key}`);
    return id;
  };
  for (const achievementId of microCredentials.values()) {
    for (const s of data.staff) {
      const email = people.get(s.person)?.email;
      if (email) await approveAssessmentStaff(deps, undefined, achievementId, { email, role: s.role });
    }
  }
  for (const p of data.policies) {
    await setAssessmentPolicy(deps, undefined, achievement(p.microCredential), p.policy);
  }
  for (const s of data.submissions) {
    const learner = await actorOf(s.person);
    const { enrolment } = await enrol(deps, learner, achievement(s.microCredential), {});
    const submission = await createSubmission(deps, learner, enrolment.id, s.route);
    for (const e of s.evidence) {
      await addEvidence(deps, learner, submission.id, {
        criterionId: e.criterion,
        ...(e.link ? { kind: 'link', url: e.link } : { kind: 'text', text: e.text ?? '' }),
        ...(e.rplKind ? { rplKind: e.rplKind } : {}),
      });
    }
    if (!s.submit) continue;
    await submitSubmission(deps, learner, submission.id);
    if (!s.decision) continue;
    const assessor = await actorOf(s.decision.assessor);
    const version = await deps.store.achievements.findVersion(submission.versionId);
    await decide(deps, assessor, submission.id, {
      outcome: s.decision.outcome,
      feedback: s.decision.feedback,
      rubric: (version?.content.criteria ?? []).map((c) => ({
        criterionId: c.id,
        met: s.decision?.outcome === 'competent',
        feedback: s.decision?.outcome === 'competent' ? '' : 'Not shown yet.',
      })),
    });
  }
}
