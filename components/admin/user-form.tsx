"use client";

import { useState, type FormEvent } from "react";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { Scope } from "@/lib/auth/scope";
import type { UserView } from "@/lib/auth/users-admin/user-view";
import { roleLabel } from "@/components/auth/capability-text";
import { ScopePicker } from "./scope-picker";

/** `extension`: empty for none. */
export type UserFormValues = { username: string; name: string; role: Role; scope: Scope | null; extension: string; disabled: boolean; password: string };

/**
 * One user's fields, to create (with a username and usually a password) or to
 * change (the password field then resets it when filled). Without a password the
 * entry is for a single sign-on user: it sets their role and scope.
 */
export function UserForm({
  user,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  user?: UserView;
  busy: boolean;
  submitLabel: string;
  onSubmit: (v: UserFormValues) => void;
  onCancel?: () => void;
}) {
  const [v, setV] = useState<UserFormValues>({
    username: user?.id ?? "",
    name: user?.name ?? "",
    role: user?.role ?? "supervisor",
    scope: user?.scope ?? null,
    extension: user?.extension ?? "",
    disabled: user?.disabled ?? false,
    password: "",
  });
  const id = (f: string) => `user-${user ? `edit-${user.id}` : "new"}-${f}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(v);
  };
  return (
    <form className="user-form" onSubmit={submit} aria-label={user ? `Edit ${user.id}` : "New user"}>
      {!user && (
        <div className="inline-field">
          <label htmlFor={id("username")}>Username</label>
          <input id={id("username")} className="input" required value={v.username} onChange={(e) => setV({ ...v, username: e.target.value })} />
        </div>
      )}
      <div className="inline-field">
        <label htmlFor={id("name")}>Name</label>
        <input id={id("name")} className="input" required value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
      </div>
      <div className="inline-field">
        <label htmlFor={id("role")}>Role</label>
        <select id={id("role")} className="select" value={v.role} onChange={(e) => setV({ ...v, role: ROLES.find((r) => r === e.target.value) ?? v.role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      </div>
      <div className="inline-field">
        <label htmlFor={id("extension")}>Phone extension</label>
        <input
          id={id("extension")}
          className="input"
          pattern="[A-Za-z0-9_.@+\-]{1,80}"
          value={v.extension}
          onChange={(e) => setV({ ...v, extension: e.target.value })}
          aria-describedby={id("extension-note")}
        />
        <span id={id("extension-note")} className="muted">
          Their own phone (e.g. 2001): the PBX rings it to monitor on a phone platform and for &ldquo;Call back myself&rdquo;. Empty for none.
        </span>
      </div>
      <div className="inline-field">
        <label htmlFor={id("password")}>{user ? "New password" : "Password"}</label>
        <input
          id={id("password")}
          className="input"
          type="password"
          autoComplete="new-password"
          minLength={12}
          value={v.password}
          onChange={(e) => setV({ ...v, password: e.target.value })}
          aria-describedby={id("password-note")}
        />
        <span id={id("password-note")} className="muted">
          {user ? "Leave empty to keep the current one." : "At least 12 characters; leave empty for a single sign-on user."}
        </span>
      </div>
      {user && (
        <div className="inline-field">
          <label>
            <input type="checkbox" checked={v.disabled} onChange={(e) => setV({ ...v, disabled: e.target.checked })} /> Disabled (cannot sign in; signed out now)
          </label>
        </div>
      )}
      <ScopePicker idPrefix={id("scope")} value={v.scope} onChange={(scope) => setV({ ...v, scope })} />
      <div className="card-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
