// Draws a time-series line chart on a 2D canvas: y grid and labels, a time axis over the last
// window, one polyline per series (optionally dashed), clipped to the plot.
import type { RingBuffer } from './ring';
import type { StatsField } from './stats-store';

export interface ChartSeries {
  field: StatsField;
  /** A theme variable, e.g. '--accent'. */
  colorVar: string;
  dashed?: boolean;
}

export interface ChartColors {
  axis: string;
  grid: string;
  font: string;
  series: string[];
}

export interface DrawInput {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  ring: RingBuffer<StatsField>;
  series: ChartSeries[];
  yMax: number;
  formatY(v: number): string;
  windowMs: number;
  /** Right edge of the time axis (ms since epoch). */
  now: number;
  colors: ChartColors;
}

/** "now", "30 s ago", "5 min ago". */
export function agoLabel(ms: number): string {
  if (ms <= 0) return 'now';
  if (ms < 120_000) return `${Math.round(ms / 1000)} s ago`;
  return `${Math.round((ms / 60_000) * 10) / 10} min ago`;
}

/** The time window shown: the smallest of 1, 2, 5 or 10 minutes that holds the history. */
export function chartWindow(spanMs: number, maxMs: number): number {
  for (const m of [1, 2, 5, 10]) if (m * 60_000 >= spanMs && m * 60_000 <= maxMs) return m * 60_000;
  return maxMs;
}

const PAD = { left: 64, right: 8, top: 8, bottom: 20 };

export function drawChart(d: DrawInput): void {
  const { ctx, width, height, ring, yMax, colors } = d;
  ctx.clearRect(0, 0, width, height);
  const pw = Math.max(1, width - PAD.left - PAD.right);
  const ph = Math.max(1, height - PAD.top - PAD.bottom);
  const x0 = PAD.left;
  const y0 = PAD.top;
  const start = d.now - d.windowMs;
  const xOf = (ts: number) => x0 + ((ts - start) / d.windowMs) * pw;
  const yOf = (v: number) => y0 + ph - (Math.min(v, yMax * 1.05) / yMax) * ph;

  ctx.font = colors.font;
  ctx.lineWidth = 1;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    const y = Math.round(yOf(v)) + 0.5;
    ctx.strokeStyle = colors.grid;
    ctx.beginPath();
    ctx.moveTo(x0, y);
    ctx.lineTo(x0 + pw, y);
    ctx.stroke();
    if (i % 2 === 0) {
      ctx.fillStyle = colors.axis;
      ctx.fillText(d.formatY(v), x0 - 6, y);
    }
  }
  ctx.textBaseline = 'top';
  const ticks = [d.windowMs, d.windowMs / 2, 0];
  ticks.forEach((ms, i) => {
    ctx.textAlign = i === 0 ? 'left' : i === ticks.length - 1 ? 'right' : 'center';
    ctx.fillStyle = colors.axis;
    ctx.fillText(agoLabel(ms), xOf(d.now - ms), y0 + ph + 5);
  });

  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, y0 - 2, pw, ph + 4);
  ctx.clip();
  ctx.lineJoin = 'round';
  d.series.forEach((s, si) => {
    ctx.strokeStyle = colors.series[si] ?? colors.axis;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(s.dashed ? [5, 4] : []);
    ctx.beginPath();
    let started = false;
    let prevTs = 0;
    for (let i = 0; i < ring.size; i++) {
      const ts = ring.get(i, 'ts');
      if (ts < start - 5000) continue;
      const v = ring.get(i, s.field);
      if (Number.isNaN(v)) {
        started = false;
        continue;
      }
      const x = xOf(ts);
      const y = yOf(v);
      // a gap of more than 30 s (tab closed, container stopped) breaks the line
      if (!started || ts - prevTs > 30_000) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
      started = true;
      prevTs = ts;
    }
    ctx.stroke();
  });
  ctx.restore();
  ctx.setLineDash([]);
}
