import { Card, Grid, Result, Skeleton, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { ProfessionalLayout } from '../../components/ProfessionalLayout';
import { BasicInfoSection } from './BasicInfoSection';
import { ChangeHistorySection } from './ChangeHistorySection';
import { IdentityChangeSection } from './IdentityChangeSection';
import { useMyProfile } from './queries';
import { TitleChangeSection } from './TitleChangeSection';
import { TransferSection } from './TransferSection';

const TABS = ['basic', 'title', 'identity', 'transfer', 'history'] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: string | null): v is Tab => !!v && (TABS as readonly string[]).includes(v);

/** 用户资料管理 (user manual): basic info, 专业技术职务, 证件信息, 单位调转 and 变更记录. */
export function ProfilePage() {
  return (
    <ProfessionalLayout>
      <ProfileContent />
    </ProfessionalLayout>
  );
}

function ProfileContent() {
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'basic';
  const profile = useMyProfile();
  const phone = Grid.useBreakpoint().md === false;

  if (profile.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (profile.isError)
    return <Result status="error" title="加载失败" subTitle={errorMessage(profile.error)} />;
  const p = profile.data;

  return (
    <Card title="用户资料管理" className="pro-profile" size={phone ? 'small' : 'default'}>
      <Tabs
        activeKey={tab}
        tabBarGutter={phone ? 18 : undefined}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          // A phone shows short names so that the five tabs fit on one line.
          { key: 'basic', label: '基本信息', children: <BasicInfoSection profile={p} /> },
          {
            key: 'title',
            label: phone ? '职务' : '专业技术职务',
            children: <TitleChangeSection profile={p} />,
          },
          {
            key: 'identity',
            label: phone ? '证件' : '证件信息修改',
            children: <IdentityChangeSection profile={p} />,
          },
          { key: 'transfer', label: phone ? '调转' : '单位调转', children: <TransferSection profile={p} /> },
          { key: 'history', label: '变更记录', children: <ChangeHistorySection /> },
        ]}
      />
    </Card>
  );
}
