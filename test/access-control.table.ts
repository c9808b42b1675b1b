/**
 * Who may call each route — the role × route table the access-control test
 * checks against the running API. Every operation of the OpenAPI document must
 * appear here, so a new route cannot ship without a decision.
 *
 * Callers: anonymous (no token), outsider (signed in, no membership), the three
 * consortium roles of the route's consortium, and the platform admin.
 */
export const CALLERS = ['anonymous', 'outsider', 'observer', 'member', 'secretariat', 'platform_admin'] as const;
export type Caller = (typeof CALLERS)[number];

const everyone: Caller[] = [...CALLERS];
const signedIn: Caller[] = ['outsider', 'observer', 'member', 'secretariat', 'platform_admin'];
const consortiumReaders: Caller[] = ['observer', 'member', 'secretariat', 'platform_admin'];
const secretariat: Caller[] = ['secretariat', 'platform_admin'];
const platformAdmin: Caller[] = ['platform_admin'];
/** Schools' users and the secretariat write offerings (members for their own organization: programmes.e2e-spec). */
const offeringWriters: Caller[] = ['member', 'secretariat', 'platform_admin'];
/** Members and the secretariat enter indicator reports (members for their own organization). */
const reporters: Caller[] = ['member', 'secretariat', 'platform_admin'];
/**
 * Members and the secretariat book workstations and manage the bases their organization
 * hosts (the service refuses a member another organization's base or booking: 403).
 */
const bookers: Caller[] = ['member', 'secretariat', 'platform_admin'];

export const ROUTE_ACCESS: Record<string, Caller[]> = {
  'GET /health/live': everyone,
  'GET /health/ready': everyone,
  'GET /api/v1/meta/enums': everyone,
  'GET /api/v1/meta/industries': everyone,
  'POST /api/v1/auth/login': everyone,
  'POST /api/v1/auth/refresh': everyone,
  'POST /api/v1/auth/logout': signedIn,
  'GET /api/v1/auth/me': signedIn,
  'POST /api/v1/auth/change-password': signedIn,
  'GET /api/v1/jobs/{id}': signedIn,
  'GET /api/v1/users': platformAdmin,
  'GET /api/v1/audit-log': platformAdmin,
  'POST /api/v1/users': platformAdmin,
  'POST /api/v1/users/{userId}/disable': platformAdmin,
  'POST /api/v1/users/{userId}/enable': platformAdmin,
  'POST /api/v1/users/{userId}/platform-admin': platformAdmin,
  'POST /api/v1/demo/seed': platformAdmin,
  'GET /api/v1/consortia': signedIn,
  'POST /api/v1/consortia': platformAdmin,
  'GET /api/v1/consortia/{consortiumId}': consortiumReaders,
  'PATCH /api/v1/consortia/{consortiumId}': secretariat,
  'GET /api/v1/consortia/{consortiumId}/users': secretariat,
  'POST /api/v1/consortia/{consortiumId}/users': secretariat,
  'GET /api/v1/consortia/{consortiumId}/users/{userId}': secretariat,
  'PATCH /api/v1/consortia/{consortiumId}/users/{userId}': secretariat,
  'POST /api/v1/consortia/{consortiumId}/users/{userId}/disable': secretariat,
  'POST /api/v1/consortia/{consortiumId}/users/{userId}/enable': secretariat,
  'GET /api/v1/consortia/{consortiumId}/audit-log': secretariat,
  'POST /api/v1/consortia/{consortiumId}/status-transitions': secretariat,
  'GET /api/v1/consortia/{consortiumId}/status-transitions': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/organizations': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/organizations/stats': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/organizations/export': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/organizations/import-template': secretariat,
  'POST /api/v1/consortia/{consortiumId}/organizations/import': secretariat,
  'POST /api/v1/consortia/{consortiumId}/organizations': secretariat,
  'GET /api/v1/consortia/{consortiumId}/organizations/{organizationId}': consortiumReaders,
  'PATCH /api/v1/consortia/{consortiumId}/organizations/{organizationId}': secretariat,
  'POST /api/v1/consortia/{consortiumId}/organizations/{organizationId}/membership-transitions': secretariat,
  'GET /api/v1/consortia/{consortiumId}/organizations/{organizationId}/membership-transitions': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/council': consortiumReaders,
  'PATCH /api/v1/consortia/{consortiumId}/council': secretariat,
  'GET /api/v1/consortia/{consortiumId}/council/seats': consortiumReaders,
  'POST /api/v1/consortia/{consortiumId}/council/seats': secretariat,
  'GET /api/v1/consortia/{consortiumId}/council/meetings': consortiumReaders,
  'POST /api/v1/consortia/{consortiumId}/council/meetings': secretariat,
  'GET /api/v1/consortia/{consortiumId}/council/meetings/{meetingId}': consortiumReaders,
  'POST /api/v1/consortia/{consortiumId}/council/meetings/{meetingId}/status-transitions': secretariat,
  'PUT /api/v1/consortia/{consortiumId}/council/meetings/{meetingId}/attendance': secretariat,
  'POST /api/v1/consortia/{consortiumId}/council/meetings/{meetingId}/resolutions': secretariat,
  'GET /api/v1/consortia/{consortiumId}/council/meetings/{meetingId}/minutes': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/council/resolutions/{resolutionId}': consortiumReaders,
  'POST /api/v1/consortia/{consortiumId}/council/resolutions/{resolutionId}/votes': secretariat,
  'POST /api/v1/consortia/{consortiumId}/council/resolutions/{resolutionId}/tasks': secretariat,
  'PATCH /api/v1/consortia/{consortiumId}/council/tasks/{taskId}': secretariat,
  'PATCH /api/v1/consortia/{consortiumId}/council/seats/{seatId}': secretariat,
  // Indicator frameworks: platform reference data, read by everyone signed in, managed by platform admins.
  'GET /api/v1/indicator-frameworks': signedIn,
  'POST /api/v1/indicator-frameworks': platformAdmin,
  'POST /api/v1/indicator-frameworks/import': platformAdmin,
  'GET /api/v1/indicator-frameworks/{frameworkId}': signedIn,
  'PUT /api/v1/indicator-frameworks/{frameworkId}/document': platformAdmin,
  'POST /api/v1/indicator-frameworks/{frameworkId}/publish': platformAdmin,
  'POST /api/v1/indicator-frameworks/{frameworkId}/versions': platformAdmin,
  'GET /api/v1/indicator-frameworks/{frameworkId}/diff': signedIn,
  'GET /api/v1/indicator-frameworks/{frameworkId}/export': signedIn,
  'GET /api/v1/consortia/{consortiumId}/indicator-periods': consortiumReaders,
  'POST /api/v1/consortia/{consortiumId}/indicator-periods': secretariat,
  'GET /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}': consortiumReaders,
  'PATCH /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}': secretariat,
  'POST /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/status-transitions': secretariat,
  'GET /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/targets': consortiumReaders,
  'PUT /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/targets': secretariat,
  'GET /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/expected-reporters': consortiumReaders,
  'PUT /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/expected-reporters': secretariat,
  'POST /api/v1/consortia/{consortiumId}/indicator-periods/{periodId}/extensions': secretariat,
  'GET /api/v1/consortia/{consortiumId}/indicator-reports': consortiumReaders,
  'POST /api/v1/consortia/{consortiumId}/indicator-reports': reporters,
  'POST /api/v1/consortia/{consortiumId}/indicator-reports/approvals': secretariat,
  'GET /api/v1/consortia/{consortiumId}/indicator-reports/{reportId}': consortiumReaders,
  'PATCH /api/v1/consortia/{consortiumId}/indicator-reports/{reportId}': reporters,
  'POST /api/v1/consortia/{consortiumId}/indicator-reports/{reportId}/submit': reporters,
  'POST /api/v1/consortia/{consortiumId}/indicator-reports/{reportId}/approve': secretariat,
  'POST /api/v1/consortia/{consortiumId}/indicator-reports/{reportId}/return': secretariat,
  'POST /api/v1/consortia/{consortiumId}/indicator-reports/{reportId}/reopen': secretariat,
  'POST /api/v1/consortia/{consortiumId}/indicator-rollups': secretariat,
  'GET /api/v1/consortia/{consortiumId}/indicator-rollups': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/indicator-rollups/{rollupId}': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/indicator-rollups/{rollupId}/compare': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/indicator-scores': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/indicator-scores/points/{pointCode}': consortiumReaders,
  // Training bases: everyone in the consortium reads them; members book and manage their own organization's bases.
  'GET /api/v1/consortia/{consortiumId}/training-bases': consortiumReaders,
  'POST /api/v1/consortia/{consortiumId}/training-bases': bookers,
  'GET /api/v1/consortia/{consortiumId}/training-bases/availability': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/training-bases/utilisation': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/training-bases/utilisation/export': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/training-bases/bookings': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/training-bases/{baseId}': consortiumReaders,
  'PATCH /api/v1/consortia/{consortiumId}/training-bases/{baseId}': bookers,
  'GET /api/v1/consortia/{consortiumId}/training-bases/{baseId}/calendar': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/training-bases/{baseId}/bookings': consortiumReaders,
  'POST /api/v1/consortia/{consortiumId}/training-bases/{baseId}/bookings': bookers,
  'GET /api/v1/consortia/{consortiumId}/training-bases/{baseId}/bookings/{bookingId}': consortiumReaders,
  'POST /api/v1/consortia/{consortiumId}/training-bases/{baseId}/bookings/{bookingId}/transitions': bookers,
  // National reference lists: platform reference data, read by everyone signed in, imported by platform admins.
  'GET /api/v1/catalogue/editions': signedIn,
  'GET /api/v1/catalogue/programmes': signedIn,
  'GET /api/v1/catalogue/programmes/tree': signedIn,
  'GET /api/v1/catalogue/programmes/{programmeCode}': signedIn,
  'GET /api/v1/catalogue/occupations': signedIn,
  'GET /api/v1/catalogue/occupations/{occupationCode}': signedIn,
  'POST /api/v1/catalogue/programmes/import': platformAdmin,
  'POST /api/v1/catalogue/occupations/import': platformAdmin,
  'POST /api/v1/catalogue/programme-occupations/import': platformAdmin,
  'GET /api/v1/consortia/{consortiumId}/programme-offerings': consortiumReaders,
  'POST /api/v1/consortia/{consortiumId}/programme-offerings': offeringWriters,
  'GET /api/v1/consortia/{consortiumId}/programme-offerings/import-template': offeringWriters,
  'POST /api/v1/consortia/{consortiumId}/programme-offerings/import': offeringWriters,
  'GET /api/v1/consortia/{consortiumId}/programme-offerings/export': consortiumReaders,
  'GET /api/v1/consortia/{consortiumId}/programme-offerings/{offeringId}': consortiumReaders,
  // The fixture's offering belongs to a school the member is not bound to: 403 (a member's own: programmes.e2e-spec).
  'PATCH /api/v1/consortia/{consortiumId}/programme-offerings/{offeringId}': secretariat,
};
