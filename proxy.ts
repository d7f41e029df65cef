// First line of defence only: anonymous visitors go to /login and obviously wrong
// roles get 403 without rendering. Every page, action and handler checks again.
import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

const { auth } = NextAuth(authConfig);

export default auth;

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|webp)$).*)"],
};
