import { Alert, App, Button } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { CHANGE_REQUEST_KIND_LABELS, myProfessionalApi, type ChangeRequestKind } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import type { ChangeRequestItem } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { changedPairs } from '../../lib/professionals';
import { useMyChangeRequests, useRefreshMine } from './queries';

/** Withdraws one of the person's pending change requests, after a confirmation. */
export function useWithdrawChange() {
  const { message, modal } = App.useApp();
  const refresh = useRefreshMine();
  const withdraw = useMutation({
    mutationFn: (r: ChangeRequestItem) => call(myProfessionalApi.withdrawChange, { params: { id: r.id } }),
    onSuccess: (res) => {
      void message.success(res.message ?? '申请已撤回');
      void refresh();
    },
    onError: (err) => {
      void message.error(errorMessage(err));
      void refresh();
    },
  });
  return (r: ChangeRequestItem) =>
    modal.confirm({
      title: `撤回${r.kindLabel}申请`,
      content: '撤回后该申请不再审核，如仍需修改可重新提交。确认撤回？',
      okText: '撤回',
      okButtonProps: { danger: true },
      onOk: () => withdraw.mutateAsync(r).catch(() => undefined),
    });
}

/**
 * The pending request of one kind: what it changes, since when, and a way to withdraw it. Right after
 * submitting, it says so with the server's words ("信息已经提交审核").
 */
export function PendingChange({ kind, submitted }: { kind: ChangeRequestKind; submitted?: string }) {
  const changes = useMyChangeRequests();
  const withdraw = useWithdrawChange();
  const request = changes.data?.items.find((r) => r.kind === kind && r.status === 'pending');
  return (
    <Alert
      type={submitted ? 'success' : 'warning'}
      showIcon
      style={{ marginTop: 12 }}
      title={submitted ?? `您的${CHANGE_REQUEST_KIND_LABELS[kind]}申请正在由所在单位审核`}
      description={
        <>
          <div>
            {submitted
              ? '需经所在单位管理员审核通过后，修改才会生效；审核结果可在“变更记录”中查看。'
              : '审核完成前不能再次提交同类申请。'}
          </div>
          {request && (
            <>
              {changedPairs(request.before, request.after).map((c) => (
                <div key={c.key}>
                  {c.label}：{c.before} → {c.after}
                </div>
              ))}
              <div className="muted">提交时间：{formatDateTime(request.submittedAt)}</div>
              <Button size="small" danger style={{ marginTop: 8 }} onClick={() => withdraw(request)}>
                撤回申请
              </Button>
            </>
          )}
        </>
      }
    />
  );
}
