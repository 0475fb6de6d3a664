import { useEffect } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { baseClassesApi, LEARNING_FORMS, SUBJECT_LABELS, type BaseClassDetail, type BaseClassInput } from '@ce/shared';
import { call, errorMessage } from '../../../api/client';
import { titleSeriesOptions } from '../../../lib/professionals';

interface Values {
  title: string;
  subject: BaseClassInput['subject'];
  form: BaseClassInput['form'];
  series: BaseClassInput['series'] | undefined;
  dates: [Dayjs, Dayjs] | null;
  hours: number | null;
  online: boolean;
  place: string;
}

const FORM_OPTIONS = LEARNING_FORMS.filter((f) => f.code === 'base_training' || f.code === 'training').map((f) => ({ value: f.code, label: f.label }));

const toValues = (c: BaseClassDetail): Values => ({
  title: c.title,
  subject: c.subject,
  form: c.form,
  series: c.series ?? undefined,
  dates: [dayjs(c.startDate), dayjs(c.endDate)],
  hours: c.hours,
  online: c.online,
  place: c.place,
});

/** 新建 / 修改培训班次: what every record of the class will carry. */
export function BaseClassEditorModal({ open, editing, onClose, onSaved }: { open: boolean; editing: BaseClassDetail | null; onClose: () => void; onSaved: (c: BaseClassDetail) => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const subject = Form.useWatch('subject', form);
  const online = Form.useWatch('online', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(editing ? toValues(editing) : { subject: 'public', form: 'base_training', online: false, series: undefined, place: '' });
  }, [open, editing, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: BaseClassInput = {
        title: v.title.trim(),
        subject: v.subject,
        form: v.form,
        series: v.series ?? null,
        startDate: v.dates?.[0]?.format('YYYY-MM-DD') ?? '',
        endDate: v.dates?.[1]?.format('YYYY-MM-DD') ?? '',
        hours: v.hours ?? 0,
        online: v.online,
        place: (v.place ?? '').trim(),
      };
      return editing ? call(baseClassesApi.update, { params: { id: editing.id }, body: { ...body, version: editing.version } }) : call(baseClassesApi.create, { body });
    },
    onSuccess: (c) => {
      void message.success(editing ? '班次已修改' : '班次已创建，请上传证明材料后申报学员');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'base-classes'] });
      onSaved(c);
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  return (
    <Modal
      open={open}
      title={editing ? '修改培训班次' : '新建培训班次'}
      okText="保存"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      width={640}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" name="base-class">
        <Form.Item name="title" label="班次名称" rules={[{ required: true, whitespace: true, message: '请填写班次名称' }, { max: 200 }]}>
          <Input placeholder="如：2026年度专业技术人员公需科目培训班（第一期）" />
        </Form.Item>
        <Form.Item name="subject" label="计入科目" rules={[{ required: true }]}>
          <Radio.Group options={(['public', 'professional'] as const).map((s) => ({ value: s, label: SUBJECT_LABELS[s] }))} />
        </Form.Item>
        <Form.Item name="form" label="学习形式" rules={[{ required: true }]}>
          <Select options={FORM_OPTIONS} />
        </Form.Item>
        <Form.Item
          name="series"
          label="适用职称系列"
          extra={subject === 'public' ? '公需科目班次可不限职称系列' : '专业科目班次须选择适用的职称系列'}
          rules={[{ required: subject === 'professional', message: '专业科目班次请选择适用的职称系列' }]}
        >
          <Select allowClear showSearch placeholder={subject === 'public' ? '不限' : '请选择'} options={titleSeriesOptions} />
        </Form.Item>
        <Form.Item name="dates" label="培训日期" rules={[{ required: true, message: '请选择培训起止日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
          <InputNumber min={0.1} max={1000} step={1} precision={1} style={{ width: 160 }} addonAfter="学时" />
        </Form.Item>
        <Form.Item name="online" label="培训方式">
          <Radio.Group
            options={[
              { value: false, label: '线下' },
              { value: true, label: '线上' },
            ]}
          />
        </Form.Item>
        <Form.Item name="place" label={online ? '线上平台（可选）' : '培训地点'} rules={[{ required: !online, whitespace: true, message: '请填写培训地点' }, { max: 200 }]}>
          <Input placeholder={online ? '如：基地在线学习平台' : '如：郑州大学继续教育学院报告厅'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
