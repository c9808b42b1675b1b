import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FormOutlined,
  FundOutlined,
  HistoryOutlined,
  IdcardOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ReadOutlined,
  RiseOutlined,
  SlidersOutlined,
  SolutionOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '../auth/permissions';
import type { MessageKey } from '../i18n/translate';

/**
 * The pages of a consortium, at /c/:consortiumId/<path>. One entry gives a route (loaded on
 * first visit: each page is its own chunk) and a menu item shown only to roles with `permission`.
 * A capability adds its pages here (docs/console.md, "Adding a page").
 */
export interface ConsortiumPage {
  /** May name parameters (`demand-postings/:demandPostingId/matches`): such a page sets `hidden`. */
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Needed to see the page (menu item and route). */
  permission: Permission;
  component: LazyExoticComponent<ComponentType>;
  /** A detail page reached from another page (a route, no menu item). */
  hidden?: boolean;
}

export const CONSORTIUM_PAGES: readonly ConsortiumPage[] = [
  {
    path: 'dashboard',
    label: 'nav.dashboard',
    icon: <DashboardOutlined />,
    permission: 'consortium:read',
    component: lazy(() => import('../pages/dashboard/DashboardPage')),
  },
  {
    path: 'organizations',
    label: 'nav.organizations',
    icon: <TeamOutlined />,
    permission: 'organizations:read',
    component: lazy(() => import('../pages/organizations/OrganizationsPage')),
  },
  {
    path: 'demand-postings',
    label: 'nav.demandPostings',
    icon: <SolutionOutlined />,
    permission: 'talent:read',
    component: lazy(() => import('../pages/talent/DemandPostingsPage')),
  },
  {
    path: 'supply-postings',
    label: 'nav.supplyPostings',
    icon: <UsergroupAddOutlined />,
    permission: 'talent:read',
    component: lazy(() => import('../pages/talent/SupplyPostingsPage')),
  },
  {
    path: 'talent-bulletin',
    label: 'nav.talentBulletin',
    icon: <NotificationOutlined />,
    permission: 'talent:read',
    component: lazy(() => import('../pages/talent/TalentBulletinPage')),
  },
  {
    path: 'training-bases',
    label: 'nav.trainingBases',
    icon: <BankOutlined />,
    permission: 'training_bases:read',
    component: lazy(() => import('../pages/training-bases/TrainingBasesPage')),
  },
  {
    path: 'training',
    label: 'nav.training',
    icon: <ReadOutlined />,
    permission: 'training:read',
    component: lazy(() => import('../pages/training/TrainingPage')),
  },
  {
    path: 'offerings',
    label: 'nav.offerings',
    icon: <ReadOutlined />,
    permission: 'programme_offerings:read',
    component: lazy(() => import('../pages/programmes/OfferingsPage')),
  },
  {
    path: 'offerings/:offeringId/matches',
    label: 'nav.offeringMatches',
    icon: <ReadOutlined />,
    permission: 'matching:read',
    component: lazy(() => import('../pages/matching/OfferingMatchesPage')),
    hidden: true,
  },
  {
    path: 'demand-postings/:demandPostingId/matches',
    label: 'nav.postingMatches',
    icon: <SolutionOutlined />,
    permission: 'matching:read',
    component: lazy(() => import('../pages/matching/PostingMatchesPage')),
    hidden: true,
  },
  {
    path: 'cooperations',
    label: 'nav.cooperations',
    icon: <SolutionOutlined />,
    permission: 'cooperations:read',
    component: lazy(() => import('../pages/matching/CooperationsPage')),
  },
  {
    path: 'talent-gap',
    label: 'nav.talentGap',
    icon: <RiseOutlined />,
    permission: 'matching:read',
    component: lazy(() => import('../pages/matching/TalentGapPage')),
  },
  {
    path: 'matching-runs',
    label: 'nav.matchingRuns',
    icon: <HistoryOutlined />,
    permission: 'matching:read',
    component: lazy(() => import('../pages/matching/MatchingRunsPage')),
  },
  {
    path: 'matching-weights',
    label: 'nav.matchingWeights',
    icon: <SlidersOutlined />,
    permission: 'matching:manage',
    component: lazy(() => import('../pages/matching/MatchingWeightsPage')),
  },
  {
    path: 'catalogue',
    label: 'nav.catalogue',
    icon: <BookOutlined />,
    permission: 'consortium:read',
    component: lazy(() => import('../pages/programmes/CataloguePage')),
  },
  {
    path: 'indicators',
    label: 'nav.indicators',
    icon: <FundOutlined />,
    permission: 'indicators:read',
    component: lazy(() => import('../pages/indicators/PeriodsPage')),
  },
  {
    path: 'indicator-reports',
    label: 'nav.indicatorReports',
    icon: <FormOutlined />,
    permission: 'indicators:report',
    component: lazy(() => import('../pages/indicators/ReportingPage')),
  },
  {
    path: 'indicator-review',
    label: 'nav.indicatorReview',
    icon: <CheckSquareOutlined />,
    permission: 'indicators:manage',
    component: lazy(() => import('../pages/indicators/ReviewPage')),
  },
  {
    path: 'indicator-scores',
    label: 'nav.indicatorScores',
    icon: <BarChartOutlined />,
    permission: 'indicators:read',
    component: lazy(() => import('../pages/indicators/ScoresPage')),
  },
  {
    path: 'council',
    label: 'nav.council',
    icon: <ApartmentOutlined />,
    permission: 'council:read',
    component: lazy(() => import('../pages/council/CouncilPage')),
  },
  {
    path: 'profile',
    label: 'nav.profile',
    icon: <ProfileOutlined />,
    permission: 'consortium:read',
    component: lazy(() => import('../pages/profile/ProfilePage')),
  },
  {
    path: 'users',
    label: 'nav.users',
    icon: <UserOutlined />,
    permission: 'users:read',
    component: lazy(() => import('../pages/users/UsersPage')),
  },
  {
    path: 'audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    permission: 'audit:read',
    component: lazy(() => import('../pages/audit/AuditLogPage')),
  },
];

/** Platform administration, at /admin/<path>: shown (menu group and routes) to platform admins only. */
export interface PlatformPage {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  component: LazyExoticComponent<ComponentType>;
}

export const PLATFORM_PAGES: readonly PlatformPage[] = [
  {
    path: 'consortia',
    label: 'nav.platformConsortia',
    icon: <ClusterOutlined />,
    component: lazy(() => import('../pages/platform/ConsortiaAdminPage')),
  },
  {
    path: 'users',
    label: 'nav.platformUsers',
    icon: <IdcardOutlined />,
    component: lazy(() => import('../pages/platform/PlatformUsersPage')),
  },
  {
    path: 'audit',
    label: 'nav.platformAudit',
    icon: <AuditOutlined />,
    component: lazy(() => import('../pages/audit/PlatformAuditLogPage')),
  },
];
