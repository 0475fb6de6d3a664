import { expect } from 'vitest';
import type { MatrixCases, MatrixFixture } from '../fixture';

/** 查询统计: every read names an organisation of the Zhengzhou subtree; the refresh is the province's. */
export default function statisticsCases(f: MatrixFixture): MatrixCases {
  const { zz } = f;
  return {
    targeted: {
      'GET /api/admin/statistics/overview': () => ({ method: 'GET', url: `/api/admin/statistics/overview?orgId=${zz.unit.id}` }),
      'GET /api/admin/statistics/children': () => ({ method: 'GET', url: `/api/admin/statistics/children?orgId=${zz.dept.id}` }),
      'GET /api/admin/statistics/trend': () => ({ method: 'GET', url: `/api/admin/statistics/trend?orgId=${zz.bureau.id}&from=2024&to=2026` }),
      'GET /api/admin/statistics/unmet': () => ({ method: 'GET', url: `/api/admin/statistics/unmet?orgId=${zz.unit.id}` }),
      'GET /api/admin/statistics/unmet.xlsx': () => ({ method: 'GET', url: `/api/admin/statistics/unmet.xlsx?orgId=${zz.unit.id}` }),
      'GET /api/admin/statistics/table.xlsx': () => ({ method: 'GET', url: `/api/admin/statistics/table.xlsx?orgId=${zz.dept.id}&table=children` }),
    },
    lists: {},
    scoped: {
      // Rebuilding a year is the province bureau's: any other admin is refused.
      'POST /api/admin/statistics/refresh': {
        call: () => ({ method: 'POST', url: '/api/admin/statistics/refresh', payload: { year: 2026 } }),
        check: (res) => expect(res.statusCode).toBe(403),
      },
    },
  };
}
