// Waits until the portals answer (.ci/test starts them alongside the tests):
// the demo portal, the one on the hostile archive (hostile.spec.ts) and the
// one that signs in through the OpenID provider (oidc.spec.ts).
async function waitFor(base: string): Promise<void> {
  const url = base + "/login";
  const deadline = Date.now() + 180_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `status ${res.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the portal did not start at ${url}: ${last}`);
}

export default async function globalSetup(): Promise<void> {
  await waitFor(process.env.PORTAL_URL ?? "http://127.0.0.1:3000");
  await waitFor(process.env.HOSTILE_URL ?? "http://127.0.0.1:3002");
  await waitFor(process.env.OIDC_PORTAL_URL ?? "http://127.0.0.1:3004");
}
