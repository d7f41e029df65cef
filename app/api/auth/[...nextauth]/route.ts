import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { withRequestOrigin } from "@/lib/auth/request-origin";

// See lib/auth/request-origin.ts: the callback of a single sign-on must use the same
// public origin as the sign-in that started it.
export const GET = (request: NextRequest) => handlers.GET(withRequestOrigin(request));
export const POST = (request: NextRequest) => handlers.POST(withRequestOrigin(request));
