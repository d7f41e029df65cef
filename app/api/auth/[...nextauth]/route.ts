import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { badCallbackUrl } from "@/lib/auth/callback-url-check";
import { withRequestOrigin } from "@/lib/auth/request-origin";

// See lib/auth/request-origin.ts: the callback of a single sign-on must use the same
// public origin as the sign-in that started it. A callback URL next-auth would take for a
// configuration error is refused first (lib/auth/callback-url-check.ts).
export const GET = (request: NextRequest) => badCallbackUrl(request) ?? handlers.GET(withRequestOrigin(request));
export const POST = (request: NextRequest) => badCallbackUrl(request) ?? handlers.POST(withRequestOrigin(request));
