// One "process" of the rate-limit test (tests/integration/rate-limit.test.ts): takes `calls`
// tokens of one key at once against the shared database and prints how many were allowed.
import { takeToken } from "@/lib/api/rate-limit";

const [key, perMinute, burst, calls] = process.argv.slice(2);
const waits = await Promise.all(Array.from({ length: Number(calls) }, () => takeToken(key, { perMinute: Number(perMinute), burst: Number(burst) })));
console.log(JSON.stringify({ allowed: waits.filter((w) => w === 0).length, refused: waits.filter((w) => w > 0).length }));
