// First line of defence only: anonymous visitors go to /login and obviously wrong
// roles get 403 without rendering. Every page, action and handler checks again.
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

const { auth } = NextAuth(authConfig);

export default auth;

// The API authenticates every call itself (keys or session) and the health check is
// public, so neither pays for the proxy.
export const config = {
  matcher: ["/((?!api/v1/|api/health|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|webp)$).*)"],
};
