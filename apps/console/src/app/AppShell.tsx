import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useEnumLabels } from '../meta/enums';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ConsortiumSwitcher } from './ConsortiumSwitcher';
import { lastConsortium } from './last-consortium';
import { CONSORTIUM_PAGES, PLATFORM_PAGES } from './pages';
import { useConsortium } from './useConsortium';

/** The frame around every consortium page: menu by permission, consortium switcher, language, account. */
export function AppShell() {
  const { t } = useI18n();
  const { me, signOut } = useAuth();
  const { consortiumId, role, can } = useConsortium();
  const { label } = useEnumLabels();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [collapsed, setCollapsed] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    if (consortiumId) lastConsortium.set(consortiumId);
  }, [consortiumId]);

  const [, section, first, second] = location.pathname.split('/');
  const current = section === 'admin' ? `admin/${first}` : second;
  // On /admin the consortium pages lead to the consortium used last (none yet: only the platform pages).
  const home = consortiumId || lastConsortium.get();
  const consortiumItems = home
    ? CONSORTIUM_PAGES.filter((page) => !page.hidden && can(page.permission)).map((page) => ({
        key: page.path,
        icon: page.icon,
        label: t(page.label),
      }))
    : [];
  const platformItems = me?.user.platformAdmin
    ? [
        {
          type: 'group' as const,
          key: 'admin',
          label: t('nav.platform'),
          children: PLATFORM_PAGES.map((page) => ({
            key: `admin/${page.path}`,
            icon: page.icon,
            label: t(page.label),
          })),
        },
      ]
    : [];
  const items = [...consortiumItems, ...platformItems];
  const menu = (afterClick: () => void, theme: 'light' | 'dark') => (
    <Menu
      theme={theme}
      mode="inline"
      selectedKeys={[current]}
      items={items}
      data-testid="main-menu"
      onClick={({ key }) => {
        navigate(key.startsWith('admin/') ? `/${key}` : `/c/${home}/${key}`);
        afterClick();
      }}
    />
  );
  const roleLabel = me?.user.platformAdmin ? t('role.platformAdmin') : role ? label('ConsortiumRole', role) : '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {narrow ? (
        // On a phone the menu opens from the header instead of taking a column.
        <Drawer
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          placement="left"
          size={240}
          title={t('app.title')}
          styles={{ body: { padding: 0 } }}
        >
          {menu(() => setMenuOpen(false), 'light')}
        </Drawer>
      ) : (
        // Sticky, with the menu scrolling on its own above the collapse trigger (which sits at the
        // window's bottom): a menu taller than the window no longer slides under the trigger.
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={208}
          style={{ position: 'sticky', top: 0, height: '100vh' }}
        >
          <div style={{ height: '100%', overflowY: 'auto', scrollbarWidth: 'thin' }}>
            <div
              style={{ color: '#fff', padding: '16px 20px', fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}
            >
              {collapsed ? '产教' : t('app.title')}
            </div>
            {menu(() => undefined, 'dark')}
          </div>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: narrow ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            flexWrap: 'wrap',
            height: 'auto',
            minHeight: 64,
            lineHeight: 'normal',
          }}
        >
          {narrow ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={() => setMenuOpen(true)}
              aria-label="menu"
              data-testid="menu-button"
            />
          ) : null}
          <ConsortiumSwitcher />
          <div style={{ flex: 1 }} />
          <Space wrap size="small">
            <LanguageSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'sign-out',
                    icon: <LogoutOutlined />,
                    label: <span data-testid="sign-out">{t('auth.signOut')}</span>,
                    onClick: () => void signOut().then(() => navigate('/sign-in', { replace: true })),
                  },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                <Typography.Text ellipsis style={{ maxWidth: narrow ? 96 : 200 }}>
                  {me?.user.displayName}
                </Typography.Text>
                {roleLabel && !narrow ? <Tag style={{ marginInlineStart: 8 }}>{roleLabel}</Tag> : null}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
