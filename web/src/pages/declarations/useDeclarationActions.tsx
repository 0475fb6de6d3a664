import { App } from 'antd';
import { myDeclarationsApi as mine } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import type { DeclarationSummary } from '../../api/types';
import { useRefreshDeclarations } from './queries';

/** 撤销 and 删除 with their confirmations; the server checks the state again. */
export function useDeclarationActions(onDeleted?: () => void) {
  const { message, modal } = App.useApp();
  const refresh = useRefreshDeclarations();

  const revoke = (d: Pick<DeclarationSummary, 'id' | 'title' | 'version'>) =>
    modal.confirm({
      title: '撤销申报',
      content: `确认撤销“${d.title}”？撤销后变为待提交，可修改后重新提交。`,
      okText: '撤销',
      onOk: async () => {
        try {
          await call(mine.revoke, { params: { id: d.id }, body: { version: d.version } });
          void message.success('已撤销，申报变为待提交');
        } catch (err) {
          void message.error(errorMessage(err));
        }
        await refresh();
      },
    });

  const remove = (d: Pick<DeclarationSummary, 'id' | 'title' | 'version'>) =>
    modal.confirm({
      title: '删除申报',
      content: `确认删除待提交的“${d.title}”？删除后不能恢复。`,
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await call(mine.remove, { params: { id: d.id }, query: { version: d.version } });
          void message.success('申报已删除');
          onDeleted?.();
        } catch (err) {
          void message.error(errorMessage(err));
        }
        await refresh();
      },
    });

  return { revoke, remove };
}

/** 撤销 is possible while the first level has not acted. */
export const canRevoke = (d: Pick<DeclarationSummary, 'status' | 'currentLevel' | 'originProvinceName'>) =>
  d.status === 'pending' && d.currentLevel === 1 && !d.originProvinceName;
