import { expect, test } from "@playwright/test";
import { actFor, docId, hydrated, loginAs, people, usesJs, watchConsole } from "./helpers";

test("R-GUARD-10 guardian acts for a child and sees only what guardians may", async ({ page }, info) => {
  const errors = watchConsole(page);
  await loginAs(page, info, people.laura);
  await actFor(page, info, "Emma Nieminen");
  const html = await page.content();
  for (const withheld of ["Emman oma muistio tapaamisesta", "Työntekijän arvio nuoren tilanteesta", "Päätös tukihenkilöstä", "Viivästetty lastensuojelun selvitys"]) {
    expect(html, withheld).not.toContain(withheld);
  }
  await expect(page.locator('section[data-task="2016:10"]')).toContainText("Asiakassuunnitelman tarkistus");
  // R-GUARD-13: the shared family-work case is Laura's too.
  await expect(page.locator('section[data-task="2016:24"]')).toContainText("Päätös perhetyöstä");
  if (usesJs(info)) expect(errors).toEqual([]);
  // A withheld document answers 404 (and the browser logs that 404).
  const hidden = await page.goto(`/documents/${docId("E04")}`);
  expect(hidden?.status()).toBe(404);
  // Back to her own records with one click.
  await page.goto("/");
  await hydrated(page, info);
  await page.getByTestId("acting-banner").getByRole("button").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("acting-banner")).toHaveCount(0);
  await expect(page.locator('section[data-task="2016:24"]')).toContainText("Lausunto vanhemman jaksamisesta");
});

test("R-GUARD-3 another guardian's protection order stops a guardian, one's own does not", async ({ page }, info) => {
  // Sanna has the order herself (L8744–8750): she may act for Leo; Antti may not.
  await loginAs(page, info, people.sanna);
  await actFor(page, info, "Leo Heikkinen");
  await loginAs(page, info, people.antti);
  await expect(page.locator("select#subject")).toHaveCount(0);
});

test("R-GUARD-9 an information-right holder acts as a guardian", async ({ page }, info) => {
  await loginAs(page, info, people.riikka);
  await actFor(page, info, "Oskari Nieminen");
  await expect(page.locator('section[data-task="2016:24"] li')).toHaveCount(2);
  expect(await page.content()).not.toContain("Isyyden selvittäminen");
});

test("R-GUARD-14 a minor sees which documents are not shown to guardians", async ({ page }, info) => {
  await loginAs(page, info, people.emma);
  await page.goto("/tasks/2016:10");
  await hydrated(page, info);
  const row = page.locator("tr", { hasText: "Emman oma muistio tapaamisesta" });
  await expect(row.locator(".withheld")).toHaveText("Tätä asiakirjaa ei näytetä huoltajillesi.");
  await expect(page.locator("tr .withheld")).toHaveCount(3);
  await row.getByRole("link").click();
  await expect(page.locator("article .withheld")).toBeVisible();
});
