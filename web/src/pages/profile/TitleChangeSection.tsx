import { Alert, Button, Descriptions, Form, Grid, Radio, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { myProfessionalApi, type TitleLevel, type TitleSeries } from '@ce/shared';
import { call } from '../../api/client';
import type { ProfessionalProfile } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { titleLevelOptions, titleSeriesOptions, titleText } from '../../lib/professionals';
import { PendingChange } from './PendingChange';
import { useRefreshMine } from './queries';

interface TitleForm {
  titleSeries: TitleSeries;
  titleLevel: TitleLevel;
}

/** 专业技术职务: a change is a request the unit approves; only then it applies. */
export function TitleChangeSection({ profile: p }: { profile: ProfessionalProfile }) {
  const screens = Grid.useBreakpoint();
  const refresh = useRefreshMine();
  const [form] = Form.useForm<TitleForm>();
  const submit = useMutation({
    mutationFn: (v: TitleForm) => call(myProfessionalApi.titleChange, { body: v }),
    onSuccess: () => void refresh(),
  });
  const pending = p.pendingChanges.includes('title');

  return (
    <>
      <Descriptions
        column={1}
        size="small"
        items={[{ key: 'now', label: '当前专业技术职务', children: titleText(p.titleSeries, p.titleLevel) }]}
      />
      {pending ? (
        <PendingChange kind="title" submitted={submit.data?.message} />
      ) : p.liveTransferId !== null ? (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title="单位调转办理中，暂不能提交变更申请" />
      ) : (
        <Form<TitleForm>
          form={form}
          name="title"
          layout={screens.md ? 'horizontal' : 'vertical'}
          labelCol={screens.md ? { flex: '110px' } : undefined}
          initialValues={{ titleSeries: p.titleSeries, titleLevel: p.titleLevel }}
          onFinish={(v) => submit.mutate(v)}
          style={{ marginTop: 12 }}
        >
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="修改专业技术职务保存后，须经所在单位管理员审核通过才会生效。请按职称证书上的职称系列和级别填写。"
          />
          <Form.Item
            name="titleSeries"
            label="职称系列"
            rules={[{ required: true, message: '请选择职称系列' }]}
          >
            <Select options={titleSeriesOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item
            name="titleLevel"
            label="职称级别"
            rules={[{ required: true, message: '请选择职称级别' }]}
          >
            <Radio.Group options={titleLevelOptions} />
          </Form.Item>
          <ErrorAlert error={submit.error} />
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            保存并提交审核
          </Button>
        </Form>
      )}
    </>
  );
}
