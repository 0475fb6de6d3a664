/** Share links for reviewing bodies and 谁查看了我的证书 (issue 14). */
import { endpoint } from '../endpoint';
import { idParam } from '../api';
import {
  certificateViewList,
  certificateViewsQuery,
  createShareRequest,
  createdShare,
  revokeShareRequest,
  shareItem,
  shareList,
  shareTokenParam,
  sharedView,
} from '../api-credentials';

const ME = ['证书共享与查验记录（专业技术人员）'];

export const sharingApi = {
  create: endpoint({
    method: 'POST',
    path: '/api/me/shares',
    tags: ME,
    summary: '创建共享链接（职称评审、岗位聘用等）：选择年度、接收单位、有效期1—90天、是否显示完整身份证号；链接只在本次返回',
    body: createShareRequest,
    response: createdShare,
    status: 201,
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/me/shares',
    tags: ME,
    summary: '我的共享链接（新建在前），含状态与查看次数',
    response: shareList,
  }),
  revoke: endpoint({
    method: 'POST',
    path: '/api/me/shares/:id/revoke',
    tags: ME,
    summary: '撤销共享链接（立即失效）',
    params: idParam,
    body: revokeShareRequest,
    response: shareItem,
  }),
  certificateViews: endpoint({
    method: 'GET',
    path: '/api/me/certificate-views',
    tags: ME,
    summary: '谁查看了我的证书：每次公开验证或查询（二维码、证书查询、可验证凭证、共享链接）的时间、方式、脱敏IP、浏览器类型，及各年度次数；保留180天',
    query: certificateViewsQuery,
    response: certificateViewList,
  }),
  view: endpoint({
    method: 'GET',
    path: '/api/public/shares/:token',
    tags: ['证书查询'],
    summary: '打开共享链接（无需登录，只读）：所选年度的学时、学习形式、记录来源与审核日期、证书状态；过期或撤销的链接说明原因',
    params: shareTokenParam,
    response: sharedView,
  }),
};
