import { DomainException, ErrorStatus } from '@chanjiao/core';

export enum IdentityErrorCode {
  InvalidCredentials = 'invalid_credentials',
  TooManyAttempts = 'too_many_attempts',
  InvalidRefreshToken = 'invalid_refresh_token',
  RefreshTokenReused = 'refresh_token_reused',
  WeakPassword = 'weak_password',
  WrongCurrentPassword = 'wrong_current_password',
  EmailTaken = 'email_taken',
  UserNotFound = 'user_not_found',
  AlreadyMember = 'already_member',
  MembershipNotFound = 'membership_not_found',
  OwnAccount = 'own_account',
  OrganizationRequired = 'organization_required',
  UnknownOrganization = 'unknown_organization',
}

const STATUS: Record<IdentityErrorCode, ErrorStatus> = {
  [IdentityErrorCode.InvalidCredentials]: 401,
  [IdentityErrorCode.TooManyAttempts]: 429,
  [IdentityErrorCode.InvalidRefreshToken]: 401,
  [IdentityErrorCode.RefreshTokenReused]: 401,
  [IdentityErrorCode.WeakPassword]: 422,
  [IdentityErrorCode.WrongCurrentPassword]: 403,
  [IdentityErrorCode.EmailTaken]: 409,
  [IdentityErrorCode.UserNotFound]: 404,
  [IdentityErrorCode.AlreadyMember]: 409,
  [IdentityErrorCode.MembershipNotFound]: 404,
  [IdentityErrorCode.OwnAccount]: 403,
  [IdentityErrorCode.OrganizationRequired]: 422,
  [IdentityErrorCode.UnknownOrganization]: 422,
};

export class IdentityException extends DomainException<IdentityErrorCode> {
  readonly statusByCode = STATUS;
}
