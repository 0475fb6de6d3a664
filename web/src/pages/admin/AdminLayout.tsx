import { useEffect, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { App, Breadcrumb, Button, Grid, Layout, Menu, Result, Space, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, organisationsApi } from '@ce/shared';
import { lastApiActivity } from '../../api/client';
import { useEndpoint } from '../../api/queries';
import { ME_KEY, useLogout } from '../../api/session';
import type { Me } from '../../api/types';
import { LinkButton } from '../../components/LinkButton';
import { RoleSwitch } from '../../components/RoleSwitch';
import { useSignedIn } from '../../components/RequireAdmin';
import { pageAllowed, type AdminPage } from './access';
import { ADMIN_HOME, adminDocumentTitle, breadcrumbFor, selectedEntryPath, visibleMenu } from './menu';

/** 超级管理员, the admin's role (permission set) name, or what kind of admin this is. */
export const adminRoleLabel = (me: Me) =>
  me.isSuperAdmin ? '超级管理员' : (me.adminRoleName ?? `${ROLE_LABELS[me.role]}管理员`);

/**
 * Warns two minutes before the server would end an idle admin session and, once it has,
 * returns to the login form with "登录已超时".
 */
function useIdleWatch(me: Me) {
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useLogout();
  useEffect(() => {
    const limit = me.idleMinutes * 60_000;
    let warning: { destroy: () => void } | null = null;
    const timer = setInterval(() => {
      const idle = Date.now() - lastApiActivity();
      if (idle >= limit) {
        clearInterval(timer);
        warning?.destroy();
        queryClient.clear();
        navigate(`/login?role=${me.role}&reason=expired`, { replace: true });
      } else if (!warning && limit > 5 * 60_000 && idle >= limit - 2 * 60_000) {
        warning = modal.confirm({
          title: '登录即将超时',
          content: `您已近 ${me.idleMinutes} 分钟未操作，为保障账号安全，约2分钟后将自动退出登录。`,
          okText: '继续使用',
          cancelText: '退出登录',
          onOk: async () => {
            await queryClient.refetchQueries({ queryKey: ME_KEY });
            warning = null;
          },
          onCancel: () => void logout(),
        });
      }
    }, 15_000);
    return () => {
      clearInterval(timer);
      warning?.destroy();
    };
  }, [me.idleMinutes, me.role, modal, queryClient, navigate, logout]);
}

/** The admin console frame: header with who is signed in, a menu of what they may use. */
export function AdminLayout() {
  const me = useSignedIn();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  useIdleWatch(me);

  // A unit is offered 机构管理 only when units are registered under it.
  const summary = useEndpoint(organisationsApi.adminSummary, {}, { enabled: me.org.kind === 'unit' });
  const groups = visibleMenu(me, { childOrganisations: summary.data?.childOrganisations });
  const selected = selectedEntryPath(location.pathname);
  const crumbs = breadcrumbFor(location.pathname);
  const title = adminDocumentTitle(location.pathname);
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <Layout className="admin">
      <Layout.Header className="admin-header">
        <div className="admin-brand">
          <span className="admin-brand-name">河南省专业技术人员继续教育公共服务平台</span>
          <span className="admin-brand-sub">管理后台</span>
        </div>
        <Space className="admin-user" size={12} wrap>
          <span className="admin-org">{me.org.name}</span>
          <span>{me.name}</span>
          <Tag color={me.isSuperAdmin ? 'gold' : 'blue'}>{adminRoleLabel(me)}</Tag>
          <RoleSwitch me={me} className="header-link" />
          <LinkButton type="link" size="small" to="/change-password" className="header-link">
            修改密码
          </LinkButton>
          <Button type="link" size="small" className="header-link" onClick={() => void logout()}>
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          theme="light"
          width={200}
          breakpoint="md"
          collapsedWidth={0}
          collapsed={collapsed}
          onCollapse={setCollapsed}
          className="admin-sider"
        >
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            defaultOpenKeys={groups.map((g) => g.key)}
            items={[
              { key: ADMIN_HOME.path, icon: ADMIN_HOME.icon, label: ADMIN_HOME.label },
              ...groups.map((g) => ({
                key: g.key,
                icon: g.icon,
                label: g.label,
                children: g.entries.map((m) => ({ key: m.path, icon: m.icon, label: m.label })),
              })),
            ]}
            onClick={({ key }) => {
              navigate(key);
              // On a phone the menu covers the page: fold it away after a choice.
              if (screens.md === false) setCollapsed(true);
            }}
          />
        </Layout.Sider>
        <Layout.Content className="admin-content">
          {crumbs && crumbs.length > 1 && (
            <Breadcrumb
              className="admin-breadcrumb"
              items={crumbs.map((c) => ({ title: c.path ? <Link to={c.path}>{c.label}</Link> : c.label }))}
            />
          )}
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** A console page the admin's role does not include. */
export function AdminPageGuard({ page, children }: { page: AdminPage; children: ReactNode }) {
  const me = useSignedIn();
  if (!pageAllowed[page](me)) {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="您的账号没有使用此功能的权限，如需开通请联系本机构超级管理员。"
        extra={
          <LinkButton type="primary" to="/admin">
            返回首页
          </LinkButton>
        }
      />
    );
  }
  return <>{children}</>;
}

export function AdminNotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      extra={
        <LinkButton type="primary" to="/admin">
          返回首页
        </LinkButton>
      }
    />
  );
}
