/** Only local absolute paths are accepted as redirect targets (no open redirect); returned percent-encoded. */
export function safeReturnPath(value: string | null | undefined, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  try {
    const u = new URL(value, 'http://suite.invalid');
    if (u.origin !== 'http://suite.invalid') return fallback;
    const path = u.pathname + u.search + u.hash;
    // Check what is returned, not only what came in: dot-segments collapse ("/.//evil.com" resolves to
    // the path "//evil.com"), which a browser reads as another host.
    if (path.startsWith('//') || path.startsWith('/\\')) return fallback;
    return path;
  } catch {
    return fallback;
  }
}
