import Link from "next/link";

/** The way home from a page that has nothing to show (not allowed, not found). */
export function BackToOverview() {
  return (
    <p>
      <Link className="button button-primary" href="/">
        Back to the overview
      </Link>
    </p>
  );
}
