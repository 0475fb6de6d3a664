import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Grid, Input, Modal, Popconfirm, Segmented, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CONSULTATION_CATEGORIES, CONSULTATION_STATUS_LABELS, CONSULTATION_STATUSES, consultationsApi, faqInput, type AdminConsultation, type ConsultationStatus } from '@ce/shared';
import { call, errorMessage, href } from '../../api/client';
import { useEndpoint, usePagedList } from '../../api/queries';
import { PagedTable } from '../../components/PagedTable';
import { useSignedIn } from '../../components/RequireAdmin';
import { formatDateTime } from '../../lib/format';
import { zodRule } from '../../lib/zodRule';
import { StatusTag, ThreadView } from '../consultations/ConsultationParts';
import { can } from './access';
import { OverdueTag, useReviewDeadline } from '../../components/Overdue';

const refreshKey = ['admin', 'consultations'];

/** 在线咨询 (R-32): the questions waiting at this organisation, answers, passing up, closing; bureaus' FAQ. */
export function ConsultationsAdminPage() {
  const me = useSignedIn();
  const bureau = me.org.kind === 'hrss' && can(me, 'portal.publish');
  return (
    <>
      <Typography.Title level={4}>在线咨询</Typography.Title>
      {bureau ? (
        <Tabs
          items={[
            { key: 'queue', label: '咨询办理', children: <Queue /> },
            { key: 'faq', label: '本机构发布的常见问题', children: <OwnFaq /> },
          ]}
        />
      ) : (
        <Queue />
      )}
    </>
  );
}

function Queue() {
  const [scope, setScope] = useState<'mine' | 'subtree'>('mine');
  const [status, setStatus] = useState<ConsultationStatus>();
  const [open, setOpen] = useState<number | null>(null);
  const list = usePagedList(consultationsApi.adminList, { query: { scope, status } });
  const deadline = useReviewDeadline();
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={scope}
          onChange={(v) => setScope(v as 'mine' | 'subtree')}
          options={[
            { value: 'mine', label: '由本机构办理' },
            { value: 'subtree', label: '本机构及下级机构的全部咨询' },
          ]}
        />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 130 }}
          value={status}
          onChange={setStatus}
          options={CONSULTATION_STATUSES.map((s) => ({ value: s, label: CONSULTATION_STATUS_LABELS[s] }))}
        />
      </Space>
      <PagedTable
        list={list}
        unit="条咨询"
        emptyText="没有咨询"
        columns={[
          {
            title: '问题',
            render: (_, c) => (
              <a onClick={() => setOpen(c.id)}>
                {c.awaitingMe && <Tag color="orange">待本机构答复</Tag>}
                {c.title}
              </a>
            ),
          },
          { title: '类别', width: 150, dataIndex: 'categoryLabel' },
          { title: '提问人', width: 180, render: (_, c) => `${c.askerName}（${c.originName}）` },
          { title: '办理机构', width: 180, dataIndex: 'handlerName' },
          { title: '状态', width: 90, render: (_, c) => <StatusTag status={c.status} label={c.statusLabel} /> },
          {
            title: '最近更新',
            width: 170,
            render: (_, c) => <>{formatDateTime(c.lastActivityAt)}<OverdueTag since={c.awaitingMe ? c.lastActivityAt : null} days={deadline} /></>,
          },
        ]}
      />
      {open !== null && <ConsultationDrawer id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function ConsultationDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const detail = useEndpoint(consultationsApi.adminDetail, { params: { id } });
  return (
    <Drawer open onClose={onClose} title="咨询详情" size={screens.md ? 720 : '100%'} destroyOnHidden>
      {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {detail.data && <Handling key={detail.data.version} c={detail.data} />}
    </Drawer>
  );
}

function Handling({ c }: { c: AdminConsultation }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [faqOpen, setFaqOpen] = useState(false);
  const done = (msg: string) => {
    void message.success(msg);
    void queryClient.invalidateQueries({ queryKey: refreshKey });
  };
  const params = { id: c.id };
  const answer = useMutation({ mutationFn: () => call(consultationsApi.answer, { params, body: { version: c.version, text } }), onSuccess: () => done('已答复') });
  const escalate = useMutation({ mutationFn: () => call(consultationsApi.escalate, { params, body: { version: c.version, note: text } }), onSuccess: (r) => done(`已转交${r.handlerName}`) });
  const close = useMutation({ mutationFn: () => call(consultationsApi.close, { params, body: { version: c.version, note: text } }), onSuccess: () => done('已关闭') });
  const error = answer.error ?? escalate.error ?? close.error;
  return (
    <>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="问题">{c.title}</Descriptions.Item>
        <Descriptions.Item label="类别">{c.categoryLabel}</Descriptions.Item>
        <Descriptions.Item label="提问人">
          {c.askerName}（{c.askerKind === 'visitor' ? `访客 · ${c.askerContact}` : c.askerContact}）
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <StatusTag status={c.status} label={c.statusLabel} /> 办理机构：{c.handlerName}
        </Descriptions.Item>
      </Descriptions>
      <ThreadView thread={c} attachmentHref={href(consultationsApi.adminAttachment, { params })} />
      {c.canHandle ? (
        <div style={{ marginTop: 16 }}>
          <Input.TextArea rows={4} maxLength={2000} showCount value={text} onChange={(e) => setText(e.target.value)} placeholder="答复内容（转上级或关闭时可写说明）" aria-label="答复内容" />
          {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginTop: 8 }} />}
          <Space style={{ marginTop: 8 }} wrap>
            <Button type="primary" disabled={!text.trim()} loading={answer.isPending} onClick={() => answer.mutate()}>
              答复
            </Button>
            {c.canEscalate && (
              <Popconfirm title="转交上级机构办理后，本机构不能再答复，确定转交？" onConfirm={() => escalate.mutate()}>
                <Button loading={escalate.isPending}>转上级机构办理</Button>
              </Popconfirm>
            )}
            <Popconfirm title="确定关闭该咨询？" onConfirm={() => close.mutate()}>
              <Button loading={close.isPending}>关闭</Button>
            </Popconfirm>
          </Space>
        </div>
      ) : (
        c.status !== 'closed' && <Alert style={{ marginTop: 16 }} type="info" showIcon title={`该咨询由${c.handlerName}办理，本机构只能查看。`} />
      )}
      {c.canPublishFaq && (
        <div style={{ marginTop: 16 }}>
          {c.faqEntryId ? (
            <Tag color="blue">已发布到常见问题</Tag>
          ) : (
            <Button onClick={() => setFaqOpen(true)}>发布到常见问题</Button>
          )}
        </div>
      )}
      {faqOpen && <FaqModal c={c} onClose={() => setFaqOpen(false)} onDone={() => done('已发布到帮助中心')} />}
    </>
  );
}

function FaqModal({ c, onClose, onDone }: { c: AdminConsultation; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ category: string; question: string; answer: string }>();
  const lastAnswer = [...c.messages].reverse().find((m) => m.kind === 'answer')?.text ?? '';
  const publish = useMutation({
    mutationFn: (v: { category: string; question: string; answer: string }) => call(consultationsApi.publishFaq, { params: { id: c.id }, body: faqInput.parse(v) }),
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  return (
    <Modal open title="发布到帮助中心的常见问题" okText="发布" confirmLoading={publish.isPending} onOk={() => form.submit()} onCancel={onClose} width={640}>
      <Typography.Paragraph type="secondary">请把问题和答复改写成对所有人适用的说法，删去姓名、单位、证件号等个人信息。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ category: c.category, question: c.title, answer: lastAnswer }} onFinish={(v) => publish.mutate(v)}>
        <Form.Item name="category" label="类别">
          <Select options={CONSULTATION_CATEGORIES.map((x) => ({ value: x.code, label: x.label }))} />
        </Form.Item>
        <Form.Item name="question" label="问题" rules={[zodRule(faqInput.shape.question)]}>
          <Input />
        </Form.Item>
        <Form.Item name="answer" label="解答" rules={[zodRule(faqInput.shape.answer)]}>
          <Input.TextArea rows={6} />
        </Form.Item>
      </Form>
      {publish.isError && <Alert type="error" showIcon title={errorMessage(publish.error)} />}
    </Modal>
  );
}

function OwnFaq() {
  const list = usePagedList(consultationsApi.adminFaq, {});
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: (id: number) => call(consultationsApi.withdrawFaq, { params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'faq'] }),
  });
  return (
    <PagedTable
      list={list}
      unit="条常见问题"
      emptyText="还没有发布常见问题（在咨询详情中可把答复发布到常见问题）"
      columns={[
        { title: '问题', dataIndex: 'question' },
        { title: '类别', width: 150, dataIndex: 'categoryLabel' },
        { title: '发布时间', width: 150, render: (_, f) => formatDateTime(f.publishedAt) },
        {
          title: '操作',
          width: 110,
          render: (_, f) =>
            f.withdrawn ? (
              <Tag>已撤下</Tag>
            ) : (
              <Popconfirm title="撤下后帮助中心将不再显示，确定？" onConfirm={() => withdraw.mutate(f.id)}>
                <a>撤下</a>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}
