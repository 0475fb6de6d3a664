import type { ColumnType } from 'antd/es/table';
import type { ReactNode } from 'react';

/**
 * A table cell of two lines: the key fact, and a secondary one under it in grey. Lists keep their
 * key columns visible at 1366 px (issue 8 item 5) by stacking secondary facts rather than giving
 * each a column of its own. Either line stays on one line (`nowrap`) unless it is long prose.
 */
export function Stacked({
  main,
  sub,
  mainNowrap = false,
  subWraps = false,
}: {
  main: ReactNode;
  sub: ReactNode;
  mainNowrap?: boolean;
  subWraps?: boolean;
}) {
  return (
    <>
      <div className={mainNowrap ? 'nowrap' : undefined}>{main}</div>
      <div className={subWraps ? 'muted' : 'muted nowrap'}>{sub}</div>
    </>
  );
}

/** The 姓名 / 身份证号 column of a list of people: the name, the masked ID number under it. */
export function personColumn<T>(
  person: (row: T) => { name: string; idNumberMasked: string },
  width = 160,
): ColumnType<T> {
  return {
    title: '姓名 / 身份证号',
    key: 'person',
    width,
    render: (_, row) => {
      const p = person(row);
      return <Stacked main={p.name} sub={p.idNumberMasked} />;
    },
  };
}
