import { App, Button, Dropdown } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, authApi, type AccountRole } from '@ce/shared';
import { call, errorMessage } from '../api/client';
import type { Me } from '../api/types';
import { homeOf, rememberRole } from '../lib/roles';

/**
 * 切换角色: a person holding two roles (a unit admin who also teaches) moves to the other without
 * signing out (POST /api/auth/switch-role replaces the session). Nothing shows for one role.
 */
export function RoleSwitch({ me, className }: { me: Me; className?: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  if (me.otherRoles.length === 0) return null;
  const switchTo = async (role: AccountRole) => {
    try {
      const res = await call(authApi.switchRole, { body: { role } });
      rememberRole(role);
      queryClient.clear();
      // The admin role asks for the authenticator's code when this session has not passed it.
      navigate(res.secondFactor ? '/login/second-factor' : homeOf(role), { replace: true });
      void message.success(`已切换为${ROLE_LABELS[role]}`);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  return (
    <Dropdown
      menu={{
        items: me.otherRoles.map((r) => ({ key: r, label: `切换为${ROLE_LABELS[r]}` })),
        onClick: ({ key }) => void switchTo(key as AccountRole),
      }}
    >
      <Button type="link" size="small" className={className} icon={<SwapOutlined />}>
        切换角色
      </Button>
    </Dropdown>
  );
}
