// Signs a test person in and prints the cookies as a Lighthouse --extra-headers
// file (for measuring signed-in pages; not a test). Usage: node cookie.mjs [ID]
import { chromium } from "@playwright/test";
const base = process.env.PORTAL_URL ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const ctx = await browser.newContext({ locale: "fi-FI" });
const page = await ctx.newPage();
await page.goto(`${base}/login`);
await page.locator(`button[data-person="${process.argv[2] ?? "120485-946D"}"]`).click();
await page.waitForURL(`${base}/`);
const cookies = await ctx.cookies();
console.log(JSON.stringify({ Cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") }));
await browser.close();
