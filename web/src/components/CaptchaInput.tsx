import { useState } from 'react';
import { Input } from 'antd';
import { authApi } from '@ce/shared';
import { href } from '../api/client';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** Bump it to draw a new image (after any failed submit: the server consumes each answer). */
  refreshKey?: number;
}

/**
 * Image captcha: the server draws it and keeps the answer behind a cookie, so the image URL only
 * has to change to get a new one. Clicking the image redraws it.
 */
export function CaptchaInput({ id, value, onChange, refreshKey = 0 }: Props) {
  const [openedAt] = useState(() => Date.now());
  const [clicks, setClicks] = useState(0);
  return (
    <div className="captcha-row">
      <Input
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        placeholder="请输入右侧图片中的字符"
        maxLength={8}
        autoComplete="off"
      />
      <img
        className="captcha-image"
        src={href(authApi.captcha, { query: { t: `${openedAt}-${refreshKey}-${clicks}` } })}
        alt="图形验证码"
        title="看不清？点击换一张"
        width={120}
        height={40}
        onClick={() => setClicks((c) => c + 1)}
      />
    </div>
  );
}
