import { useEffect } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { checkPlannedTrainings, trainingPlansApi, type PlannedTraining, type TrainingPlanDetail } from '@ce/shared';
import { call, errorMessage } from '../../../api/client';
import { yearNow } from '../../../lib/format';

interface Row {
  key?: string;
  title: string;
  organiser: string;
  dates: [Dayjs, Dayjs] | null;
  place: string;
  hours: number | null;
  expectedAttendees: number | null;
}
interface Values {
  year: number;
  trainings: Row[];
}

const toRow = (t: PlannedTraining): Row => ({ key: t.key, title: t.title, organiser: t.organiser, dates: [dayjs(t.startDate), dayjs(t.endDate)], place: t.place, hours: t.hours, expectedAttendees: t.expectedAttendees });
const emptyRow = (): Row => ({ title: '', organiser: '', dates: null, place: '', hours: null, expectedAttendees: null });

function toTrainings(rows: Row[]): PlannedTraining[] {
  return rows.map((r, i) => ({
    key: r.key ?? `new-${i}`,
    title: (r.title ?? '').trim(),
    organiser: (r.organiser ?? '').trim(),
    startDate: r.dates?.[0]?.format('YYYY-MM-DD') ?? '',
    endDate: r.dates?.[1]?.format('YYYY-MM-DD') ?? '',
    place: (r.place ?? '').trim(),
    hours: r.hours ?? 0,
    subject: 'professional',
    expectedAttendees: r.expectedAttendees ?? 0,
  }));
}

/**
 * 填报 / 修改 / 变更 a plan: the year and a list of trainings. The rules are shared's
 * `checkPlannedTrainings` (the server applies the same ones).
 */
export function PlanEditorModal({ open, plan, onClose, onSaved }: { open: boolean; plan: TrainingPlanDetail | null; onClose: () => void; onSaved: (p: TrainingPlanDetail) => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(plan ? { year: plan.year, trainings: plan.trainings.map(toRow) } : { year: yearNow(), trainings: [emptyRow()] });
  }, [open, plan, form]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const trainings = toTrainings(v.trainings).map(({ key, ...t }) => (key.startsWith('new-') ? t : { ...t, key }));
      return plan
        ? call(trainingPlansApi.resubmit, { params: { id: plan.id }, body: { version: plan.version, trainings } })
        : call(trainingPlansApi.create, { body: { year: v.year, trainings } });
    },
    onSuccess: (p) => {
      void message.success(plan ? (plan.inForce ? '计划变更已提交，等待逐级审核；变更通过前原计划仍有效' : '已重新提交审核') : '培训计划已提交审核');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'training-plans'] });
      onSaved(p);
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const submit = (v: Values) => {
    const attended = new Set(plan?.attendedKeys ?? []);
    const problem = checkPlannedTrainings(v.year, toTrainings(v.trainings), attended);
    if (problem) {
      void message.error(problem);
      return;
    }
    save.mutate(v);
  };

  const year = Form.useWatch('year', form);
  const title = plan ? (plan.inForce ? `变更${plan.year}年度培训计划` : `修改并重新提交${plan.year}年度培训计划`) : '填报年度培训计划';
  return (
    <Modal open={open} title={title} width={1240} okText="提交审核" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        单位培训计划由主管部门、同级人社部门逐级审核（无主管部门的单位、主管部门的计划由同级人社部门审核）。审核通过后，可按计划中的培训为参训人员申报学时（用人单位组织的培训计入第七条第十四项，主管部门组织的计入第十三项，均为专业科目）。
        {plan?.inForce ? ' 已通过的计划变更后需重新审核，变更通过前原计划仍有效；已申报参训学时的培训不能删除。' : ''}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="year" label="计划年度" rules={[{ required: true, message: '请填写计划年度' }]} style={{ width: 160 }}>
          <InputNumber min={2000} max={2100} disabled={!!plan} style={{ width: '100%' }} />
        </Form.Item>
        <Form.List name="trainings">
          {(fields, { add, remove }) => (
            <>
              <Table<(typeof fields)[number]>
                dataSource={fields}
                rowKey="key"
                size="small"
                pagination={false}
                scroll={{ y: 380 }}
                columns={[
                  { title: '序号', width: 56, render: (_, __, i) => i + 1 },
                  { title: '培训名称', render: (_, f) => <Form.Item name={[f.name, 'title']} noStyle rules={[{ required: true, message: '请填写培训名称' }]}><Input maxLength={200} placeholder="培训名称" /></Form.Item> },
                  { title: '主办单位', width: 160, render: (_, f) => <Form.Item name={[f.name, 'organiser']} noStyle><Input maxLength={100} placeholder="主办单位" /></Form.Item> },
                  {
                    title: '培训日期',
                    width: 250,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'dates']} noStyle>
                        <DatePicker.RangePicker style={{ width: '100%' }} disabledDate={(d) => !!year && d.year() !== year} defaultPickerValue={year ? [dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)] : undefined} />
                      </Form.Item>
                    ),
                  },
                  { title: '培训地点', width: 150, render: (_, f) => <Form.Item name={[f.name, 'place']} noStyle><Input maxLength={200} placeholder="培训地点" /></Form.Item> },
                  { title: '计划学时', width: 100, render: (_, f) => <Form.Item name={[f.name, 'hours']} noStyle><InputNumber min={0.5} max={1000} step={0.5} precision={1} style={{ width: '100%' }} /></Form.Item> },
                  { title: '计入科目', width: 84, render: () => '专业科目' },
                  { title: '预计人数', width: 96, render: (_, f) => <Form.Item name={[f.name, 'expectedAttendees']} noStyle><InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} /></Form.Item> },
                  {
                    title: '',
                    width: 48,
                    render: (_, f) => {
                      const key = form.getFieldValue(['trainings', f.name, 'key']) as string | undefined;
                      const attended = !!key && (plan?.attendedKeys ?? []).includes(key);
                      return <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除该项培训" disabled={fields.length <= 1 || attended} title={attended ? '已申报参训学时，不能删除' : '删除'} onClick={() => remove(f.name)} />;
                    },
                  },
                ]}
              />
              <Space style={{ marginTop: 8 }}>
                <Button icon={<PlusOutlined />} onClick={() => add(emptyRow())}>
                  添加一项培训
                </Button>
                <span className="muted">共 {fields.length} 项</span>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
