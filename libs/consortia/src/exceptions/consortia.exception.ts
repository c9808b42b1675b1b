import { DomainException, ErrorStatus } from '@chanjiao/core';

export enum ConsortiaErrorCode {
  ConsortiumNotFound = 'consortium_not_found',
  DemoDisabled = 'demo_disabled',
}

const STATUS: Record<ConsortiaErrorCode, ErrorStatus> = {
  [ConsortiaErrorCode.ConsortiumNotFound]: 404,
  [ConsortiaErrorCode.DemoDisabled]: 404,
};

export class ConsortiaException extends DomainException<ConsortiaErrorCode> {
  readonly statusByCode = STATUS;
}
