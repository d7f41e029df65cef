// The real "server-only" package throws outside React Server Components; under Vitest
// the server modules run in plain Node, which is exactly the server side, so it is a no-op.
export {};
