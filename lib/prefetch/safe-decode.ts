/** Route params may arrive percent-encoded; a stray "%" must not crash the page. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
