import { useEffect, useRef } from 'react';
import { Button, Tooltip } from 'antd';
import { BoldOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, UnderlineOutlined, UnorderedListOutlined } from '@ant-design/icons';

interface Props {
  value?: string;
  onChange?: (html: string) => void;
  id?: string;
  /** Shown but not editable (a published notice). */
  readOnly?: boolean;
}

const TOOLS = [
  { cmd: 'bold', icon: <BoldOutlined />, title: '加粗' },
  { cmd: 'italic', icon: <ItalicOutlined />, title: '倾斜' },
  { cmd: 'underline', icon: <UnderlineOutlined />, title: '下划线' },
  { cmd: 'insertOrderedList', icon: <OrderedListOutlined />, title: '编号列表' },
  { cmd: 'insertUnorderedList', icon: <UnorderedListOutlined />, title: '项目列表' },
] as const;

/**
 * A small rich-text box for notices: paragraphs, headings, emphasis, lists and links, edited in
 * place. What it produces is only a draft: the server keeps an allowlist of tags (sanitize-html)
 * and drops everything else, pasted Word styles included.
 */
export function RichTextEditor({ value, onChange, id, readOnly = false }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.innerHTML !== (value ?? '')) ref.current.innerHTML = value ?? '';
  }, [value]);
  const emit = () => onChange?.(ref.current?.innerHTML ?? '');
  // execCommand is deprecated but still the only built-in way to edit rich text without a library.
  const exec = (cmd: string, arg?: string) => {
    ref.current?.focus();
    document.execCommand(cmd, false, arg);
    emit();
  };
  return (
    <div className="rich-editor">
      <div className="rich-editor-toolbar">
        <Button size="small" onClick={() => exec('formatBlock', 'h3')}>
          小标题
        </Button>
        <Button size="small" onClick={() => exec('formatBlock', 'p')}>
          正文
        </Button>
        {TOOLS.map((t) => (
          <Tooltip key={t.cmd} title={t.title}>
            <Button size="small" icon={t.icon} aria-label={t.title} onClick={() => exec(t.cmd)} />
          </Tooltip>
        ))}
        <Tooltip title="插入链接">
          <Button
            size="small"
            icon={<LinkOutlined />}
            aria-label="插入链接"
            onClick={() => {
              const url = window.prompt('链接地址（以 https:// 开头）');
              if (url && /^https?:\/\//.test(url)) exec('createLink', url);
            }}
          />
        </Tooltip>
      </div>
      <div
        id={id}
        ref={ref}
        className="rich-editor-area article-body"
        contentEditable={!readOnly}
        aria-readonly={readOnly}
        role="textbox"
        aria-multiline="true"
        aria-label="通知正文"
        suppressContentEditableWarning
        onInput={emit}
        onBlur={emit}
      />
    </div>
  );
}
