import { expect, test } from "@playwright/test";

// A shared cache or CDN in front of the portal keeps what is marked public:
// such an answer must carry no cookie (it would hand one browser's form
// token to many), and any answer with a cookie is private and not stored.
test("static files carry no cookie; an answer with a cookie is private, no-store", async ({ playwright, baseURL }, info) => {
  test.skip(info.project.name !== "javascript", "HTTP headers: one project is enough");
  // A fresh client: no cookies, as a cache's first request is.
  const fresh = await playwright.request.newContext({ baseURL });
  const login = await fresh.get("/login");
  expect(login.status()).toBe(200);
  expect(login.headers()["set-cookie"]).toBeTruthy();
  expect(login.headers()["cache-control"]).toBe("private, no-store");
  const html = await login.text();
  const assets = [...html.matchAll(/(?:href|src)="(\/pkg\/[^"]+)"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThan(0);
  for (const path of [...new Set(assets), "/favicon.ico"]) {
    const anon = await playwright.request.newContext({ baseURL });
    const res = await anon.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["set-cookie"], path).toBeUndefined();
    expect(res.headers()["cache-control"], path).toMatch(/^public/);
    await anon.dispose();
  }
  await fresh.dispose();
});
