import { useEffect, useRef } from 'react';
import { Button, Space } from 'antd';
import { DownloadOutlined, PictureOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** A chart a bureau can put in a report: the picture as PNG, its data as Excel (streamed by the server). */
export function StatChart(props: { title: string; option: EChartsOption; height?: number; onExportData: () => void; exporting?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = echarts.init(el);
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);
  const { title, option } = props;
  useEffect(() => {
    chartRef.current?.setOption({ title: { text: title, left: 'center', textStyle: { fontSize: 14 } }, ...option }, { notMerge: true });
  }, [title, option]);
  const savePng = () => {
    const chart = chartRef.current;
    if (!chart) return;
    const a = document.createElement('a');
    a.href = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    a.download = `${props.title}.png`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };
  return (
    <div>
      <Space style={{ marginBottom: 8 }} wrap>
        <Button size="small" icon={<PictureOutlined />} onClick={savePng}>
          导出图片（PNG）
        </Button>
        <Button size="small" icon={<DownloadOutlined />} onClick={props.onExportData} loading={props.exporting}>
          导出数据（Excel）
        </Button>
      </Space>
      <div ref={box} role="img" aria-label={props.title} style={{ height: props.height ?? 320, width: '100%' }} />
    </div>
  );
}
