import { useEffect } from 'react';
import { App, Button, Card, Form, InputNumber, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ANOMALY_LIMITS, learningPlatformsApi as api } from '@ce/shared';
import { call, errorMessage } from '../../../api/client';
import { useEndpoint } from '../../../api/queries';
import { formatDateTime } from '../../../lib/format';

interface Values {
  maxHoursPerDay: number;
  minMinutesPerHour: number;
  courseLengthMinSamples: number;
}

/** 学时异常检查 (issue 11 item 3): the province's thresholds; records beyond them are held for review. */
export function AnomalySettingsCard() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const settings = useEndpoint(api.anomalySettings, {});
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (body: Values) => call(api.setAnomalySettings, { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['admin', 'anomaly-settings'] });
      void message.success('学时异常检查阈值已保存');
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card title="学时异常检查" style={{ marginTop: 16 }} loading={settings.isLoading}>
      <Typography.Paragraph type="secondary">
        学习平台报送的记录超出下列阈值时暂存不计，由人社部门在“平台学时暂存审核”中核实。
        {settings.data?.updatedAt ? `（最近修改：${formatDateTime(settings.data.updatedAt)}）` : '（当前为默认值）'}
      </Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="maxHoursPerDay" label="每人每日学时上限" rules={[{ required: true }]}>
          <InputNumber min={ANOMALY_LIMITS.maxHoursPerDay.min} max={ANOMALY_LIMITS.maxHoursPerDay.max} step={0.5} addonAfter="学时" />
        </Form.Item>
        <Form.Item name="minMinutesPerHour" label="每学时最少学习" rules={[{ required: true }]}>
          <InputNumber min={ANOMALY_LIMITS.minMinutesPerHour.min} max={ANOMALY_LIMITS.minMinutesPerHour.max} precision={0} addonAfter="分钟" />
        </Form.Item>
        <Form.Item name="courseLengthMinSamples" label="确定课程时长所需记录数" rules={[{ required: true }]}>
          <InputNumber min={ANOMALY_LIMITS.courseLengthMinSamples.min} max={ANOMALY_LIMITS.courseLengthMinSamples.max} precision={0} addonAfter="条" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
