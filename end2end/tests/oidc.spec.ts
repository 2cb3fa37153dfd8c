import { expect, Page, test } from "@playwright/test";
import { hydrated, people } from "./helpers";

// A third portal, started by .ci/test with PORTAL_AUTH=oidc against a real
// OpenID provider (end2end/oidc/provider.mjs: `oidc-provider` on loopback,
// the demo persons as its accounts, `private_key_jwt` for the portal).
const PORTAL = process.env.OIDC_PORTAL_URL ?? "http://127.0.0.1:3004";
const PROVIDER = process.env.OIDC_PROVIDER_URL ?? "http://127.0.0.1:3005";

// This walk crosses two servers and a browser's cache clearing; it once
// failed once on a CI machine and never here in 26 runs. One retry, and
// Playwright reports it as flaky rather than hiding it.
test.describe.configure({ retries: 1 });

/** The provider's page imports a web font; this machine has no network. */
async function offline(page: Page) {
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
}

/** Starts sign-in on the portal and signs in on the provider's own page. */
async function signInAtProvider(page: Page, login: string) {
  await page.goto(`${PORTAL}/login`);
  await page.getByTestId("oidc-sign-in").click();
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("OIDC: sign in at the provider, act for a child, sign out here and there", async ({ page }, info) => {
  await offline(page);
  const callbacks: string[] = [];
  page.on("request", (r) => {
    if (r.url().startsWith(`${PORTAL}/auth/oidc/callback`)) callbacks.push(r.url());
  });
  await signInAtProvider(page, people.laura.id);
  await expect(page).toHaveURL(`${PORTAL}/`);
  await expect(page.getByTestId("viewer-name")).toHaveText(people.laura.name);
  await expect(page.getByTestId("test-banner")).toHaveCount(0);
  await hydrated(page, info);
  await page.locator("select#subject").selectOption({ label: people.emma.name });
  await page.getByTestId("whose-records").getByRole("button", { name: "Näytä" }).click();
  await expect(page.getByTestId("acting-banner")).toContainText(people.emma.name);
  await hydrated(page, info);

  // The same callback again (a replayed code and state): refused, and the
  // session it came with is untouched.
  expect(callbacks).toHaveLength(1);
  const answer = await page.goto(callbacks[0]);
  expect(answer?.status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tunnistautuminen epäonnistui");
  await page.goto(`${PORTAL}/`);
  await expect(page.getByTestId("acting-banner")).toContainText(people.emma.name);
  await hydrated(page, info);

  // Sign out: the portal's session ends, then the provider's (RP-initiated logout).
  await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/session/end`));
  await page.getByRole("button", { name: /Yes, sign me out/i }).click();
  await expect(page).toHaveURL(`${PORTAL}/signed-out`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Olet kirjautunut ulos.");
  await page.goto(`${PORTAL}/`);
  await expect(page).toHaveURL(`${PORTAL}/login`);
  // Signed out at the provider too: signing in again asks for the login.
  await page.getByTestId("oidc-sign-in").click();
  // The address first: on failure it says where the browser ended up.
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/interaction/`));
  await expect(page.locator('input[name="login"]')).toBeVisible();
});

test("OIDC: a wrong state is refused", async ({ page }) => {
  await offline(page);
  await page.goto(`${PORTAL}/login`);
  const answer = await page.goto(`${PORTAL}/auth/oidc/callback?code=abc&state=not-ours`);
  expect(answer?.status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tunnistautuminen epäonnistui");
  await page.goto(`${PORTAL}/`);
  await expect(page).toHaveURL(`${PORTAL}/login`);
});

test("OIDC: a person the portal has no records of gets a clear page, not a session", async ({ page }) => {
  await offline(page);
  await signInAtProvider(page, "010101A123N");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sinulla ei ole asiakirjoja tässä palvelussa");
  await page.goto(`${PORTAL}/`);
  await expect(page).toHaveURL(`${PORTAL}/login`);
});
