// Next.js hands pages their query as string | string[] | undefined per key; filters
// here take the first value of each.
export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function firstValues(searchParams: PageSearchParams): Promise<Record<string, string | undefined>> {
  return Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
