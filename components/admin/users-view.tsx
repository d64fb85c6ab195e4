"use client";

import { Fragment, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { UserEditResult } from "@/lib/auth/users-admin/edit-users";
import type { UserView } from "@/lib/auth/users-admin/user-view";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { ApiError } from "@/lib/query-options/fetch-json";
import { createUser, removeUser, updateUser } from "@/lib/query-options/users";
import { roleLabel } from "@/components/auth/capability-text";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { UserForm, type UserFormValues } from "./user-form";
import { UserSessions } from "./user-sessions";
import { ScrollRegion } from "@/components/table/scroll-region";

const USERS = apiQueryOptions("/api/admin/users", {});

const scopeText = (u: UserView) => (u.scope ? [...u.scope.teams.map((t) => `team ${t}`), ...u.scope.queues.map((q) => `queue ${q}`)].join(", ") : "whole centre");

/**
 * Admins edit the users file: add a user, change name, role and scope, reset a
 * password, disable or remove, and see and revoke sessions. Every save sends the
 * file's version this page shows; a change someone made meanwhile is reported
 * (and the list reloaded), never overwritten. Changes apply on the user's next request.
 */
export function UsersView() {
  const client = useQueryClient();
  const q = useQuery(USERS);
  const tz = useShownTimeZone();
  const [editing, setEditing] = useState<string | null>(null);
  const [sessionsOf, setSessionsOf] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState("");
  const save = useMutation({
    mutationFn: (run: () => Promise<UserEditResult>) => run(),
    onSuccess: ({ version, users }) => {
      client.setQueryData(USERS.queryKey, { editable: true, version, users });
      setEditing(null);
      setAdding(false);
    },
    onError: (e) => (e instanceof ApiError && e.status === 409 ? client.invalidateQueries({ queryKey: USERS.queryKey }) : undefined),
  });
  const version = q.data?.version ?? "";
  const submitNew = (v: UserFormValues) => {
    setStatus(`Added ${v.username}.`);
    save.mutate(() =>
      createUser({
        expectedVersion: version,
        username: v.username,
        name: v.name,
        role: v.role,
        scope: v.scope,
        ...(v.extension.trim() ? { extension: v.extension.trim() } : {}),
        ...(v.password ? { password: v.password } : {}),
      }),
    );
  };
  const submitEdit = (u: UserView) => (v: UserFormValues) => {
    setStatus(`Saved ${u.id}.`);
    save.mutate(() =>
      updateUser(u.id, {
        expectedVersion: version,
        name: v.name,
        role: v.role,
        scope: v.scope,
        extension: v.extension.trim() || null,
        disabled: v.disabled,
        ...(v.password ? { password: v.password } : {}),
      }),
    );
  };
  const remove = (u: UserView) => {
    if (!window.confirm(`Remove ${u.id}? They are signed out on their next request.`)) return;
    setStatus(`Removed ${u.id}.`);
    save.mutate(() => removeUser(u.id, version));
  };
  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">Users</h1>
          <p className="page-subtitle">Who may sign in, with which role and which part of the centre. A change applies on the user&apos;s next request.</p>
        </div>
      </div>
      <p className="save-status" role="status" data-testid="users-status">
        {save.isSuccess ? status : ""}
      </p>
      {save.isError && (
        <p className="notice" role="alert">
          {save.error instanceof ApiError && save.error.status === 409 ? `Not saved: ${save.error.message}` : save.error.message}
        </p>
      )}
      {q.isError ? (
        <ErrorState title="The users could not be loaded." error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton className="table-skeleton" />
      ) : !q.data.editable ? (
        <p className="notice">There is no users file: set AUTH_USERS_FILE to add password users or to override single sign-on users&apos; roles and scopes.</p>
      ) : (
        <>
          <section className="card" aria-labelledby="new-user-title">
            <h2 className="card-title" id="new-user-title">
              New user
            </h2>
            {adding ? (
              <UserForm busy={save.isPending} submitLabel="Add user" onSubmit={submitNew} onCancel={() => setAdding(false)} />
            ) : (
              <button type="button" className="button" onClick={() => setAdding(true)}>
                Add a user
              </button>
            )}
          </section>
          <section className="card" aria-labelledby="users-title">
            <h2 className="card-title" id="users-title">
              Users
            </h2>
            <ScrollRegion label="Users">
              <table className="data-table" data-testid="users-table">
                <caption className="sr-only">Users</caption>
                <thead>
                  <tr>
                    <th scope="col">Username</th>
                    <th scope="col">Name</th>
                    <th scope="col">Role</th>
                    <th scope="col">Sees</th>
                    <th scope="col">Phone</th>
                    <th scope="col">Sign-in</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {q.data.users.map((u) => (
                    <Fragment key={u.id}>
                      <tr data-user={u.id}>
                        <th scope="row">{u.id}</th>
                        <td>{u.name}</td>
                        <td data-testid="user-role">{roleLabel(u.role)}</td>
                        <td>{scopeText(u)}</td>
                        <td data-testid="user-extension">{u.extension ?? "—"}</td>
                        <td>{u.disabled ? "disabled" : u.password ? "password" : "single sign-on"}</td>
                        <td className="card-actions">
                          <button type="button" className="button button-small" onClick={() => setEditing(editing === u.id ? null : u.id)}>
                            Edit<span className="sr-only"> {u.id}</span>
                          </button>
                          <button type="button" className="button button-small" onClick={() => setSessionsOf(sessionsOf === u.id ? null : u.id)}>
                            Sessions<span className="sr-only"> of {u.id}</span>
                          </button>
                          <button type="button" className="button button-small" onClick={() => remove(u)}>
                            Remove<span className="sr-only"> {u.id}</span>
                          </button>
                        </td>
                      </tr>
                      {editing === u.id && (
                        <tr>
                          <td colSpan={7}>
                            <UserForm user={u} busy={save.isPending} submitLabel="Save" onSubmit={submitEdit(u)} onCancel={() => setEditing(null)} />
                          </td>
                        </tr>
                      )}
                      {sessionsOf === u.id && (
                        <tr>
                          <td colSpan={7}>
                            <UserSessions userId={u.id} tz={tz} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </section>
        </>
      )}
    </div>
  );
}
