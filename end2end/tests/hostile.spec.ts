import { expect, test } from "@playwright/test";
import { hydrated, people, watchConsole } from "./helpers";

// A second portal, started by .ci/test on a store holding only
// end2end/fixtures/hostile.json: a document whose title, XHTML body and
// attachment name try to run script and to load from another host.
const HOSTILE = process.env.HOSTILE_URL ?? "http://127.0.0.1:3002";
const title = 'Hostile </title><script>window.pwned=1</script><img src=x onerror="window.pwned=2">';

test("a hostile archive runs no script and loads nothing from another host", async ({ page }, info) => {
  const foreign: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(HOSTILE)) foreign.push(r.url());
  });
  const errors = watchConsole(page);
  await page.goto(`${HOSTILE}/login`);
  await page.locator(`button[data-person="${people.aino.id}"]`).click();
  await expect(page.getByTestId("viewer-name")).toHaveText(people.aino.name);
  await hydrated(page, info);
  // The title is text on the front page…
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.getByRole("link", { name: title }).click();
  // …and in the document view and the window title.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await hydrated(page, info);
  await expect(page).toHaveTitle(`${title} – Sosiaalihuollon asiakirjat`);
  await expect(page.getByRole("link", { name: "Liite </title><script>window.pwned=5</script>" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await page.reload();
  await hydrated(page, info);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(foreign).toEqual([]);
  expect(errors.filter((e) => !e.includes("Failed to load resource"))).toEqual([]);
});
