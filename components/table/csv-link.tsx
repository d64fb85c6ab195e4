/** A plain link, so the browser downloads the file with the session cookie and no script. */
export function CsvLink({ href, label = "Download CSV" }: { href: string; label?: string }) {
  return (
    <a className="button button-small" href={href} download data-testid="csv-link">
      {label}
    </a>
  );
}
