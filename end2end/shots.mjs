// Screenshots of the front page for each role at 390 px (for the closing
// note; not a test). Usage: node shots.mjs OUTDIR
import { chromium } from "@playwright/test";
const out = process.argv[2] ?? "/tmp/shots";
const base = process.env.PORTAL_URL ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const roles = [
  ["signed-out", null, null, "/login"],
  ["citizen", "120485-946D", null, "/"],
  ["guardian", "030288-9242", "Emma Nieminen", "/"],
  ["information-right", "070762-984W", "Oskari Nieminen", "/"],
  ["minor", "150612A922B", null, "/tasks/2016:10"],
  ["goals", "120485-946D", null, "/goals"],
];
for (const [name, id, child, path] of roles) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "fi-FI" });
  const page = await ctx.newPage();
  if (id) {
    await page.goto(`${base}/login`);
    await page.locator(`button[data-person="${id}"]`).click();
    await page.waitForURL(`${base}/`);
    if (child) {
      await page.locator("select#subject").selectOption({ label: child });
      await page.getByTestId("whose-records").getByRole("button").click();
      await page.waitForURL(`${base}/`);
    }
  }
  await page.goto(`${base}${path}`);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
  await ctx.close();
}
await browser.close();
