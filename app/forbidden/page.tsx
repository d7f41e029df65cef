// The proxy rewrites refused portal paths here (with status 403).
export { default } from "../forbidden";
