import { Skeleton } from "@/components/ui/skeleton";

export function ChartSkeleton() {
  return <Skeleton className="chart-skeleton" />;
}
