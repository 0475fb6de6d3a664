import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Grid, Input, List, Popconfirm, Select, Space, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NOTICE_LIMITS, NOTICE_STATUS_LABELS, NOTICE_STATUSES, noticeInput, noticesApi, type AdminNotice, type NoticeStatus } from '@ce/shared';
import { call, errorMessage, href } from '../../api/client';
import { useEndpoint, usePagedList } from '../../api/queries';
import { PagedTable } from '../../components/PagedTable';
import { RichTextEditor } from '../../components/RichTextEditor';
import { formatDateTime } from '../../lib/format';
import { zodRule } from '../../lib/zodRule';
import '../portal/portal.css';

const STATUS_COLOURS: Record<NoticeStatus, string> = { draft: 'default', published: 'green', withdrawn: 'orange' };

/** 通知公告 of the admin's own organisation: drafts, publishing, withdrawing, pinning. */
export function NoticesAdminPage() {
  const [status, setStatus] = useState<NoticeStatus>();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const list = usePagedList(noticesApi.adminList, { query: { status } });
  return (
    <>
      <Typography.Title level={4}>通知公告</Typography.Title>
      <Typography.Paragraph type="secondary">
        人社部门发布的通知显示在门户（省人社厅的通知显示在首页，市、县的通知在访客选择该市时显示），并显示在本地区单位和人员登录后的首页；主管部门发布的通知只有所属单位及其人员登录后可见。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={NOTICE_STATUSES.map((s) => ({ value: s, label: NOTICE_STATUS_LABELS[s] }))}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新建通知
        </Button>
      </Space>
      <PagedTable
        list={list}
        unit="条通知"
        emptyText="还没有通知"
        columns={[
          {
            title: '标题',
            render: (_, n) => (
              <a onClick={() => setEditing(n.id)}>
                {n.pinned && <Tag color="red">置顶</Tag>}
                {n.title}
              </a>
            ),
          },
          { title: '状态', width: 100, render: (_, n) => <Tag color={STATUS_COLOURS[n.status]}>{n.statusLabel}</Tag> },
          { title: '附件', width: 70, dataIndex: 'attachmentCount' },
          { title: '发布时间', width: 160, render: (_, n) => formatDateTime(n.publishedAt) },
          { title: '最近修改', width: 200, render: (_, n) => `${formatDateTime(n.updatedAt)} ${n.authorName}` },
        ]}
      />
      {editing !== null && <NoticeEditor id={editing} onClose={() => setEditing(null)} onCreated={(id) => setEditing(id)} />}
    </>
  );
}

function NoticeEditor({ id, onClose, onCreated }: { id: number | 'new'; onClose: () => void; onCreated: (id: number) => void }) {
  const screens = Grid.useBreakpoint();
  const detail = useEndpoint(noticesApi.adminDetail, { params: { id: id === 'new' ? 0 : id } }, { enabled: id !== 'new' });
  const n = id === 'new' ? undefined : detail.data;
  return (
    <Drawer open onClose={onClose} title={id === 'new' ? '新建通知' : '编辑通知'} size={screens.md ? 820 : '100%'} destroyOnHidden>
      {id !== 'new' && !n ? (
        detail.isError ? <Alert type="error" showIcon title={errorMessage(detail.error)} /> : null
      ) : (
        <EditorBody key={`${n?.id ?? 'new'}-${n?.version ?? 0}`} notice={n} onCreated={onCreated} />
      )}
    </Drawer>
  );
}

function EditorBody({ notice, onCreated }: { notice?: AdminNotice; onCreated: (id: number) => void }) {
  const [form] = Form.useForm<{ title: string; bodyHtml: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['admin', 'notices'] });
  const editable = !notice || notice.status !== 'published';
  const save = useMutation({
    mutationFn: (v: { title: string; bodyHtml: string }) =>
      notice ? call(noticesApi.update, { params: { id: notice.id }, body: { ...v, version: notice.version } }) : call(noticesApi.create, { body: v }),
    onSuccess: (saved) => {
      void message.success('已保存为草稿');
      refresh();
      if (!notice) onCreated(saved.id);
    },
  });
  const act = useMutation({
    mutationFn: async (a: { kind: 'publish' | 'withdraw' } | { kind: 'pin'; pinned: boolean }) => {
      const params = { id: notice!.id };
      let version = notice!.version;
      if (a.kind === 'pin') return call(noticesApi.pin, { params, body: { version, pinned: a.pinned } });
      // Publishing what is on the screen: unsaved edits are saved first.
      if (a.kind === 'publish' && form.isFieldsTouched()) {
        const values = await form.validateFields();
        version = (await call(noticesApi.update, { params, body: { ...values, version } })).version;
      }
      return call(a.kind === 'publish' ? noticesApi.publish : noticesApi.withdraw, { params, body: { version } });
    },
    onSuccess: (n) => {
      void message.success(n.status === 'published' ? '通知已发布' : '已更新');
      refresh();
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const fd = new FormData();
      fd.append('file', file, file.name);
      return call(noticesApi.addAttachment, { params: { id: notice!.id }, form: fd });
    },
    onSuccess: refresh,
  });
  const removeFile = useMutation({
    mutationFn: (fileId: number) => call(noticesApi.removeAttachment, { params: { id: notice!.id, fileId } }),
    onSuccess: refresh,
  });
  const error = save.error ?? act.error ?? upload.error ?? removeFile.error;
  return (
    <>
      {notice && (
        <Space style={{ marginBottom: 12 }} wrap>
          <Tag color={STATUS_COLOURS[notice.status]}>{notice.statusLabel}</Tag>
          {notice.publishedAt && <span className="muted">发布于 {formatDateTime(notice.publishedAt)}</span>}
        </Space>
      )}
      {notice?.status === 'published' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已发布的通知不能直接修改；需要修改时请先撤回，改好后重新发布。" />}
      <Form form={form} layout="vertical" initialValues={{ title: notice?.title ?? '', bodyHtml: notice?.bodyHtml ?? '' }} onFinish={(v) => save.mutate(v)} disabled={!editable}>
        <Form.Item name="title" label="标题" rules={[zodRule(noticeInput.shape.title)]}>
          <Input maxLength={NOTICE_LIMITS.titleMax} showCount />
        </Form.Item>
        <Form.Item name="bodyHtml" label="正文" rules={[{ required: true, message: '请填写通知正文' }]}>
          <RichTextEditor readOnly={!editable} />
        </Form.Item>
        {editable && (
          <Button htmlType="submit" loading={save.isPending}>
            保存草稿
          </Button>
        )}
      </Form>
      <div style={{ marginTop: 20 }}>
        <Typography.Title level={5}>附件</Typography.Title>
        {!notice ? (
          <Typography.Text type="secondary">保存草稿后可上传附件（PDF、JPG、PNG，每个不超过20MB）。</Typography.Text>
        ) : (
          <>
            <List
              size="small"
              dataSource={notice.attachments}
              locale={{ emptyText: '没有附件' }}
              renderItem={(a) => (
                <List.Item
                  actions={
                    editable
                      ? [
                          <a key="del" onClick={() => removeFile.mutate(a.fileId)}>
                            删除
                          </a>,
                        ]
                      : []
                  }
                >
                  <a href={href(noticesApi.attachment, { params: { id: notice.id, fileId: a.fileId } })} target="_blank" rel="noreferrer">
                    <PaperClipOutlined /> {a.name}
                  </a>
                </List.Item>
              )}
            />
            {editable && (
              <Upload
                showUploadList={false}
                accept=".pdf,.jpg,.jpeg,.png"
                beforeUpload={(file) => {
                  upload.mutate(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={upload.isPending} style={{ marginTop: 8 }}>
                  上传附件
                </Button>
              </Upload>
            )}
          </>
        )}
      </div>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginTop: 12 }} />}
      {notice && (
        <Space style={{ marginTop: 24 }} wrap>
          {notice.status !== 'published' && (
            <Popconfirm title="发布后本机构所辖范围内的用户即可看到，确定发布？" onConfirm={() => act.mutate({ kind: 'publish' })}>
              <Button type="primary" loading={act.isPending}>
                发布
              </Button>
            </Popconfirm>
          )}
          {notice.status === 'published' && (
            <Popconfirm title="撤回后门户和首页将不再显示该通知，确定撤回？" onConfirm={() => act.mutate({ kind: 'withdraw' })}>
              <Button danger loading={act.isPending}>
                撤回
              </Button>
            </Popconfirm>
          )}
          <Button loading={act.isPending} onClick={() => act.mutate({ kind: 'pin', pinned: !notice.pinned })}>
            {notice.pinned ? '取消置顶' : '置顶'}
          </Button>
        </Space>
      )}
    </>
  );
}
