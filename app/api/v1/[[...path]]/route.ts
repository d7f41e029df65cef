import { unknownRoute } from "@/lib/api/route";

// Any /api/v1 path no other route serves, by any method.
export { unknownRoute as GET, unknownRoute as HEAD, unknownRoute as POST, unknownRoute as PUT, unknownRoute as PATCH, unknownRoute as DELETE, unknownRoute as OPTIONS };
