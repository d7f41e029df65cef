// One id per request, in the X-Request-Id response header and in every log line the
// request causes, so a user's "reference" finds the log. proxy.ts assigns it to pages and
// their server actions; lib/api/route.ts does the same for the API.
import { headers } from "next/headers";

/**
 * A caller's X-Request-Id when it is a plain token (a load balancer's or a client's id,
 * so one id follows the request through every system); otherwise a new one. Anything
 * else is replaced, so a forged header cannot smuggle text into logs or responses.
 */
export function requestIdFrom(source: Headers): string {
  const given = source.get("x-request-id");
  return given && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : crypto.randomUUID();
}

/** The id proxy.ts gave the request being served; undefined outside a request (scripts, tests). */
export async function currentRequestId(): Promise<string | undefined> {
  try {
    return (await headers()).get("x-request-id") ?? undefined;
  } catch {
    return undefined;
  }
}
