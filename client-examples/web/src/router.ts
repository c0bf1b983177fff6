/**
 * Hash routes (#/planning?mois=2026-12): the server serves one index.html under
 * /<tenant>/app/ and the route never reaches it, so deep links and reloads need nothing
 * from the server. Each view mounts into <main> and returns its cleanup (subscriptions).
 */
export interface Route {
  path: string;
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = window.location.hash.replace(/^#/, "") || "/";
  const [path = "/", query = ""] = hash.split("?");
  return { path, params: new URLSearchParams(query) };
}

export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value) {
      query.set(key, value);
    }
  }
  const text = query.toString();
  return `#${path}${text ? `?${text}` : ""}`;
}

export function go(path: string, params: Record<string, string | undefined> = {}): void {
  window.location.hash = href(path, params);
}
