import { useParams } from 'react-router';
import { Alert, Card, Form, Grid, Input, Radio, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import {
  organisationsApi,
  INDUSTRIES,
  ORG_LEVELS,
  ORG_NATURES,
  ROLE_LABELS,
  validateCreditCode,
  type OrgKind,
} from '@ce/shared';
import { call } from '../api/client';
import type { OrgRegistrationRequest } from '../api/types';
import { CaptchaInput } from '../components/CaptchaInput';
import { OrgPicker } from '../components/OrgPicker';
import { PortalLayout } from '../components/PortalLayout';
import { RegionCascader } from '../components/RegionCascader';
import {
  AccountFields,
  RegistrationActions,
  RegistrationDone,
  useRegistrationAccount,
} from '../components/RegistrationParts';
import { isRegisteringKind, type RegisteringKind } from '../lib/roles';
import { NotFoundPage } from './NotFoundPage';

type ParentKind = Extract<OrgKind, 'department' | 'hrss' | 'unit'>;

interface RegisterForm {
  org: OrgRegistrationRequest['org'];
  parentKind: ParentKind;
  parentId?: number;
  admin: { idNumber: string; name: string; phone: string; email: string; password: string; confirm?: string };
  existingUser: boolean;
  captcha?: string;
}

/** A unit hangs under a competent department, directly under an HRSS bureau, or under a parent unit. */
const UNIT_PARENT_KINDS: { value: ParentKind; label: string }[] = [
  { value: 'department', label: '主管部门' },
  { value: 'hrss', label: '人社部门（无主管部门）' },
  { value: 'unit', label: '上级单位' },
];

const PARENT_LABEL: Record<ParentKind, string> = {
  department: '主管部门',
  hrss: '人社部门',
  unit: '上级单位',
};

const listOptions = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

export function RegisterOrgPage() {
  const { kind } = useParams();
  if (!isRegisteringKind(kind)) return <NotFoundPage />;
  return <RegisterOrgForm key={kind} kind={kind} />;
}

/** Registration of a 主管部门, 用人单位 or 继续教育基地 and its first (super) admin. */
export function RegisterOrgForm({ kind }: { kind: RegisteringKind }) {
  const [form] = Form.useForm<RegisterForm>();
  const account = useRegistrationAccount(form, ['admin']);
  const screens = Grid.useBreakpoint();
  const wide = !!screens.md;
  const parentKind = Form.useWatch('parentKind', form) ?? (kind === 'unit' ? 'department' : 'hrss');
  const existingUser = Form.useWatch('existingUser', form) ?? false;

  const submit = useMutation({
    mutationFn: (v: RegisterForm) => {
      const body: OrgRegistrationRequest = {
        kind,
        parentId: v.parentId ?? 0,
        org: { ...v.org, creditCode: v.org.creditCode.trim().toUpperCase() },
        admin: {
          idNumber: v.admin.idNumber.trim().toUpperCase(),
          name: v.admin.name.trim(),
          phone: v.admin.phone.trim(),
          email: v.admin.email.trim(),
          password: v.admin.password,
        },
        captcha: v.captcha?.trim() ?? '',
      };
      return call(organisationsApi.register, { body });
    },
    onError: account.onSubmitError,
  });

  const title = `${ROLE_LABELS[kind]}注册`;

  if (submit.isSuccess) {
    return (
      <RegistrationDone title={submit.data.message}>
        <div>审核机构：{submit.data.approverName}</div>
        <div>审核通过后，即可使用管理员身份证号和密码，选择“{ROLE_LABELS[kind]}”角色登录。</div>
      </RegistrationDone>
    );
  }

  return (
    <PortalLayout>
      <div className="form-card-wide">
        <h2 className="page-title">{title}</h2>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="注册信息提交后，由所选上级机构的管理员人工审核；审核通过后方可登录。已注册过的单位无需重复注册。"
          description={
            kind === 'department'
              ? '主管部门在同级人社部门下注册。'
              : kind === 'base'
                ? '继续教育基地在其审批（主管）人社部门下注册。'
                : '用人单位在主管部门下注册；没有主管部门的，在同级人社部门下注册；下属单位可在上级单位下注册。'
          }
        />
        <Form<RegisterForm>
          form={form}
          name="register"
          layout={wide ? 'horizontal' : 'vertical'}
          labelCol={wide ? { flex: '150px' } : undefined}
          labelWrap
          initialValues={{ parentKind: kind === 'unit' ? 'department' : 'hrss', existingUser: false }}
          onValuesChange={(changed: Partial<RegisterForm>) => {
            if ('parentKind' in changed) form.setFieldValue('parentId', undefined);
            if (changed.admin && 'password' in changed.admin) account.clearHint();
          }}
          onFinish={(v) => submit.mutate(v)}
          scrollToFirstError
        >
          <Card title="单位信息" className="form-section">
            <Form.Item
              name={['org', 'name']}
              label="单位名称"
              rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, { max: 100 }]}
            >
              <Input placeholder="与统一社会信用代码证书上的名称一致" maxLength={100} />
            </Form.Item>
            <Form.Item
              name={['org', 'creditCode']}
              label="统一社会信用代码"
              extra="单位无统一社会信用代码无法进行注册"
              normalize={(v: string | undefined) => v?.toUpperCase()}
              rules={[
                { required: true, whitespace: true, message: '请输入统一社会信用代码' },
                {
                  validator: async (_, value: string | undefined) => {
                    if (!value?.trim()) return;
                    const check = validateCreditCode(value);
                    if (!check.ok) throw new Error(check.message);
                  },
                },
              ]}
              hasFeedback
            >
              <Input placeholder="18位统一社会信用代码" maxLength={18} />
            </Form.Item>
            <Form.Item
              name={['org', 'regionCode']}
              label="所属区划"
              rules={[{ required: true, message: '请选择所属区划' }]}
            >
              <RegionCascader placeholder="省直单位请选择“河南省（省直）”" />
            </Form.Item>
            <Form.Item
              name={['org', 'nature']}
              label="单位性质"
              rules={[{ required: true, message: '请选择单位性质' }]}
            >
              <Select options={listOptions(ORG_NATURES)} placeholder="请选择" />
            </Form.Item>
            <Form.Item
              name={['org', 'level']}
              label="单位级别"
              rules={[{ required: true, message: '请选择单位级别' }]}
            >
              <Select options={listOptions(ORG_LEVELS)} placeholder="请选择" />
            </Form.Item>
            <Form.Item
              name={['org', 'industry']}
              label="行业类别"
              rules={[{ required: true, message: '请选择行业类别' }]}
            >
              <Select
                options={listOptions(INDUSTRIES)}
                placeholder="请选择"
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
            <Form.Item
              name={['org', 'address']}
              label="地址"
              rules={[{ required: true, whitespace: true, message: '请输入单位地址' }]}
            >
              <Input maxLength={200} placeholder="单位办公地址" />
            </Form.Item>
            <Form.Item
              name={['org', 'contactName']}
              label="联系人"
              rules={[{ required: true, whitespace: true, message: '请输入联系人' }]}
            >
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item
              name={['org', 'contactPhone']}
              label="联系电话"
              rules={[
                { required: true, message: '请输入联系电话' },
                { pattern: /^[\d\-+ ]{7,20}$/, message: '联系电话格式不正确' },
              ]}
            >
              <Input maxLength={20} placeholder="手机或座机，如 0371-12345678" />
            </Form.Item>
            {kind === 'unit' && (
              <Form.Item name="parentKind" label="上级类型" rules={[{ required: true }]}>
                <Radio.Group options={UNIT_PARENT_KINDS} />
              </Form.Item>
            )}
            <Form.Item
              name="parentId"
              label={kind === 'unit' ? PARENT_LABEL[parentKind] : '上级人社部门'}
              rules={[
                {
                  required: true,
                  message: `请选择${kind === 'unit' ? PARENT_LABEL[parentKind] : '上级人社部门'}`,
                },
              ]}
              extra="先选择上级机构所在的区划，再按名称关键字查找；找不到时请确认上级机构是否已注册并通过审核。"
            >
              <OrgPicker key={parentKind} kinds={[kind === 'unit' ? parentKind : 'hrss']} />
            </Form.Item>
          </Card>

          <Card title="管理员信息" className="form-section">
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="注册人即本机构的超级管理员，以身份证号作为登录账号，注册后不可修改。"
            />
            <AccountFields
              prefix={['admin']}
              wide={wide}
              existingUser={existingUser}
              existingUserHint={account.existingUserHint}
              otherRoles="其他角色"
              reusedBy="新角色"
            >
              <Form.Item
                name={['admin', 'name']}
                label="姓名"
                rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </AccountFields>
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
