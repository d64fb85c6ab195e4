/** A grey placeholder block with a gentle shimmer (still when the user prefers reduced motion). */
export function Skeleton({ width, height, className }: { width?: string; height?: string; className?: string }) {
  return <span className={`skeleton ${className ?? ""}`} style={{ width, height }} aria-hidden="true" />;
}
