import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Space, Tabs, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { consultationsApi, visitorQuestion } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import { useEndpoint } from '../../api/queries';
import { CaptchaInput } from '../../components/CaptchaInput';
import { LinkButton } from '../../components/LinkButton';
import { OrgPicker } from '../../components/OrgPicker';
import { PortalLayout } from '../../components/PortalLayout';
import { zodRule } from '../../lib/zodRule';
import { QuestionFields, questionForm, StatusTag, ThreadView, type QuestionValues } from '../consultations/ConsultationParts';
import './portal.css';

interface VisitorValues extends QuestionValues {
  name: string;
  contact: string;
  orgId: number;
  captcha: string;
}

/** 在线咨询 for visitors: ask an organisation with a captcha, then read the answer by lookup code. */
export function ConsultPage() {
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ?? '';
  const [tab, setTab] = useState(code ? 'lookup' : 'ask');
  return (
    <PortalLayout>
      <Typography.Title level={3} className="section-title">
        在线咨询
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="专业技术人员请登录后在个人中心提问，问题会直接送到您所在单位的管理员。"
        action={<LinkButton size="small" to="/login?role=professional">登录</LinkButton>}
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'ask',
            label: '我要提问',
            children: (
              <AskForm
                onAsked={(c) => {
                  setParams({ code: c });
                  setTab('lookup');
                }}
              />
            ),
          },
          { key: 'lookup', label: '查询答复', children: <Lookup code={code} onCode={(c) => setParams(c ? { code: c } : {})} /> },
        ]}
      />
    </PortalLayout>
  );
}

function AskForm({ onAsked }: { onAsked: (code: string) => void }) {
  const [form] = Form.useForm<VisitorValues>();
  const [captchaKey, setCaptchaKey] = useState(0);
  const shape = visitorQuestion.shape;
  const ask = useMutation({
    mutationFn: (v: VisitorValues) => call(consultationsApi.visitorAsk, { form: questionForm({ ...v }) }),
    onSuccess: (res) => onAsked(res.code),
    onError: () => {
      setCaptchaKey((k) => k + 1);
      form.setFieldValue('captcha', '');
    },
  });
  return (
    <Card>
      <Form form={form} layout="vertical" style={{ maxWidth: 640 }} onFinish={(v) => ask.mutate(v)} disabled={ask.isPending}>
        <Form.Item name="orgId" label="咨询的机构" rules={[{ required: true, message: '请选择咨询的机构' }]} extra="选择您所在（或要咨询）的单位、主管部门或人社部门">
          <OrgPicker kinds={['unit', 'department', 'hrss']} />
        </Form.Item>
        <QuestionFields />
        <Form.Item name="name" label="您的姓名" rules={[zodRule(shape.name)]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="contact" label="手机号或电子邮箱" rules={[zodRule(shape.contact)]} extra="仅供答复您时联系，不会公开">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="captcha" label="验证码" rules={[{ required: true, message: '请输入验证码' }]}>
          <CaptchaInput refreshKey={captchaKey} />
        </Form.Item>
        {ask.isError && <Alert type="error" showIcon title={errorMessage(ask.error)} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={ask.isPending}>
          提交问题
        </Button>
      </Form>
    </Card>
  );
}

function Lookup({ code, onCode }: { code: string; onCode: (code: string) => void }) {
  const valid = /^[A-Za-z0-9]{12}$/.test(code);
  const thread = useEndpoint(consultationsApi.visitorThread, { params: { code } }, { enabled: valid, retry: false });
  return (
    <Card>
      <Space.Compact style={{ maxWidth: 420, width: '100%', marginBottom: 16 }}>
        <Input.Search placeholder="输入12位查询码" defaultValue={code} enterButton="查询" onSearch={(v) => onCode(v.trim())} />
      </Space.Compact>
      {valid && thread.data && (
        <>
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              <>
                查询码：<strong data-testid="lookup-code">{code}</strong>（请记下，凭此码查看答复）
              </>
            }
          />
          <Typography.Title level={5}>
            {thread.data.title} <StatusTag status={thread.data.status} label={thread.data.statusLabel} />
          </Typography.Title>
          <Typography.Paragraph type="secondary">办理机构：{thread.data.handlerName}</Typography.Paragraph>
          <ThreadView thread={thread.data} />
        </>
      )}
      {valid && thread.isError && <Result status="404" title={errorMessage(thread.error)} />}
      {code && !valid && <Alert type="warning" showIcon title="查询码为12位字母和数字" />}
    </Card>
  );
}
