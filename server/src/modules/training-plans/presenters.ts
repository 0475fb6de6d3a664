/** 单位培训计划's rows → the answers of shared/src/endpoints/trainingPlans.ts (summary, detail). */
import { ORG_KIND_LABELS, PLAN_EVENT_LABELS, planStatusLabel, type TrainingPlanDetail, type TrainingPlanSummary } from '@ce/shared';
import type { planBatches, planEvents, PlanRow } from './repo';

type OrgNames = Map<number, { name: string; kind: string }>;
type EventRow = Awaited<ReturnType<typeof planEvents>>[number];
type AttendanceRow = Awaited<ReturnType<typeof planBatches>>[number];

/** Who reads the plan: their organisation, and whether they file for all of it (no 工作部门 scope). */
export interface PlanViewer {
  orgId: number;
  filesForWholeOrg: boolean;
}

const BATCH_STATUS: Record<string, string> = { validating: '校验中', failed: '校验未通过', imported: '已导入，审核中' };

/** `names`: the plan's organisation and the reviewer it waits at. */
export function toPlanSummary(p: PlanRow, names: OrgNames, viewerOrgId: number): TrainingPlanSummary {
  const inForce = p.approvedTrainings != null;
  return {
    id: p.id,
    version: p.version,
    year: p.year,
    orgId: p.orgId,
    orgName: names.get(p.orgId)?.name ?? '',
    orgKindLabel: ORG_KIND_LABELS[p.orgKind],
    status: p.status,
    statusLabel: planStatusLabel({ status: p.status, inForce }),
    inForce,
    revision: p.revision,
    isAmendment: p.isAmendment,
    trainingCount: p.trainings.length,
    awaiting: p.status === 'pending' && p.currentReviewerOrgId ? (names.get(p.currentReviewerOrgId)?.name ?? null) : null,
    awaitingMe: p.status === 'pending' && p.currentReviewerOrgId === viewerOrgId,
    rejectReason: p.rejectReason,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/**
 * The plan with its chain, history and declared attendance, and what the viewer may do with it:
 * its own organisation's filer withdraws or edits it, its own organisation declares attendance once approved.
 */
export function toPlanDetail(
  plan: PlanRow,
  viewer: PlanViewer,
  parts: { names: OrgNames; events: EventRow[]; batches: AttendanceRow[] },
): TrainingPlanDetail {
  const { names, events, batches } = parts;
  const mine = plan.orgId === viewer.orgId;
  const filer = mine && viewer.filesForWholeOrg;
  const trainingTitle = new Map([...plan.trainings, ...(plan.approvedTrainings ?? [])].map((t) => [t.key, t.title]));
  return {
    ...toPlanSummary(plan, names, viewer.orgId),
    chain: plan.reviewChain.map((orgId) => ({ orgId, name: names.get(orgId)?.name ?? '' })),
    trainings: plan.trainings,
    approvedTrainings: plan.approvedTrainings ?? null,
    attendedKeys: [...new Set(batches.filter((b) => b.status !== 'failed' && b.planTrainingKey).map((b) => b.planTrainingKey!))],
    mine,
    canWithdraw: filer && plan.status === 'pending',
    canEdit: filer && plan.status !== 'pending',
    canDeclare: mine && plan.approvedTrainings != null,
    history: events.map((e) => ({ revision: e.revision, action: e.action, label: PLAN_EVENT_LABELS[e.action] ?? e.action, actorName: e.actorName, orgName: e.orgName, reason: e.reason, at: e.at.toISOString() })),
    attendance: batches.map((b) => ({
      batchId: b.id,
      trainingKey: b.planTrainingKey ?? '',
      trainingTitle: trainingTitle.get(b.planTrainingKey ?? '') ?? '',
      statusLabel: BATCH_STATUS[b.status] ?? b.status,
      rowCount: b.rowCount,
      jobId: b.jobId,
      createdAt: b.createdAt.toISOString(),
    })),
  };
}
