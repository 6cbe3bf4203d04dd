// A canvas line chart of one container's stats history; redraws once per frame on new data,
// on resize and on theme change. Its accessible name summarizes the current values.
import { useEffect, useRef } from 'react';
import { onThemeChange, readCssVar } from '../common/theme';
import { drawChart, type ChartSeries } from './draw-chart';
import type { RingBuffer } from './ring';
import type { StatsField } from './stats-store';

export interface LineChartProps {
  title: string;
  summary: string;
  ring: RingBuffer<StatsField>;
  version: number;
  series: (ChartSeries & { label: string })[];
  yMax: number;
  formatY(v: number): string;
  windowMs: number;
}

export function LineChart(p: LineChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const props = useRef(p);
  props.current = p;
  const frame = useRef(0);

  const request = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const c = canvas.current;
      if (!c) return;
      const dpr = window.devicePixelRatio || 1;
      const w = c.clientWidth;
      const h = c.clientHeight;
      if (!w || !h) return;
      if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
        c.width = Math.round(w * dpr);
        c.height = Math.round(h * dpr);
      }
      const ctx = c.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const q = props.current;
      const newest = q.ring.size ? q.ring.get(q.ring.size - 1, 'ts') : Date.now();
      drawChart({
        ctx,
        width: w,
        height: h,
        ring: q.ring,
        series: q.series,
        yMax: q.yMax,
        formatY: q.formatY,
        windowMs: q.windowMs,
        now: Math.max(newest, Date.now() - 2000),
        colors: {
          axis: readCssVar('--fg-muted', '#5d6574'),
          grid: readCssVar('--border', '#d9dde5'),
          font: `11px ${readCssVar('--sans', 'sans-serif')}`,
          series: q.series.map((s) => readCssVar(s.colorVar, '#2f6fed')),
        },
      });
    });
  };

  useEffect(request, [p.version, p.yMax]);
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ro = new ResizeObserver(request);
    ro.observe(c);
    const unwatch = onThemeChange(request);
    // keep the time axis moving when no samples arrive (container stopped)
    const tick = setInterval(request, 5000);
    return () => {
      ro.disconnect();
      unwatch();
      clearInterval(tick);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, []);

  return (
    <figure className="chart">
      <figcaption className="chart-head">
        <span className="chart-title">{p.title}</span>
        <span className="chart-legend">
          {p.series.map((s) => (
            <span key={s.field} className="chart-key">
              <span
                className={s.dashed ? 'chart-swatch chart-swatch-dashed' : 'chart-swatch'}
                style={{ borderColor: `var(${s.colorVar})` }}
              />
              {s.label}
            </span>
          ))}
        </span>
      </figcaption>
      <canvas ref={canvas} className="chart-canvas" role="img" aria-label={`${p.title}: ${p.summary}`} />
    </figure>
  );
}
