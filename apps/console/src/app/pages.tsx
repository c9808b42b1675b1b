import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { BankOutlined, DashboardOutlined, ReadOutlined, TeamOutlined } from '@ant-design/icons';
import type { Permission } from '../auth/permissions';
import type { MessageKey } from '../i18n/translate';

/**
 * The pages of a consortium, at /c/:consortiumId/<path>. One entry gives a route (loaded on
 * first visit: each page is its own chunk) and a menu item shown only to roles with `permission`.
 * A capability adds its pages here (docs/console.md, "Adding a page").
 */
export interface ConsortiumPage {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Needed to see the page (menu item and route). */
  permission: Permission;
  component: LazyExoticComponent<ComponentType>;
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
];
