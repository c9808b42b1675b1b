import { PlanVersionStatus } from '../entities/training-enums';

/**
 * The transitions a caller may ask for. `superseded` is never asked for: a version
 * becomes superseded when a newer version of its plan is approved.
 */
export const VERSION_TRANSITIONS: Readonly<Record<PlanVersionStatus, readonly PlanVersionStatus[]>> = {
  [PlanVersionStatus.Draft]: [PlanVersionStatus.Submitted],
  // Back to draft: the secretariat returns it for changes.
  [PlanVersionStatus.Submitted]: [PlanVersionStatus.Approved, PlanVersionStatus.Draft],
  [PlanVersionStatus.Approved]: [PlanVersionStatus.Closed],
  [PlanVersionStatus.Superseded]: [],
  [PlanVersionStatus.Closed]: [],
};

export function canTransition(from: PlanVersionStatus, to: PlanVersionStatus): boolean {
  return VERSION_TRANSITIONS[from].includes(to);
}

/** Versions whose content can no longer change. */
export function isFrozen(status: PlanVersionStatus): boolean {
  return status !== PlanVersionStatus.Draft;
}
