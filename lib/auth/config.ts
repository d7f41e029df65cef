// The part of the next-auth configuration that needs no database, shared by the
// proxy and the full instance in ./index, and the proxy's sign-in gate.
import type { NextAuthConfig } from "next-auth";
import { NextResponse } from "next/server";
import { logger } from "@/lib/platform/logger";
import { isRole, requiredRoleForPath, hasRole, type Role } from "./roles";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
    /** When this session was signed in (ms); a sign-out since then ends it (lib/auth/current-role.ts). */
    signedInAt: number;
  }
}

/** Paths anyone may open: sign-in, the customers' feedback form, API (keys are checked there), health. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/login" ||
    pathname === "/feedback" ||
    pathname.startsWith("/feedback/") ||
    pathname.startsWith("/api/")
  );
}

export const authConfig = {
  pages: { signIn: "/login" },
  // Twelve hours from sign-in, a long shift; not renewed per request (proxy.ts says why).
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
  // A wrong password is an expected event, not an error with a stack trace; other auth
  // errors are logged as one JSON line without request details.
  logger: {
    error(error) {
      // `type`, not `name`: the production build minifies class names ("j").
      if ((error as { type?: string }).type === "CredentialsSignin") logger.info("sign-in refused");
      // next-auth wraps the real failure (e.g. a refused ID token) in error.cause.err.
      else logger.error("auth error", { error, cause: (error.cause as { err?: unknown } | undefined)?.err });
    },
    warn(code) {
      logger.warn("auth warning", { code });
    },
  },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        // Kept through any re-encoding of the token (unlike iat and jti), so a sign-out can
        // end this session and every copy or renewal of it.
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string" && isRole(token.role)) {
        session.user = { ...session.user, id: token.uid, role: token.role, email: session.user.email ?? "", name: session.user.name ?? "" };
      }
      session.signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
      return session;
    },
  },
} satisfies NextAuthConfig;

type Authorized = NonNullable<NonNullable<NextAuthConfig["callbacks"]>["authorized"]>;

/**
 * The proxy's sign-in gate (first line of defence; every page, action and handler checks
 * again). Anonymous visitors go to /login; a form post to a page the user's role may not
 * open gets 403 and never reaches its action. The session carries the role of sign-in
 * time, so before refusing a post the gate asks `currentRole` (the users table): someone
 * promoted since they signed in can use their new pages at once, and only a refusal
 * costs a database read.
 */
export function proxyAuthorized(currentRole: (userId: string) => Promise<Role | null>): Authorized {
  return async ({ auth, request }) => {
    const { pathname } = request.nextUrl;
    if (isPublicPath(pathname)) return true;
    const role = auth?.user?.role;
    if (!role) return false; // next-auth redirects to pages.signIn with a callbackUrl
    const needed = requiredRoleForPath(pathname);
    if (needed && request.method !== "GET" && !hasRole(role, needed)) {
      const now = await currentRole(auth.user.id);
      if (!now || !hasRole(now, needed)) {
        return NextResponse.json({ error: { code: `forbidden:${needed}`, message: `This needs the ${needed} role.` } }, { status: 403 });
      }
    }
    // Pages answer 403 themselves (requirePageRole), with the portal's own page.
    return true;
  };
}
