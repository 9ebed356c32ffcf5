/**
 * Charts of the reports, drawn as SVG on the server: no chart library, no script. Each chart is
 * one image with a summary for screen readers (role="img" and aria-label); the pages put the
 * same numbers in a table beside it. Bars carry their value as text, so no meaning rests on colour.
 */

export interface Bar {
  label: string;
  value: number;
}

/** Vertical bars, e.g. completions per month. */
export function ColumnChart({ bars, summary }: { bars: readonly Bar[]; summary: string }) {
  // About 56 units per bar, so labels keep a readable size however many bars there are.
  const width = Math.max(320, bars.length * 56);
  const height = 220;
  const top = 20;
  const bottom = 40;
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(4, slot * 0.6);
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const plot = height - top - bottom;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="h-auto w-full min-w-[18rem]">
      <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} className="stroke-stone-400" />
      {bars.map((bar, index) => {
        const barHeight = (bar.value / max) * plot;
        const x = index * slot + (slot - barWidth) / 2;
        const y = height - bottom - barHeight;
        return (
          <g key={bar.label}>
            <rect x={x} y={y} width={barWidth} height={barHeight} className="fill-teal-700" />
            <text x={x + barWidth / 2} y={y - 4} textAnchor="middle" className="fill-stone-900 text-[12px]">
              {bar.value}
            </text>
            <text x={x + barWidth / 2} y={height - bottom + 16} textAnchor="middle" className="fill-stone-700 text-[11px]">
              {bar.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * Horizontal bars with an optional target mark per bar (a dashed line with its own label), e.g.
 * a member's level in each competence against the organisation's target.
 */
export function LevelBars({
  bars,
  max,
  summary,
  targetLabel,
}: {
  bars: readonly (Bar & { target?: number | null })[];
  max: number;
  summary: string;
  targetLabel: string;
}) {
  const labelWidth = 64;
  const width = 480;
  const rowHeight = 22;
  const plot = width - labelWidth - 40;
  const height = bars.length * rowHeight + 8;
  const scale = (value: number) => labelWidth + (Math.min(value, max) / Math.max(1, max)) * plot;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="h-auto w-full max-w-xl">
      {bars.map((bar, index) => {
        const y = index * rowHeight + 4;
        return (
          <g key={bar.label}>
            <text x={0} y={y + 14} className="fill-stone-900 text-[12px]">
              {bar.label}
            </text>
            <rect x={labelWidth} y={y + 3} width={Math.max(0, scale(bar.value) - labelWidth)} height={14} className="fill-teal-700" />
            <text x={scale(bar.value) + 4} y={y + 14} className="fill-stone-900 text-[12px]">
              {bar.value}
            </text>
            {bar.target ? (
              <g>
                <line
                  x1={scale(bar.target)}
                  x2={scale(bar.target)}
                  y1={y}
                  y2={y + rowHeight - 2}
                  strokeDasharray="3 2"
                  strokeWidth={2}
                  className="stroke-amber-800"
                />
                <title>{`${targetLabel} ${bar.target}`}</title>
              </g>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
