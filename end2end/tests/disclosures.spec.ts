import { expect, test } from "@playwright/test";
import { actFor, docId, hydrated, loginAs, people, usesJs, watchConsole } from "./helpers";

// Everyone who searched Aino's data (server/demo/archive.json): never shown (R-DISC-2).
const professionals = ["Pertti Ammattilainen", "Riitta Hakija", "Salla Salainen", "Kalle Kyselijä"];

test("R-DISC-1 R-DISC-2 R-DISC-3 the disclosure log, on its page and with a document", async ({ page }, info) => {
  const errors = watchConsole(page);
  await loginAs(page, info, people.aino);
  await page.getByRole("link", { name: "Tietojen luovutukset" }).click();
  await expect(page).toHaveURL(/\/disclosures$/);
  await hydrated(page, info);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tietojen luovutukset");
  const rows = page.locator("table.disclosure-table tbody tr");
  // Newest first; the disclosure of a special-content document is not there (R-DISC-3).
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("18.6.2025 09:05");
  await expect(rows.nth(0)).toContainText("Pirkanmaan hyvinvointialue");
  await expect(rows.nth(1)).toContainText("Länsi-Uudenmaan hyvinvointialue");
  await expect(rows.nth(2)).toContainText("Helsingin kaupungin sosiaalipalvelut");
  const html = await page.content();
  for (const name of [...professionals, "Salainen Vastaanottaja"]) expect(html, name).not.toContain(name);

  // From the log to the document, which lists its own disclosures.
  await rows.nth(1).getByRole("link", { name: "Sosiaalihuollon lausunto" }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${docId("A05").replace(/\./g, "\\.")}$`));
  await hydrated(page, info);
  const own = page.getByTestId("document-disclosures");
  await expect(own).toContainText("Länsi-Uudenmaan hyvinvointialue");
  await expect(own).not.toContainText("Pirkanmaan");
  for (const name of professionals) expect(await page.content(), name).not.toContain(name);
  if (usesJs(info)) expect(errors).toEqual([]);
});

test("R-DISC-3 a guardian sees only the disclosures of documents shown to guardians", async ({ page }, info) => {
  await loginAs(page, info, people.laura);
  await actFor(page, info, "Emma Nieminen");
  await page.goto("/disclosures");
  await hydrated(page, info);
  await expect(page.locator("table.disclosure-table tbody tr")).toHaveCount(1);
  await expect(page.locator("table.disclosure-table")).toContainText("Nuorisopsykiatrian poliklinikka");
  expect(await page.content()).not.toContain("Koulukuraattori");
});
