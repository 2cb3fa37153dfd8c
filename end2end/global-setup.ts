// Waits until the portal answers (cargo leptos starts it alongside the tests).
export default async function globalSetup(): Promise<void> {
  const url = (process.env.PORTAL_URL ?? "http://127.0.0.1:3000") + "/login";
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
