// Calls /api/v1 route handlers in-process with real Request objects against the real
// test database: everything but the HTTP socket (the browser tests cover that).
export type Handler = (request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

export async function call(
  handler: Handler,
  { method = "GET", path = "/api/v1/x", key, body, headers = {}, params = {} }: { method?: string; path?: string; key?: string; body?: unknown; headers?: Record<string, string>; params?: Record<string, string> } = {},
) {
  const h: Record<string, string> = { ...headers };
  if (key) h.authorization = `Bearer ${key}`;
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === "string" ? body : JSON.stringify(body);
    h["content-type"] ??= "application/json";
  }
  const response = await handler(new Request(`http://local${path}`, { method, headers: h, body: payload }), { params: Promise.resolve(params) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json: json as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
