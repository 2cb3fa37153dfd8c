import { expect, test } from "@playwright/test";
import { docId, hydrated, loginAs, people, usesJs, watchConsole } from "./helpers";

// Aino's documents that must never reach her (delayed, special content,
// automatic exclusions, annulled): they must appear nowhere.
const ainoHidden = [
  "Viivästetty selvitys asumisesta",
  "Asiakirja viivästetyssä asiassa",
  "Erityissisältöinen muistio",
  "Asiakirja erityissisältöisessä asiassa",
  "Turvakodin alkuarvio",
  "Turvallisuussuunnitelma",
  "Päätös sosiaalisesta kuntoutuksesta (kumottu)",
  "Viivästetty liite",
  "Erityissisältöinen liite",
];

async function expectNoneOf(page: import("@playwright/test").Page, titles: string[]) {
  const html = await page.content();
  for (const t of titles) expect(html, t).not.toContain(t);
}

test("R-FRONT-1 adult: groups, five newest, info text; hidden documents nowhere", async ({ page }, info) => {
  const errors = watchConsole(page);
  await loginAs(page, info, people.aino);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Omat sosiaalihuollon asiakirjat");
  const working = page.locator('section[data-task="2016:26"]');
  await expect(working.getByRole("heading", { level: 2 })).toHaveText("Työikäisten palvelut");
  await expect(working.locator("li")).toHaveCount(5);
  await expect(working.locator("li").first()).toContainText("Yhteenveto työkokeilusta");
  await expect(working.locator("li").first()).toContainText("18.11.2026");
  await expect(page.locator('section[data-task="2016:25"] li')).toHaveCount(1);
  await expect(page.getByTestId("info-text")).toBeVisible();
  await expect(page.getByTestId("relationship")).toContainText("Johanna Lehto");
  await expectNoneOf(page, ainoHidden);

  // All documents of the task (R-TASK-1), then one document (R-TASK-8).
  await working.getByRole("link", { name: /Näytä kaikki/ }).click();
  await expect(page).toHaveURL(/\/tasks\/2016(:|%3A)26$/);
  await hydrated(page, info);
  await expect(page.locator("table.documents tbody tr")).toHaveCount(18);
  await expectNoneOf(page, ainoHidden);
  await page.getByRole("link", { name: "Päätös ehkäisevästä toimeentulotuesta" }).click();
  await hydrated(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Päätös ehkäisevästä toimeentulotuesta");
  await expect(page.locator(".attachments")).toContainText("Laskelma");
  await expect(page.locator(".doc-body")).toContainText("Oikaisuvaatimusohje");
  await expectNoneOf(page, ainoHidden);
  if (usesJs(info)) expect(errors).toEqual([]);
});

test("R-TASK-3 R-TASK-4 date search and sorting", async ({ page }, info) => {
  await loginAs(page, info, people.aino);
  await page.goto("/tasks/2016:26");
  await hydrated(page, info);
  await page.locator('input[name="from"]').fill("2025-01-01");
  await page.locator('input[name="to"]').fill("2025-06-30");
  await page.locator('select[name="sort"]').selectOption("name");
  await page.locator('select[name="order"]').selectOption("asc");
  await page.getByRole("button", { name: "Hae" }).click();
  await expect(page).toHaveURL(/from=2025-01-01/);
  await hydrated(page, info);
  const rows = page.locator("table.documents tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText("Lausunto, viivästys päättynyt");
  await expect(rows.last()).toContainText("Uusi päätös sosiaalisesta kuntoutuksesta");
});

test("R-DELAY-1 a hidden document's address answers as a missing one", async ({ page }, info) => {
  await loginAs(page, info, people.aino);
  const hidden = await page.goto(`/documents/${docId("A10")}`);
  expect(hidden?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Asiakirjaa tai sivua ei löydy");
  const missing = await page.goto(`/documents/${docId("NOPE")}`);
  expect(missing?.status()).toBe(404);
  await expectNoneOf(page, ainoHidden);
});

test("R-DELAY-4 R-VERSION-1 notices and correction data", async ({ page }, info) => {
  await loginAs(page, info, people.aino);
  await page.goto(`/documents/${docId("A11")}`);
  await expect(page.locator(".delay-ended")).toBeVisible();
  await page.goto(`/documents/${docId("A08")}`);
  await expect(page.getByTestId("correction")).toContainText("Työkokeilun alkamispäivä korjattu.");
});

test("Swedish-speaking client sees her records in Swedish", async ({ page }, info) => {
  await loginAs(page, info, people.sofia);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mina socialvårdshandlingar");
  await expect(page.locator('section[data-task="2016:20"] li')).toHaveCount(5);
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
});

test("R-SPECIAL-4 English-speaking client: special relationship data not shown", async ({ page }, info) => {
  await loginAs(page, info, people.david);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My social-welfare documents");
  await expect(page.getByTestId("relationship")).toHaveCount(0);
  await expect(page.locator('section[data-task="2016:26"] li')).toHaveCount(3);
});

test("R-TASK-7 shared case: both spouses see the joint decision", async ({ page }, info) => {
  await loginAs(page, info, people.juha);
  await page.goto(`/documents/${docId("C01")}`);
  await expect(page.locator(".shared")).toBeVisible();
  // R-SHARED-2: removed from the case before this one was drawn up.
  const later = await page.goto(`/documents/${docId("C03")}`);
  expect(later?.status()).toBe(404);
});

test("sign out ends the session", async ({ page }, info) => {
  await loginAs(page, info, people.aino);
  await page.getByRole("button", { name: "Kirjaudu ulos" }).click();
  await expect(page).toHaveURL(/\/signed-out$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Olet kirjautunut ulos.");
  await expect(page.getByTestId("viewer-name")).toHaveCount(0);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a session ended in another tab: the next move within the page shows sign-in, without the name", async ({ page, context }, info) => {
  test.skip(!usesJs(info), "without JavaScript every move is a page load");
  await loginAs(page, info, people.aino);
  const other = await context.newPage();
  await other.goto("/");
  await other.getByRole("button", { name: "Kirjaudu ulos" }).click();
  await expect(other).toHaveURL(/\/signed-out$/);
  await other.close();
  // The first tab still shows the page it had; a link is followed in the browser.
  await expect(page.getByTestId("viewer-name")).toHaveText(people.aino.name);
  await page.locator("a[href^='/tasks/']").first().click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId("viewer-name")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Kirjaudu ulos" })).toHaveCount(0);
});
