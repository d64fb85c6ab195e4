import type { SparklineModel } from "@/components/kit/sparkline-model";

/**
 * A tiny trend line, stretched to the tile's width; decorative, since the tile's
 * number and the page's chart carry the data. The stroke keeps its width however
 * far the box is stretched.
 */
export function Sparkline({ model }: { model: SparklineModel }) {
  return (
    <svg className="sparkline" height={model.height} viewBox={`0 0 ${model.width} ${model.height}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <path d={model.path} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
