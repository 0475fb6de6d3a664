import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** Frame of the public pages: the red banner with the platform name, content, and the footer. */
export function PortalLayout({ children, narrow = false }: { children: ReactNode; narrow?: boolean }) {
  return (
    <div className="portal">
      <header className="portal-banner">
        <div className="portal-banner-inner">
          <Link to="/" className="portal-title">
            河南省专业技术人员继续教育公共服务平台
          </Link>
          <nav className="portal-nav">
            <Link to="/">首页</Link>
            <Link to="/notices">通知公告</Link>
            <Link to="/policies">政策法规</Link>
            <Link to="/help">帮助中心</Link>
            <Link to="/consult">在线咨询</Link>
            <Link to="/certificates">证书查询</Link>
          </nav>
        </div>
      </header>
      <main className={narrow ? 'portal-main portal-main-narrow' : 'portal-main'}>{children}</main>
      <footer className="portal-footer">
        <div>主办：河南省人力资源和社会保障厅专业技术人员管理处</div>
        <div>本平台为继续教育管理平台，不提供继续教育课程学习服务</div>
      </footer>
    </div>
  );
}
