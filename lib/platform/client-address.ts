// The address a request came from, for per-address limits (sign-in throttling, the public
// feedback form). Route handlers and server actions see only headers, so it is read from
// X-Forwarded-For. A client can write that header itself; the web server `npm start`
// runs (server/serve.ts) therefore replaces it with the connection's own address unless
// TRUST_PROXY=true says a reverse proxy in front sets it. A proxy appends the address it
// saw to whatever the client sent, so the last entry is the one to believe.
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  return forwarded?.split(",").at(-1)?.trim() || headers.get("x-real-ip") || null;
}
