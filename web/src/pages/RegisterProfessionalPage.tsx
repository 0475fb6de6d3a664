import { useRef } from 'react';
import { Alert, Card, DatePicker, Form, Grid, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import {
  checkIdAgainst,
  professionalRegistrationsApi,
  validateIdNumber,
  type Ethnicity,
  type TitleLevel,
  type TitleSeries,
} from '@ce/shared';
import { call } from '../api/client';
import { CaptchaInput } from '../components/CaptchaInput';
import { OrgPicker } from '../components/OrgPicker';
import { PortalLayout } from '../components/PortalLayout';
import {
  AccountFields,
  RegistrationActions,
  RegistrationDone,
  useRegistrationAccount,
} from '../components/RegistrationParts';
import { useWorkDepartments, WorkDepartmentSelect } from '../components/WorkDepartmentSelect';
import { today } from '../lib/format';
import {
  ethnicityOptions,
  genderOptions,
  majorOptions,
  titleLevelOptions,
  titleSeriesOptions,
} from '../lib/professionals';

type Gender = 'male' | 'female';

interface RegisterForm {
  idNumber: string;
  existingUser: boolean;
  password: string;
  confirm?: string;
  phone: string;
  email: string;
  unitId?: number;
  workDepartmentId?: number;
  name: string;
  gender?: Gender;
  birthDate?: Dayjs | null;
  ethnicity?: Ethnicity;
  nativePlace?: string;
  graduatedSchool?: string;
  major?: string;
  titleSeries?: TitleSeries;
  titleLevel?: TitleLevel;
  captcha?: string;
}

const DATE = 'YYYY-MM-DD';
const dateText = (d: Dayjs | null | undefined) => (d ? d.format(DATE) : undefined);

/** The ID number's birth date and gender when it is valid, else null. */
function fromId(idNumber: string | undefined) {
  if (!idNumber) return null;
  const check = validateIdNumber(idNumber, today());
  return check.ok ? check : null;
}

/** 专业技术人员注册: account details, then the person, their unit and 专业技术职务. */
export function RegisterProfessionalPage() {
  const [form] = Form.useForm<RegisterForm>();
  const account = useRegistrationAccount(form);
  // The gender / birth date last filled in from the ID number: replaced when the ID number changes,
  // unless the person typed something else since (then it is checked, not overwritten).
  const prefilled = useRef<{ gender?: Gender; birthDate?: string }>({});
  const screens = Grid.useBreakpoint();
  const wide = !!screens.md;
  const existingUser = Form.useWatch('existingUser', form) ?? false;
  const unitId = Form.useWatch('unitId', form);
  const wds = useWorkDepartments(unitId);
  const unitHasWorkDepartments = (wds.data?.items.length ?? 0) > 0;

  const submit = useMutation({
    mutationFn: (v: RegisterForm) => {
      return call(professionalRegistrationsApi.register, {
        body: {
          idNumber: v.idNumber.trim().toUpperCase(),
          password: v.password,
          phone: v.phone.trim(),
          email: v.email.trim(),
          unitId: v.unitId ?? 0,
          workDepartmentId: unitHasWorkDepartments ? (v.workDepartmentId ?? null) : null,
          name: v.name.trim(),
          gender: v.gender ?? 'male',
          birthDate: v.birthDate ? v.birthDate.format(DATE) : '',
          ethnicity: v.ethnicity ?? null,
          nativePlace: v.nativePlace?.trim() || null,
          graduatedSchool: v.graduatedSchool?.trim() || null,
          major: v.major ?? '',
          // Required by the form; a missing one gets the server's own message.
          titleSeries: v.titleSeries!,
          titleLevel: v.titleLevel ?? 'junior',
          captcha: v.captcha?.trim() ?? '',
        },
      });
    },
    onError: account.onSubmitError,
  });

  const onValuesChange = (changed: Partial<RegisterForm>) => {
    if ('password' in changed) account.clearHint();
    if ('unitId' in changed) form.setFieldValue('workDepartmentId', undefined);
    if ('idNumber' in changed) {
      const id = fromId(changed.idNumber);
      if (!id) return;
      const { gender, birthDate } = form.getFieldsValue(['gender', 'birthDate']) as RegisterForm;
      const next: Partial<RegisterForm> = {};
      if (!gender || gender === prefilled.current.gender) next.gender = id.gender;
      if (!birthDate || dateText(birthDate) === prefilled.current.birthDate)
        next.birthDate = dayjs(id.birthDate);
      prefilled.current = {
        gender: next.gender ?? prefilled.current.gender,
        birthDate: next.birthDate ? id.birthDate : prefilled.current.birthDate,
      };
      form.setFieldsValue(next);
      // Checked against the new ID number at once: what was kept may now disagree with it.
      const filled = (['gender', 'birthDate'] as const).filter((f) => form.getFieldValue(f));
      if (filled.length) void form.validateFields(filled).catch(() => undefined);
    }
  };

  if (submit.isSuccess) {
    return (
      <RegistrationDone title={submit.data.message}>
        <div>所在单位：{submit.data.approverName}（由该单位管理员人工审核）</div>
        <div>审核通过后，即可使用身份证号和密码，选择“专业技术人员”角色登录。</div>
      </RegistrationDone>
    );
  }

  /** Birth date and gender must agree with a valid ID number (the server checks again). */
  const agreesWithId = (field: 'birthDate' | 'gender') => ({
    validator: async (_: unknown, value: unknown) => {
      const idNumber = form.getFieldValue('idNumber') as string | undefined;
      if (!value || !fromId(idNumber)) return;
      const problem = checkIdAgainst({
        idNumber: idNumber!,
        birthDate: dateText(form.getFieldValue('birthDate') as Dayjs | null) ?? '',
        gender: form.getFieldValue('gender') as Gender,
      });
      if (problem && problem.startsWith(field === 'birthDate' ? '出生日期' : '性别'))
        throw new Error(problem);
    },
  });

  return (
    <PortalLayout>
      <div className="form-card-wide">
        <h2 className="page-title">专业技术人员注册</h2>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="注册信息提交后，由所选单位的管理员人工审核，审核通过后方可登录。已注册过的人员无需重复注册。"
          description="找不到所在单位时，请联系单位继续教育负责人确认该单位是否已在本平台注册并通过审核。"
        />
        <Form<RegisterForm>
          form={form}
          name="regpro"
          layout={wide ? 'horizontal' : 'vertical'}
          labelCol={wide ? { flex: '150px' } : undefined}
          labelWrap
          initialValues={{ existingUser: false }}
          onValuesChange={onValuesChange}
          onFinish={(v) => submit.mutate(v)}
          scrollToFirstError
        >
          <Card title="账号信息" className="form-section">
            <AccountFields
              wide={wide}
              existingUser={existingUser}
              existingUserHint={account.existingUserHint}
              otherRoles="单位管理员等其他角色"
              reusedBy="专业技术人员账号"
              idExtra="身份证号作为登录账号，注册后不可修改"
            />
          </Card>

          <Card title="个人信息" className="form-section">
            <Form.Item
              name="unitId"
              label="所在单位"
              rules={[{ required: true, message: '请选择所在单位' }]}
              extra="先选择单位所在的区划，再按单位名称关键字查找。所在单位注册后不能自行修改，调动工作请办理单位调转。"
            >
              <OrgPicker kinds={['unit']} placeholder="输入单位名称关键字搜索" />
            </Form.Item>
            {unitId && unitHasWorkDepartments && (
              <Form.Item
                name="workDepartmentId"
                label="工作部门"
                rules={[{ required: true, message: '请选择所属工作部门' }]}
              >
                <WorkDepartmentSelect unitId={unitId} />
              </Form.Item>
            )}
            <Form.Item
              name="name"
              label="姓名"
              extra="请填写身份证上的姓名，注册后修改须经单位审核"
              rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
            >
              <Input maxLength={50} autoComplete="name" />
            </Form.Item>
            <Form.Item
              name="gender"
              label="性别"
              rules={[{ required: true, message: '请选择性别' }, agreesWithId('gender')]}
            >
              <Radio.Group options={genderOptions} />
            </Form.Item>
            <Form.Item
              name="birthDate"
              label="出生日期"
              extra="输入身份证号后自动填写，须与身份证号一致"
              rules={[{ required: true, message: '请选择出生日期' }, agreesWithId('birthDate')]}
            >
              <DatePicker
                format={DATE}
                placeholder="年-月-日"
                style={{ width: '100%', maxWidth: 240 }}
                disabledDate={(d) => d.format('YYYY-MM-DD') > today() || d.isBefore(dayjs('1900-01-01'))}
              />
            </Form.Item>
            <Form.Item name="ethnicity" label="民族">
              <Select
                options={ethnicityOptions}
                placeholder="请选择"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
            <Form.Item name="nativePlace" label="籍贯">
              <Input maxLength={50} placeholder="如：河南郑州" />
            </Form.Item>
            <Form.Item name="graduatedSchool" label="毕业院校">
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="major"
              label="所学专业"
              extra="选择大类或者相近专业即可，可输入关键字查找"
              rules={[{ required: true, message: '请选择所学专业' }]}
            >
              <Select
                options={majorOptions}
                placeholder="请选择或输入关键字"
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
            <Form.Item
              name="titleSeries"
              label="职称系列"
              extra="专业技术职务：请按职称证书上的职称系列选择；有多个职称的，选择今年需要评定的，注册后可申请修改"
              rules={[{ required: true, message: '请选择职称系列' }]}
            >
              <Select
                options={titleSeriesOptions}
                placeholder="请选择或输入关键字"
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
            <Form.Item
              name="titleLevel"
              label="职称级别"
              rules={[{ required: true, message: '请选择职称级别' }]}
            >
              <Radio.Group options={titleLevelOptions} />
            </Form.Item>
            <Form.Item name="captcha" label="验证码">
              <CaptchaInput refreshKey={account.captchaKey} />
            </Form.Item>
          </Card>

          <RegistrationActions error={account.shownError(submit.error)} submitting={submit.isPending} />
        </Form>
      </div>
    </PortalLayout>
  );
}
