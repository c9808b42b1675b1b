import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { CONSORTIUM_PAGES, PLATFORM_PAGES } from './pages';
import { AppShell } from './AppShell';
import { HomeRedirect } from './HomeRedirect';
import { PageGate } from './PageGate';
import { PlatformGate } from './PlatformGate';
import { RequireSignIn } from './RequireSignIn';
import { PageLoading } from '../components/PageLoading';
import { NotFound } from '../components/NotFound';

const SignInPage = lazy(() => import('../pages/sign-in/SignInPage'));

const router = createBrowserRouter([
  {
    path: '/sign-in',
    element: (
      <Suspense fallback={<PageLoading />}>
        <SignInPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireSignIn>
        <HomeRedirect />
      </RequireSignIn>
    ),
  },
  {
    path: '/c/:consortiumId',
    element: (
      <RequireSignIn>
        <AppShell />
      </RequireSignIn>
    ),
    children: [
      { index: true, element: <Navigate to="dashboard" replace /> },
      ...CONSORTIUM_PAGES.map((page) => ({ path: page.path, element: <PageGate page={page} /> })),
      { path: '*', element: <NotFound /> },
    ],
  },
  {
    path: '/admin',
    element: (
      <RequireSignIn>
        <AppShell />
      </RequireSignIn>
    ),
    children: [
      { index: true, element: <Navigate to={PLATFORM_PAGES[0].path} replace /> },
      ...PLATFORM_PAGES.map((page) => ({ path: page.path, element: <PlatformGate page={page} /> })),
      { path: '*', element: <NotFound /> },
    ],
  },
  { path: '*', element: <NotFound /> },
]);

export function App() {
  return <RouterProvider router={router} />;
}
