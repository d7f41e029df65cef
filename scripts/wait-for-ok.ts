// Waits for a server a script started to answer: polls `url` until it answers 2xx, or gives
// up after timeoutMs with an error naming the address.
export async function waitForOk(url: string, { timeoutMs }: { timeoutMs: number }): Promise<void> {
  const everyMs = 250;
  for (let waited = 0; waited < timeoutMs; waited += everyMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${url} did not answer`);
}
