import { Skeleton } from "@/components/ui/skeleton";
import { ChartSkeleton } from "@/components/charts/chart-skeleton";

/** A dashboard's shape before its data (and the viewer's time zone) is known. */
export function DashboardSkeleton({ title = "Overview", tiles = 12 }: { title?: string; tiles?: number }) {
  return (
    <div className="dashboard" aria-busy="true">
      <div className="page-header">
        <h1 className="page-title">{title}</h1>
      </div>
      <div className="toolbar">
        <Skeleton width="560px" height="38px" />
        <Skeleton width="220px" height="38px" />
        <Skeleton width="180px" height="38px" />
      </div>
      {tiles > 0 && (
        <div className="tiles">
          {Array.from({ length: tiles }, (_, i) => (
            <div className="tile" key={i}>
              <Skeleton width="40%" height="14px" />
              <Skeleton className="tile-value-skeleton" />
              <Skeleton width="70%" height="12px" />
            </div>
          ))}
        </div>
      )}
      <ChartSkeleton />
    </div>
  );
}
