import { ConsortiumRole, RequestContext } from '@chanjiao/core';
import { TrainingBasesErrorCode, TrainingBasesException } from '../exceptions/training-bases.exception';

/** The secretariat (and platform administrators) act for every organization of the consortium. */
export function isSecretariat(ctx: RequestContext): boolean {
  return ctx.actor?.platformAdmin === true || ctx.actor?.role === ConsortiumRole.Secretariat;
}

/** The host organization's users and the secretariat manage a base. */
export function assertMayManage(ctx: RequestContext, hostOrganizationId: string): void {
  if (isSecretariat(ctx)) return;
  if (ctx.actor?.organizationId !== hostOrganizationId) {
    throw new TrainingBasesException(
      TrainingBasesErrorCode.NotHost,
      'Only the host organization’s users and the secretariat manage this base',
    );
  }
}

/** A member user acts for its own organization only. */
export function assertOwnOrganization(ctx: RequestContext, organizationId: string): void {
  if (isSecretariat(ctx)) return;
  if (ctx.actor?.organizationId !== organizationId) {
    throw new TrainingBasesException(
      TrainingBasesErrorCode.NotOwnOrganization,
      'A member user books and changes bookings of its own organization only',
    );
  }
}
