import { PostingStatus } from '../entities/talent-enums';

/** The lifecycle actions a client may ask for (expiry is the daily job's). */
export enum PostingAction {
  Publish = 'publish',
  Close = 'close',
  Fill = 'fill',
  Reopen = 'reopen',
}

/** Where each action may start and where it leads. */
const TRANSITIONS: { readonly [A in PostingAction]: { from: readonly PostingStatus[]; to: PostingStatus } } = {
  [PostingAction.Publish]: { from: [PostingStatus.Draft], to: PostingStatus.Published },
  [PostingAction.Close]: { from: [PostingStatus.Draft, PostingStatus.Published], to: PostingStatus.Closed },
  [PostingAction.Fill]: { from: [PostingStatus.Published], to: PostingStatus.Filled },
  // A closed or expired posting goes back to draft: its owner edits it and publishes it again.
  [PostingAction.Reopen]: { from: [PostingStatus.Closed, PostingStatus.Expired], to: PostingStatus.Draft },
};

/** The status `action` leads to from `from`, or null when the lifecycle does not allow it. */
export function nextStatus(from: PostingStatus, action: PostingAction): PostingStatus | null {
  const transition = TRANSITIONS[action];
  return transition.from.includes(from) ? transition.to : null;
}

/** Statuses whose fields may still be edited by their owner (a published posting too: corrections). */
export const EDITABLE_STATUSES: readonly PostingStatus[] = [PostingStatus.Draft, PostingStatus.Published];

/**
 * What a caller may see of a posting. The secretariat (and platform admins) see every
 * posting; a member sees its own organization's in every status and others' once they
 * were published (published, filled, closed, expired — never a draft); an observer the
 * same as another member.
 */
export function visibleTo(
  posting: { organizationId: string; status: PostingStatus },
  viewer: { moderator: boolean; organizationId?: string },
): boolean {
  if (viewer.moderator) return true;
  if (viewer.organizationId && viewer.organizationId === posting.organizationId) return true;
  return posting.status !== PostingStatus.Draft;
}

/** A posting's last day must not have passed (China time). */
export function validUntilProblem(validUntil: string | null | undefined, today: string): string | null {
  if (validUntil && validUntil < today) return `validUntil must not be before today (${today}, China time)`;
  return null;
}

/** The monthly salary range must be ordered. Decimal strings in yuan. */
export function salaryProblem(min: string | null | undefined, max: string | null | undefined): string | null {
  if (min != null && max != null && Number(min) > Number(max)) return 'salaryMin must not be more than salaryMax';
  return null;
}
