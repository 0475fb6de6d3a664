import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Button, Card, Descriptions, Form, Input, Result, Spin } from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  QrcodeOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { call, errorMessage } from '../api/client';
import { PortalLayout } from '../components/PortalLayout';
import { maskName, tokenFromLocation, tokenFromQrText, type Verdict } from '../lib/certificates';
import './VerifyPage.css';
import { dayText } from '../lib/format';
import { certificatesApi, chineseDate, formatHours, type VerifyCertificateResponse } from '@ce/shared';

type Facts = NonNullable<VerifyCertificateResponse['certificate']>;

/**
 * 电子证书验证: the page a certificate's QR code opens on a phone. The token travels in the
 * URL fragment (`/verify#<token>`, or `?t=<token>`); the page POSTs it and shows the verdict and
 * the signed facts. Without a token it offers to paste the text of a QR code.
 */
export function VerifyPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const token = tokenFromLocation(location.hash, location.search);
  const verify = useQuery({
    queryKey: ['certificate-verify', token],
    queryFn: () => call(certificatesApi.verify, { body: { token } }),
    enabled: token !== '',
    staleTime: Infinity,
  });
  const again = () => navigate('/verify');

  return (
    <PortalLayout narrow>
      <div className="verify-page">
        <h1 className="verify-title">
          <SafetyCertificateOutlined /> 电子证书验证
        </h1>
        <div className="verify-subtitle">河南省专业技术人员继续教育证书</div>
        {token === '' ? (
          <PasteForm onVerify={(t) => navigate({ pathname: '/verify', hash: `#${encodeURIComponent(t)}` })} />
        ) : verify.isPending ? (
          <Card className="verify-card">
            <div className="verify-loading">
              <Spin size="large" />
              <div>正在核验证书签名…</div>
            </div>
          </Card>
        ) : verify.isError ? (
          <Card className="verify-card">
            <Result
              status="warning"
              title="暂时无法完成验证"
              subTitle={errorMessage(verify.error)}
              extra={[
                <Button key="retry" type="primary" onClick={() => void verify.refetch()}>
                  重新验证
                </Button>,
                <Button key="other" onClick={again}>
                  手动输入二维码内容
                </Button>,
              ]}
            />
          </Card>
        ) : (
          <Answer answer={verify.data} onAgain={again} />
        )}
      </div>
    </PortalLayout>
  );
}

const VERDICTS: Record<Verdict, { word: string; headline: string; icon: ReactNode }> = {
  valid: { word: '有效', headline: '证书真实有效', icon: <CheckCircleFilled /> },
  revoked: { word: '已撤销', headline: '该证书已被发证单位撤销', icon: <ExclamationCircleFilled /> },
  invalid: { word: '无效', headline: '未通过验证，请勿采信', icon: <CloseCircleFilled /> },
};

function Answer({ answer, onAgain }: { answer: VerifyCertificateResponse; onAgain: () => void }) {
  // The server's structured verdict: 有效 / 已撤销 (with the date) / 无效.
  const verdict: Verdict = answer.status;
  const v = VERDICTS[verdict];
  const revokedOn = verdict === 'revoked' && answer.revokedAt ? dayText(answer.revokedAt) : null;
  return (
    <>
      <section className={`verify-verdict verify-verdict-${verdict}`} data-testid="verify-verdict">
        <div className="verify-verdict-icon" aria-hidden>
          {v.icon}
        </div>
        <div className="verify-verdict-word">{v.word}</div>
        <div className="verify-verdict-headline">{v.headline}</div>
        {revokedOn && <div className="verify-verdict-date">撤销日期：{revokedOn}</div>}
        <div className="verify-verdict-reason">{answer.reason}</div>
      </section>

      {answer.certificate && (
        <FactsCard facts={answer.certificate} verdict={verdict} signature={answer.signature} />
      )}

      {verdict === 'invalid' && (
        <Card className="verify-card" size="small">
          <ul className="verify-advice">
            <li>请确认扫描的是本平台出具的电子证书上的二维码，且证书打印清晰、未被涂改。</li>
            <li>二维码内容哪怕只改动一个字符，签名校验也不会通过。</li>
            <li>如对证书真伪有疑问，请联系证书上的发证单位核实。</li>
          </ul>
        </Card>
      )}
      {verdict === 'revoked' && (
        <Card className="verify-card" size="small">
          <p className="verify-advice-text">
            该年度证书已被发证单位撤销，不能作为完成该年度继续教育学习任务的证明。如有疑问，请联系发证单位。
          </p>
        </Card>
      )}

      <VerifyNote />
      <div className="verify-actions">
        <Button size="large" block icon={<QrcodeOutlined />} onClick={onAgain}>
          验证其他证书
        </Button>
      </div>
    </>
  );
}

function FactsCard({
  facts,
  verdict,
  signature,
}: {
  facts: Facts;
  verdict: Verdict;
  signature: VerifyCertificateResponse['signature'];
}) {
  const years = [...facts.years].sort((a, b) => a.year - b.year);
  return (
    <Card
      className="verify-card"
      title={verdict === 'valid' ? '证书信息' : '二维码所载证书信息'}
      size="small"
      data-testid="verify-facts"
    >
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'certNo',
            label: '证书管理号',
            children: <span className="verify-mono">{facts.certNo}</span>,
          },
          { key: 'name', label: '姓名', children: maskName(facts.holderName) },
          {
            key: 'id',
            label: '身份证号',
            children: <span className="verify-mono">{facts.idNumberMasked}</span>,
          },
          { key: 'issuer', label: '发证单位', children: facts.issuer.name },
          { key: 'issuedOn', label: '发证时间', children: chineseDate(facts.issuedOn) },
          ...(signature
            ? [
                {
                  key: 'algorithm',
                  label: '签名算法',
                  children: (
                    <span data-testid="verify-algorithm">
                      {signature.algorithm}
                      <span className="verify-kid">（密钥 {signature.kid}）</span>
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      <table className="verify-years">
        <caption>已完成继续教育学习任务的年度及学时</caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col">公需科目</th>
            <th scope="col">专业科目</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={y.year}>
              <th scope="row">{y.year}年度</th>
              <td>{formatHours(y.publicHours)} 学时</td>
              <td>{formatHours(y.professionalHours)} 学时</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function VerifyNote() {
  return (
    <div className="verify-note">
      <div className="verify-note-title">
        <SafetyCertificateOutlined /> 验证说明
      </div>
      <p>
        以上信息取自电子证书二维码中的数字签名数据。本平台已使用发证单位在本平台公布的签名公钥核验该签名，并与平台的证书记录进行了核对。证书内容（哪怕一个字符）被改动，或并非由发证单位签发，验证都不会通过。
      </p>
      <p>
        为保护个人信息，姓名和身份证号部分隐去，请与纸质（打印）证书上的信息比对。发证单位公钥公开发布于{' '}
        <a href="/api/public/keys" target="_blank" rel="noreferrer">
          /api/public/keys
        </a>
        ，可用于离线核验。
      </p>
    </div>
  );
}

function PasteForm({ onVerify }: { onVerify: (token: string) => void }) {
  return (
    <Card className="verify-card">
      <p className="verify-intro">
        使用手机相机或微信“扫一扫”扫描电子证书上的二维码，即可自动打开本页并显示验证结果。
      </p>
      <p className="verify-intro">如您已用扫码软件识别出二维码内容，也可将识别出的文字粘贴到下方进行验证。</p>
      <p className="verify-intro">
        持证人提供的“可验证凭证”（以 eyJ 开头的一长串字符，或 .jwt 文件中的全部文字）也可粘贴到下方验证。
      </p>
      <Form<{ text: string }>
        name="verify"
        layout="vertical"
        onFinish={(v) => onVerify(tokenFromQrText(v.text))}
      >
        <Form.Item
          name="text"
          label="二维码内容或可验证凭证"
          rules={[{ required: true, whitespace: true, message: '请粘贴二维码内容或可验证凭证' }]}
        >
          <Input.TextArea
            rows={5}
            maxLength={16384}
            placeholder="例如：https://…/verify#eyJhbGciOi…"
            autoComplete="off"
            spellCheck={false}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block>
          验证
        </Button>
      </Form>
    </Card>
  );
}
