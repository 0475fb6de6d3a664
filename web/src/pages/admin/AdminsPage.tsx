import { Card } from 'antd';
import { useSignedIn } from '../../components/RequireAdmin';
import { AdminAccountsPanel } from './AdminAccountsPanel';

/** 管理员: the super admin manages the admins of their own organisation. */
export function AdminsPage() {
  const me = useSignedIn();
  return (
    <Card title="管理员" extra={<span className="muted">{me.org.name}</span>}>
      <AdminAccountsPanel org={me.org} mode="own" />
    </Card>
  );
}
