import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { Button } from 'antd';
import {
  FileSearchOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  LockOutlined,
  SafetyCertificateOutlined,
  ShareAltOutlined,
  CommentOutlined,
} from '@ant-design/icons';
import { useLogout } from '../api/session';
import { RoleSwitch } from './RoleSwitch';
import { useSignedIn } from './RequireAdmin';
import './ProfessionalLayout.css';

export interface ProfessionalModule {
  path: string;
  /** 用户资料管理 … as the user manual names the modules. */
  label: string;
  /** What fits under an icon of the phone's bottom bar. */
  short: string;
  note: string;
  icon: ReactNode;
}

/**
 * The modules of the professional's home (user manual: 用户资料管理、学时（分）申报、申报进度查询、
 * 年度完成情况). Only modules whose page exists are listed: add one line when a module's route lands
 * in App.tsx.
 */
export const PROFESSIONAL_MODULES: ProfessionalModule[] = [
  {
    path: '/me/profile',
    label: '用户资料管理',
    short: '资料管理',
    note: '基本信息修改、专业技术职务、证件信息修改、单位调转、变更记录',
    icon: <IdcardOutlined />,
  },
  {
    path: '/me/declare',
    label: '学时（分）申报',
    short: '学时申报',
    note: '申报公需科目、专业科目继续教育学时，上传证明材料',
    icon: <FormOutlined />,
  },
  {
    path: '/me/declarations',
    label: '申报进度查询',
    short: '申报进度',
    note: '查看申报记录与逐级审核进度，撤销、修改、重新提交',
    icon: <FileSearchOutlined />,
  },
  {
    path: '/me/completion',
    label: '年度完成情况',
    short: '完成情况',
    note: '各年度学时完成情况与认定结果，证书打印、合并打印',
    icon: <SafetyCertificateOutlined />,
  },
  {
    path: '/me/sharing',
    label: '证书共享与查验',
    short: '共享查验',
    note: '下载可验证凭证，给评审委员会生成共享链接，查看谁查看了我的证书',
    icon: <ShareAltOutlined />,
  },
  {
    path: '/me/consultations',
    label: '在线咨询',
    short: '咨询',
    note: '向所在单位管理员提问，查看答复',
    icon: <CommentOutlined />,
  },
];

const NAV = [
  { path: '/me', label: '首页', short: '首页', icon: <HomeOutlined /> },
  ...PROFESSIONAL_MODULES.map((m) => ({ path: m.path, label: m.label, short: m.short, icon: m.icon })),
];

/**
 * Frame of the professional's pages: the portal banner, a menu row on a computer and a bottom tab
 * bar on a phone (a teacher signs in on a phone as often as on a computer).
 */
export function ProfessionalLayout({ children }: { children: ReactNode }) {
  const me = useSignedIn();
  const logout = useLogout();
  return (
    <div className="portal pro">
      <header className="portal-banner">
        <div className="portal-banner-inner pro-banner-inner">
          <Link to="/me" className="portal-title">
            河南省专业技术人员继续教育公共服务平台
          </Link>
          <div className="pro-user">
            <span className="pro-user-name">{me.name}</span>
            <RoleSwitch me={me} className="pro-user-link" />
            <Link to="/change-password" className="pro-user-link">
              <LockOutlined /> 修改密码
            </Link>
            <Button type="link" className="pro-user-link" onClick={() => void logout()}>
              退出
            </Button>
          </div>
        </div>
      </header>
      <nav className="pro-nav" aria-label="个人中心菜单">
        <div className="pro-nav-inner">
          {NAV.map((n) => (
            <NavLink key={n.path} to={n.path} end className="pro-nav-item">
              {n.icon} {n.label}
            </NavLink>
          ))}
        </div>
      </nav>
      <main className="portal-main pro-main">{children}</main>
      <nav className="pro-tabbar" aria-label="个人中心导航">
        {NAV.map((n) => (
          <NavLink key={n.path} to={n.path} end className="pro-tab">
            <span className="pro-tab-icon">{n.icon}</span>
            <span>{n.short}</span>
          </NavLink>
        ))}
      </nav>
      <footer className="portal-footer pro-footer">
        <div>主办：河南省人力资源和社会保障厅专业技术人员管理处</div>
      </footer>
    </div>
  );
}
