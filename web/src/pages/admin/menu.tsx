/**
 * The admin console's pages as one data structure: the side menu (grouped), the routes, the
 * breadcrumbs and the page titles are all read from ADMIN_MENU. To add a page, add one entry to
 * its group (and its predicate to `pageAllowed` in access.ts); nothing else lists pages.
 */
import type { ComponentType, ReactNode } from 'react';
import {
  ApartmentOutlined,
  ApiOutlined,
  CloudServerOutlined,
  PauseCircleOutlined,
  AuditOutlined,
  BarChartOutlined,
  BranchesOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  CommentOutlined,
  EditOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  FileExcelOutlined,
  FileSearchOutlined,
  HistoryOutlined,
  HomeOutlined,
  IdcardOutlined,
  MergeCellsOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ReadOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SearchOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UserAddOutlined,
  UserOutlined,
  VerifiedOutlined,
} from '@ant-design/icons';
import type { Me } from '../../api/types';
import { pageAllowed, type AdminPage } from './access';
import { AccountSecurityPage } from './AccountSecurityPage';
import { AdminFilingsPage } from './AdminFilingsPage';
import { AdminsPage } from './AdminsPage';
import { AuditPage } from './AuditPage';
import { CertificateQueryAdminPage } from './CertificateQueryAdminPage';
import { ConsultationsAdminPage } from './ConsultationsAdminPage';
import { DashboardPage } from './DashboardPage';
import { DeclarationOpeningsPage } from './DeclarationOpeningsPage';
import { DeclarationSettingsPage } from './DeclarationSettingsPage';
import { BaseDeclarationsReviewPage, DeclarationsReviewPage } from './DeclarationsReviewPage';
import { HistoricalHoursPage } from './HistoricalHoursPage';
import { NoticesAdminPage } from './NoticesAdminPage';
import { OrgChangesPage } from './OrgChangesPage';
import { OrgMergePage } from './OrgMergePage';
import { OrgProfilePage } from './OrgProfilePage';
import { OrganisationsPage } from './OrganisationsPage';
import { ProfessionalChangesPage } from './ProfessionalChangesPage';
import { ProfessionalRegistrationsPage } from './ProfessionalRegistrationsPage';
import { ProfessionalsPage } from './ProfessionalsPage';
import { RegistrationsPage } from './RegistrationsPage';
import { RolesPage } from './RolesPage';
import { SamplingPage } from './SamplingPage';
import { SealApplicationsPage } from './SealApplicationsPage';
import { SealPage } from './SealPage';
import { TransfersPage } from './TransfersPage';
import { WorkDepartmentsPage } from './WorkDepartmentsPage';
import { DeclarationBatchPage } from './batches/DeclarationBatchPage';
import { DeclarationBatchesPage } from './batches/DeclarationBatchesPage';
import { BaseClassesPage } from './bases/BaseClassesPage';
import { BaseClassPage } from './bases/BaseClassPage';
import { TrainingPlanReviewPage, TrainingPlansPage } from './plans/TrainingPlansPage';
import { StatisticsPage } from './statistics/StatisticsPage';
import { LearningPlatformsPage, PlatformApprovalPage } from './platforms/LearningPlatformsPage';
import { PlatformHeldRecordsPage } from './platforms/PlatformHeldRecordsPage';

/** Facts about the organisation the menu needs beyond `Me` (loaded by the layout). */
export interface MenuFacts {
  /** Approved organisations directly under this one; undefined while loading. */
  childOrganisations?: number;
}

/** A page below a menu entry (a detail page): routed and named in the breadcrumb, not in the menu. */
export interface AdminSubPage {
  /** Relative to the entry's path, e.g. ':id'. */
  path: string;
  label: string;
  page: AdminPage;
  component: ComponentType;
}

export interface AdminMenuEntry {
  /** Its permission predicate in `pageAllowed` (the route guard uses the same). */
  page: AdminPage;
  /** Absolute, under /admin. */
  path: string;
  label: string;
  icon: ReactNode;
  component: ComponentType;
  /**
   * Narrower than "may open the page": whether the menu offers it at all (e.g. 机构管理 only to a
   * unit that has units under it). The page itself stays reachable by its address.
   */
  offered?: (me: Me, facts: MenuFacts) => boolean;
  subPages?: AdminSubPage[];
}

export interface AdminMenuGroup {
  key: string;
  label: string;
  icon: ReactNode;
  entries: AdminMenuEntry[];
}

/** 首页: outside every group. */
export const ADMIN_HOME: AdminMenuEntry = {
  page: 'dashboard',
  path: '/admin',
  label: '首页',
  icon: <HomeOutlined />,
  component: DashboardPage,
};

export const ADMIN_MENU: AdminMenuGroup[] = [
  {
    key: 'review',
    label: '审核中心',
    icon: <FileDoneOutlined />,
    entries: [
      {
        page: 'registrations',
        path: '/admin/registrations',
        label: '注册审核',
        icon: <FileSearchOutlined />,
        component: RegistrationsPage,
      },
      {
        page: 'orgChanges',
        path: '/admin/org-changes',
        label: '单位变更审核',
        icon: <BranchesOutlined />,
        component: OrgChangesPage,
      },
      {
        page: 'professionalRegistrations',
        path: '/admin/professional-registrations',
        label: '人员注册审核',
        icon: <UserAddOutlined />,
        component: ProfessionalRegistrationsPage,
      },
      {
        page: 'professionalChanges',
        path: '/admin/professional-changes',
        label: '信息变更审核',
        icon: <EditOutlined />,
        component: ProfessionalChangesPage,
      },
      {
        page: 'transfers',
        path: '/admin/transfers',
        label: '调转审核',
        icon: <SwapOutlined />,
        component: TransfersPage,
      },
      {
        page: 'declarations',
        path: '/admin/declarations',
        label: '学时审核',
        icon: <FileDoneOutlined />,
        component: DeclarationsReviewPage,
      },
      {
        page: 'baseDeclarations',
        path: '/admin/base-declarations',
        label: '继教基地学时审核',
        icon: <ReconciliationOutlined />,
        component: BaseDeclarationsReviewPage,
      },
      {
        page: 'trainingPlanReview',
        path: '/admin/training-plan-review',
        label: '培训计划审核',
        icon: <CarryOutOutlined />,
        component: TrainingPlanReviewPage,
      },
      {
        page: 'sampling',
        path: '/admin/sampling',
        label: '抽查审验',
        icon: <ExperimentOutlined />,
        component: SamplingPage,
      },
      {
        page: 'platformApproval',
        path: '/admin/platform-approval',
        label: '学习平台审批',
        icon: <ApiOutlined />,
        component: PlatformApprovalPage,
      },
      {
        page: 'platformHeldRecords',
        path: '/admin/platform-held-records',
        label: '平台学时暂存审核',
        icon: <PauseCircleOutlined />,
        component: PlatformHeldRecordsPage,
      },
      {
        page: 'sealApplications',
        path: '/admin/seal-applications',
        label: '签章审批',
        icon: <VerifiedOutlined />,
        component: SealApplicationsPage,
      },
      {
        page: 'consultations',
        path: '/admin/consultations',
        label: '在线咨询',
        icon: <CommentOutlined />,
        component: ConsultationsAdminPage,
      },
    ],
  },
  {
    key: 'people',
    label: '人员与学时',
    icon: <SolutionOutlined />,
    entries: [
      {
        page: 'professionals',
        path: '/admin/professionals',
        label: '人员管理',
        icon: <UserOutlined />,
        component: ProfessionalsPage,
      },
      {
        page: 'declarationBatches',
        path: '/admin/declaration-batches',
        label: '批量申报',
        icon: <FileExcelOutlined />,
        component: DeclarationBatchesPage,
        // A batch is opened from 批量申报 and from 学时审核 (its reviewers), so `declarations` guards it.
        subPages: [{ path: ':id', label: '批次详情', page: 'declarations', component: DeclarationBatchPage }],
      },
      {
        page: 'baseClasses',
        path: '/admin/base-classes',
        label: '培训班次管理',
        icon: <ReadOutlined />,
        component: BaseClassesPage,
        subPages: [{ path: ':id', label: '班次详情', page: 'baseClasses', component: BaseClassPage }],
      },
      {
        page: 'trainingPlans',
        path: '/admin/training-plans',
        label: '单位培训计划',
        icon: <ScheduleOutlined />,
        component: TrainingPlansPage,
      },
      {
        page: 'historicalHours',
        path: '/admin/historical-hours',
        label: '学时转登',
        icon: <HistoryOutlined />,
        component: HistoricalHoursPage,
      },
      {
        page: 'statistics',
        path: '/admin/statistics',
        label: '查询统计',
        icon: <BarChartOutlined />,
        component: StatisticsPage,
      },
    ],
  },
  {
    key: 'certificates',
    label: '证书管理',
    icon: <SafetyCertificateOutlined />,
    entries: [
      {
        page: 'certificates',
        path: '/admin/certificates',
        label: '证书查询',
        icon: <SearchOutlined />,
        component: CertificateQueryAdminPage,
      },
      {
        page: 'seal',
        path: '/admin/seal',
        label: '电子签章',
        icon: <SafetyCertificateOutlined />,
        component: SealPage,
      },
      {
        page: 'adminFilings',
        path: '/admin/admin-filings',
        label: '管理员备案',
        icon: <IdcardOutlined />,
        component: AdminFilingsPage,
      },
    ],
  },
  {
    key: 'organisation',
    label: '机构与账号',
    icon: <ClusterOutlined />,
    entries: [
      {
        page: 'orgProfile',
        path: '/admin/org-profile',
        label: '单位资料管理',
        icon: <ProfileOutlined />,
        component: OrgProfilePage,
      },
      {
        page: 'learningPlatforms',
        path: '/admin/learning-platforms',
        label: '学习平台',
        icon: <CloudServerOutlined />,
        component: LearningPlatformsPage,
      },
      {
        page: 'organisations',
        path: '/admin/organisations',
        label: '机构管理',
        icon: <ClusterOutlined />,
        component: OrganisationsPage,
        // A unit rarely has units under it: offer the list only when it has some.
        offered: (me, facts) => me.org.kind !== 'unit' || (facts.childOrganisations ?? 0) > 0,
      },
      {
        page: 'orgMerge',
        path: '/admin/org-merge',
        label: '单位合并',
        icon: <MergeCellsOutlined />,
        component: OrgMergePage,
      },
      {
        page: 'admins',
        path: '/admin/admins',
        label: '管理员',
        icon: <TeamOutlined />,
        component: AdminsPage,
      },
      {
        page: 'roles',
        path: '/admin/roles',
        label: '角色管理',
        icon: <SafetyOutlined />,
        component: RolesPage,
      },
      {
        page: 'workDepartments',
        path: '/admin/work-departments',
        label: '工作部门',
        icon: <ApartmentOutlined />,
        component: WorkDepartmentsPage,
      },
      {
        page: 'accountSecurity',
        path: '/admin/account-security',
        label: '账号安全',
        icon: <SafetyOutlined />,
        component: AccountSecurityPage,
      },
    ],
  },
  {
    key: 'settings',
    label: '系统设置',
    icon: <SettingOutlined />,
    entries: [
      {
        page: 'declarationSettings',
        path: '/admin/declaration-settings',
        label: '申报设置',
        icon: <SettingOutlined />,
        component: DeclarationSettingsPage,
      },
      {
        page: 'declarationOpenings',
        path: '/admin/declaration-openings',
        label: '往年补报',
        icon: <CalendarOutlined />,
        component: DeclarationOpeningsPage,
      },
      {
        page: 'notices',
        path: '/admin/notices',
        label: '通知公告',
        icon: <NotificationOutlined />,
        component: NoticesAdminPage,
      },
      {
        page: 'audit',
        path: '/admin/audit',
        label: '审计日志',
        icon: <AuditOutlined />,
        component: AuditPage,
      },
    ],
  },
];

/** The groups and entries this admin is offered, in order; a group with nothing in it is left out. */
export function visibleMenu(
  me: Me,
  facts: MenuFacts = {},
  menu: AdminMenuGroup[] = ADMIN_MENU,
): AdminMenuGroup[] {
  return menu
    .map((g) => ({
      ...g,
      entries: g.entries.filter((e) => pageAllowed[e.page](me) && (e.offered?.(me, facts) ?? true)),
    }))
    .filter((g) => g.entries.length > 0);
}

export interface Crumb {
  label: string;
  /** Where the crumb leads; absent for the group and the page itself. */
  path?: string;
}

/** Whether `pattern` (an entry's path plus a sub-page's, e.g. `/admin/x/:id`) matches `pathname`. */
function matches(pattern: string, pathname: string) {
  const a = pattern.split('/');
  const b = pathname.replace(/\/+$/, '').split('/');
  return a.length === b.length && a.every((part, i) => part.startsWith(':') || part === b[i]);
}

/**
 * 首页 › group › page (› detail) for a console address; null for an address no entry owns.
 * The last crumb is the page's own name (also its document title).
 */
export function breadcrumbFor(pathname: string, menu: AdminMenuGroup[] = ADMIN_MENU): Crumb[] | null {
  const home: Crumb = { label: ADMIN_HOME.label, path: ADMIN_HOME.path };
  if (matches(ADMIN_HOME.path, pathname)) return [{ label: ADMIN_HOME.label }];
  for (const g of menu) {
    for (const e of g.entries) {
      if (matches(e.path, pathname)) return [home, { label: g.label }, { label: e.label }];
      const sub = e.subPages?.find((s) => matches(`${e.path}/${s.path}`, pathname));
      if (sub) return [home, { label: g.label }, { label: e.label, path: e.path }, { label: sub.label }];
    }
  }
  return null;
}

export const SITE_TITLE = '河南省专业技术人员继续教育公共服务平台';

/** The browser tab's title of a console address. */
export function adminDocumentTitle(pathname: string, menu: AdminMenuGroup[] = ADMIN_MENU): string {
  const crumbs = breadcrumbFor(pathname, menu);
  const page = crumbs?.[crumbs.length - 1]?.label ?? '页面不存在';
  return `${page} - 管理后台 - ${SITE_TITLE}`;
}

/** The menu key (an entry's path) an address belongs to: its own entry, or the entry it is a detail of. */
export function selectedEntryPath(pathname: string, menu: AdminMenuGroup[] = ADMIN_MENU): string {
  const all = [ADMIN_HOME, ...menu.flatMap((g) => g.entries)];
  return (
    all
      .filter((e) => pathname === e.path || pathname.startsWith(`${e.path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .find((e) => e.path !== ADMIN_HOME.path || pathname === ADMIN_HOME.path)?.path ?? ADMIN_HOME.path
  );
}
