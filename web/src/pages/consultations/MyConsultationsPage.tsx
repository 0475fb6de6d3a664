import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Result, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { consultationsApi } from '@ce/shared';
import { call, errorMessage, href } from '../../api/client';
import { useEndpoint, usePagedList } from '../../api/queries';
import { ProfessionalLayout } from '../../components/ProfessionalLayout';
import { formatDateTime } from '../../lib/format';
import { QuestionFields, questionForm, StatusTag, ThreadView, type QuestionValues } from './ConsultationParts';

const ME_KEY = ['me', 'consultations'];

/** 在线咨询 for a professional: ask the unit's admins, and the list of one's questions. */
export function MyConsultationsPage() {
  const list = usePagedList(consultationsApi.mine, {}, { limit: 20 });
  const [form] = Form.useForm<QuestionValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const ask = useMutation({
    mutationFn: (values: QuestionValues) => call(consultationsApi.ask, { form: questionForm(values) }),
    onSuccess: (thread) => {
      void message.success(`已提交，由${thread.handlerName}答复`);
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      form.resetFields();
      void navigate(`/me/consultations/${thread.id}`);
    },
  });
  return (
    <ProfessionalLayout>
      <Typography.Title level={4}>在线咨询</Typography.Title>
      <Card title="我要提问" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">
          问题首先由您所在单位的管理员答复；单位无法答复的，会转交主管部门或人社部门。提问前可以先在<Link to="/help">帮助中心</Link>搜索。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => ask.mutate(v)} disabled={ask.isPending}>
          <QuestionFields />
          {ask.isError && <Alert type="error" showIcon title={errorMessage(ask.error)} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" loading={ask.isPending}>
            提交问题
          </Button>
        </Form>
      </Card>
      <Card title="我的咨询">
        <List
          loading={list.isPending}
          dataSource={list.rows}
          locale={{ emptyText: '还没有提过问题' }}
          renderItem={(c) => (
            <List.Item extra={<StatusTag status={c.status} label={c.statusLabel} />}>
              <List.Item.Meta
                title={<Link to={`/me/consultations/${c.id}`}>{c.title}</Link>}
                description={`${c.categoryLabel} · 办理机构：${c.handlerName} · 最近更新 ${formatDateTime(c.lastActivityAt)}`}
              />
            </List.Item>
          )}
        />
        {list.hasNextPage && <Button onClick={() => void list.fetchNextPage()}>加载更多</Button>}
      </Card>
    </ProfessionalLayout>
  );
}

/** One question: the thread, a follow-up box, and closing it once solved. */
export function MyConsultationPage() {
  const id = Number(useParams().id);
  const thread = useEndpoint(consultationsApi.myThread, { params: { id } }, { retry: false });
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ME_KEY });
  const follow = useMutation({ mutationFn: () => call(consultationsApi.followUp, { params: { id }, body: { text } }), onSuccess: () => (setText(''), refresh()) });
  const close = useMutation({ mutationFn: () => call(consultationsApi.closeMine, { params: { id } }), onSuccess: refresh });
  if (thread.isPending)
    return (
      <ProfessionalLayout>
        <Skeleton active />
      </ProfessionalLayout>
    );
  if (thread.isError)
    return (
      <ProfessionalLayout>
        <Result status="404" title="咨询不存在" subTitle={errorMessage(thread.error)} />
      </ProfessionalLayout>
    );
  const t = thread.data;
  return (
    <ProfessionalLayout>
      <div style={{ marginBottom: 12 }}>
        <Link to="/me/consultations">在线咨询</Link> / {t.title}
      </div>
      <Card
        title={
          <Space wrap>
            {t.title}
            <StatusTag status={t.status} label={t.statusLabel} />
          </Space>
        }
        extra={<span className="muted">办理机构：{t.handlerName}</span>}
      >
        <ThreadView thread={t} attachmentHref={href(consultationsApi.myAttachment, { params: { id } })} />
        {t.status !== 'closed' && (
          <div style={{ marginTop: 16 }}>
            <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="还有疑问？在这里追问" maxLength={2000} />
            {(follow.isError || close.isError) && <Alert type="error" showIcon title={errorMessage(follow.error ?? close.error)} style={{ marginTop: 8 }} />}
            <Space style={{ marginTop: 8 }} wrap>
              <Button type="primary" disabled={!text.trim()} loading={follow.isPending} onClick={() => follow.mutate()}>
                追问
              </Button>
              <Button loading={close.isPending} onClick={() => close.mutate()}>
                问题已解决，关闭咨询
              </Button>
            </Space>
          </div>
        )}
      </Card>
    </ProfessionalLayout>
  );
}
