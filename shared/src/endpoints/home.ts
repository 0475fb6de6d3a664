/** Admin home pages and the province's review deadline (issue 12 item 2). */
import { endpoint } from '../endpoint';
import { adminHome, reviewDeadlineRequest, reviewDeadlineSetting } from '../api-home';

const TAGS = ['首页'];

export const homeApi = {
  queues: endpoint({
    method: 'GET',
    path: '/api/admin/home/queues',
    tags: TAGS,
    summary: '首页：本人各待办队列的数量、逾期数量和最久等待时间（仅本机构及管理范围）',
    response: adminHome,
  }),
  reviewDeadline: endpoint({
    method: 'GET',
    path: '/api/admin/review-deadline',
    tags: TAGS,
    summary: '审核时限：事项在一级审核处可等待的天数（全省设置）',
    response: reviewDeadlineSetting,
  }),
  setReviewDeadline: endpoint({
    method: 'PUT',
    path: '/api/admin/review-deadline',
    tags: TAGS,
    summary: '设置审核时限（省人社厅，申报设置权限）',
    body: reviewDeadlineRequest,
    response: reviewDeadlineSetting,
  }),
};
