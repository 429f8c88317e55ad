/**
 * Horizontal bars drawn as SVG, with an optional target mark per bar. The picture is one image for
 * a screen reader, named by its numbers; every chart sits next to a table with the same numbers.
 */
import { formatNumber } from '../../ui/format';
import { useI18n } from './catalog';

export interface Bar {
  label: string;
  value: number;
  target?: number;
}

const ROW_HEIGHT = 28;
const LABEL_WIDTH = 40;
const VALUE_WIDTH = 22;

export function BarChart({
  title,
  bars,
  describe,
}: {
  title: string;
  bars: readonly Bar[];
  /** One bar as a sentence for a screen reader, with its unit ("Nigeria: 2 of 50 experts"). */
  describe: (bar: Bar) => string;
}) {
  const i18n = useI18n();
  const max = Math.max(1, ...bars.map((bar) => Math.max(bar.value, bar.target ?? 0)));
  const height = bars.length * ROW_HEIGHT;
  const summary = bars.map(describe).join(i18n._('dashboard.chart.separator'));
  // Percent coordinates stretch the bars to the column's width on any screen.
  const barSpan = 100 - LABEL_WIDTH - VALUE_WIDTH;
  const x = (value: number) => LABEL_WIDTH + (value / max) * barSpan;
  return (
    <figure className="bar-chart">
      <svg
        role="img"
        aria-label={i18n._('dashboard.chart.label', { title, summary })}
        width="100%"
        height={height}
      >
        {bars.map((bar, index) => {
          const y = index * ROW_HEIGHT;
          return (
            <g key={bar.label}>
              <text x="0" y={y + ROW_HEIGHT / 2} dominantBaseline="middle" className="bar-label">
                {bar.label}
              </text>
              <rect
                x={`${LABEL_WIDTH}%`}
                y={y + 5}
                width={`${(bar.value / max) * barSpan}%`}
                height={ROW_HEIGHT - 10}
                className="bar"
              />
              {bar.target !== undefined && (
                <line
                  x1={`${x(bar.target)}%`}
                  x2={`${x(bar.target)}%`}
                  y1={y + 2}
                  y2={y + ROW_HEIGHT - 2}
                  className="bar-target"
                />
              )}
              <text
                x={`${100 - VALUE_WIDTH + 2}%`}
                y={y + ROW_HEIGHT / 2}
                dominantBaseline="middle"
                className="bar-value"
              >
                {bar.target !== undefined
                  ? i18n._('dashboard.chart.valueOfTarget', {
                      value: formatNumber(bar.value),
                      target: formatNumber(bar.target),
                    })
                  : formatNumber(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">{title}</figcaption>
    </figure>
  );
}
