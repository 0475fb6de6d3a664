import { Result } from 'antd';
import { LinkButton } from '../components/LinkButton';
import { PortalLayout } from '../components/PortalLayout';

export function NotFoundPage() {
  return (
    <PortalLayout narrow>
      <Result
        status="404"
        title="页面不存在"
        subTitle="您访问的页面不存在，请检查地址是否正确。"
        extra={
          <LinkButton type="primary" to="/">
            返回首页
          </LinkButton>
        }
      />
    </PortalLayout>
  );
}
