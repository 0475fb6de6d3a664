import { describe, expect, it, vi } from 'vitest';
import { api, ApiError, onAuthEvent, queryString } from './client';
import { mockFetch } from '../test/render';

describe('api client', () => {
  it('turns an error answer into an ApiError with the server code, message and details', async () => {
    mockFetch(() => [
      409,
      {
        code: 'EXISTING_USER',
        message: '您已是本系统用户，请输入已有账号的登录密码',
        details: { existingUser: true },
      },
    ]);
    const err = await api.post('/api/registrations/organisations', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 409,
      code: 'EXISTING_USER',
      message: '您已是本系统用户，请输入已有账号的登录密码',
      details: { existingUser: true },
    });
  });

  it('reports an ended session to the listeners', async () => {
    mockFetch(() => [401, { code: 'UNAUTHENTICATED', message: '登录已过期或尚未登录，请重新登录' }]);
    const listener = vi.fn();
    const off = onAuthEvent(listener);
    await api.get('/api/admin/summary').catch(() => undefined);
    off();
    expect(listener).toHaveBeenCalledWith('session-expired');
  });

  it('builds query strings without empty values and with repeated keys for lists', () => {
    expect(queryString({ kind: ['department', 'hrss'], q: '', regionCode: undefined, limit: 20 })).toBe(
      '?kind=department&kind=hrss&limit=20',
    );
    expect(queryString({})).toBe('');
  });
});
