"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { revokeSession } from "@/lib/query-options/users";
import { formatDateTime } from "@/lib/tables/format";
import { ErrorState } from "@/components/ui/error-state";

/** A user's standing sessions, each with a Revoke that ends it at once (open live streams included). */
export function UserSessions({ userId, tz }: { userId: string; tz: string }) {
  const client = useQueryClient();
  const options = apiQueryOptions("/api/admin/sessions", { user: userId });
  const q = useQuery(options);
  const revoke = useMutation({ mutationFn: revokeSession, onSettled: () => client.invalidateQueries({ queryKey: options.queryKey }) });
  if (q.isError) return <ErrorState title="The sessions could not be loaded." error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <p className="muted">Loading sessions…</p>;
  if (q.data.sessions.length === 0) return <p className="muted">No session: {userId} is signed out everywhere.</p>;
  return (
    <table className="data-table" data-testid={`sessions-${userId}`}>
      <caption className="sr-only">Sessions of {userId}</caption>
      <thead>
        <tr>
          <th scope="col">Signed in</th>
          <th scope="col">Last seen</th>
          <th scope="col">How</th>
          <th scope="col">From</th>
          <th scope="col">
            <span className="sr-only">Revoke</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {q.data.sessions.map((s) => (
          <tr key={s.sessionId} data-session={s.sessionId}>
            <td>{formatDateTime(s.createdAt, tz)}</td>
            <td>{formatDateTime(s.lastSeenAt, tz)}</td>
            <td>{s.provider === "credentials" ? "password" : s.provider}</td>
            <td title={s.userAgent}>{s.clientAddress || "—"}</td>
            <td>
              <button type="button" className="button button-small" disabled={revoke.isPending} onClick={() => revoke.mutate(s.sessionId)}>
                {s.current ? "Revoke (signs you out)" : "Revoke"}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
