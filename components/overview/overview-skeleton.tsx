import { Skeleton } from "@/components/ui/skeleton";

/** The overview's shape before its data (and the viewer's time zone) is known. */
export function OverviewSkeleton() {
  return (
    <div className="overview" aria-busy="true">
      <div className="page-header">
        <h1 className="page-title">Overview</h1>
      </div>
      <div className="toolbar">
        <Skeleton width="360px" height="38px" />
        <Skeleton width="220px" height="38px" />
      </div>
      <div className="tiles">
        {Array.from({ length: 6 }, (_, i) => (
          <div className="tile" key={i}>
            <Skeleton width="40%" height="14px" />
            <Skeleton className="tile-value-skeleton" />
            <Skeleton width="70%" height="12px" />
          </div>
        ))}
      </div>
      <ChartSkeleton />
    </div>
  );
}

export function ChartSkeleton() {
  return <Skeleton className="chart-skeleton" />;
}
