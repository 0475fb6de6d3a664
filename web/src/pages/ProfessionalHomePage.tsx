import { Alert, Button, Card, Descriptions } from 'antd';
import { ROLE_LABELS } from '@ce/shared';
import { LinkButton } from '../components/LinkButton';
import { PortalLayout } from '../components/PortalLayout';
import { useSignedIn } from '../components/RequireAdmin';
import { useLogout } from '../api/session';

/** The professional's landing page: who is signed in. Their modules come in later issues. */
export function ProfessionalHomePage() {
  const me = useSignedIn();
  const logout = useLogout();
  return (
    <PortalLayout narrow>
      <Card
        title="个人中心"
        className="form-card"
        extra={
          <Button type="link" onClick={() => void logout()} style={{ padding: 0 }}>
            退出
          </Button>
        }
      >
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: '姓名', children: me.name },
            { key: 'id', label: '身份证号', children: me.idNumberMasked },
            { key: 'org', label: '所在单位', children: me.org.name },
            { key: 'role', label: '登录角色', children: ROLE_LABELS[me.role] },
          ]}
        />
        <Alert
          type="info"
          showIcon
          style={{ margin: '16px 0' }}
          title="学时（分）申报、申报进度查询、年度完成情况与证书打印等功能正在建设中，开放后将在此页面提供入口。"
        />
        <LinkButton to="/change-password">修改密码</LinkButton>
      </Card>
    </PortalLayout>
  );
}
