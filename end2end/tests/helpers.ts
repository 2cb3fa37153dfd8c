import { expect, Page, TestInfo } from "@playwright/test";

/** Demo persons (server/demo/archive.json). */
export const people = {
  aino: { id: "120485-946D", name: "Aino Maria Virtanen" },
  juha: { id: "300983-957W", name: "Juha Petteri Virtanen" },
  laura: { id: "030288-9242", name: "Laura Nieminen" },
  emma: { id: "150612A922B", name: "Emma Nieminen" },
  oskari: { id: "021016A9515", name: "Oskari Nieminen" },
  riikka: { id: "070762-984W", name: "Riikka Salo" },
  sanna: { id: "250187-960B", name: "Sanna Heikkinen" },
  antti: { id: "300685-917P", name: "Antti Heikkinen" },
  sofia: { id: "241290-9180", name: "Sofia Lindqvist" },
  david: { id: "TEMP-2024-000123", name: "David Miller" },
};

export const docId = (key: string) => `1.2.246.10.1000001.30.${key}`;

export function usesJs(info: TestInfo): boolean {
  return info.project.name === "javascript";
}

/** Fails the test on any console error or failed request of the page. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}

/** Signs in on the test identification page by clicking the person. */
export async function loginAs(page: Page, info: TestInfo, who: { id: string; name: string }) {
  await page.goto("/login");
  await page.locator(`button[data-person="${who.id}"]`).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("viewer-name")).toHaveText(who.name);
  await hydrated(page, info);
}

/** With JavaScript, waits until the page has hydrated. */
export async function hydrated(page: Page, info: TestInfo) {
  if (usesJs(info)) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
}

/** Chooses to act for the child named `child` (R-GUARD-1..9). */
export async function actFor(page: Page, info: TestInfo, child: string) {
  await page.locator("select#subject").selectOption({ label: child });
  await page.getByTestId("whose-records").getByRole("button", { name: "Näytä" }).click();
  await expect(page).toHaveURL(/\/$/);
  await hydrated(page, info);
  await expect(page.getByTestId("acting-banner")).toContainText(child);
}
