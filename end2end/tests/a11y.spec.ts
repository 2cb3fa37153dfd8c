import { AxeBuilder } from "@axe-core/playwright";
import { expect, Page, test, TestInfo } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { actFor, docId, hydrated, loginAs, people, usesJs } from "./helpers";

// Every page the suite visits, for every role, in all
// three languages, at 1280 and 390 px: 0 axe-core violations (WCAG 2.1 A
// and AA, and best practice); no sideways scrolling at 320 px; the served
// HTML of each page through the Nu HTML Checker; the keyboard journeys.

type Who = { id: string; name: string };
type Role = { role: string; who?: Who; child?: string; pages: string[] };

const roles: Role[] = [
  { role: "signed out", pages: ["/login", "/signed-out", "/accessibility", "/contact", "/privacy", "/no/such/page"] },
  {
    role: "citizen",
    who: people.aino,
    pages: [
      "/",
      "/tasks/2016:26",
      "/tasks/2016:26?from=2023-02-01&to=2023-02-02",
      "/tasks/2016:26?from=2025-06-30&to=2025-01-01",
      `/documents/${docId("A01")}`,
      "/disclosures",
      "/use-of-information",
      "/goals",
      "/no/such/page",
      "/documents/no-such-document",
      "/tasks/9999:99",
    ],
  },
  {
    role: "guardian",
    who: people.laura,
    child: "Emma Nieminen",
    pages: ["/", "/tasks/2016:10", `/documents/${docId("E01")}`, "/disclosures"],
  },
  {
    role: "information-right holder",
    who: people.riikka,
    child: "Oskari Nieminen",
    pages: ["/", "/tasks/2016:24", "/disclosures", "/goals"],
  },
  { role: "person without documents", who: people.riikka, pages: ["/", "/disclosures", "/use-of-information"] },
  { role: "minor", who: people.emma, pages: ["/", "/tasks/2016:10", `/documents/${docId("E04")}`] },
];

const languages = ["fi", "sv", "en"] as const;
const names = { fi: "Suomi", sv: "Svenska", en: "English" };

/** Chooses a language with the header's form (kept for the person). */
async function choose(page: Page, info: TestInfo, lang: string) {
  await page.getByTestId("language-choice").getByRole("button", { name: names[lang as keyof typeof names] }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await hydrated(page, info);
}

async function signIn(page: Page, info: TestInfo, r: Role) {
  await page.context().clearCookies();
  if (!r.who) return;
  await loginAs(page, info, r.who);
  if (r.child) await actFor(page, info, r.child);
}

/** No element wider than the window: the page does not scroll sideways. */
async function widest(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

for (const r of roles) {
  test(`axe: 0 violations for the ${r.role} on every page, in fi, sv and en, at 1280 and 390 px`, async ({ page }, info) => {
    test.skip(!usesJs(info), "axe-core runs in the page");
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, info, r);
    try {
      for (const lang of languages) {
        await page.goto(r.pages[0]);
        await hydrated(page, info);
        await choose(page, info, lang);
        for (const path of r.pages) {
          for (const width of [1280, 390]) {
            await page.setViewportSize({ width, height: 900 });
            await page.goto(path);
            await hydrated(page, info);
            await expect(page.locator("html")).toHaveAttribute("lang", lang);
            const result = await new AxeBuilder({ page })
              .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
              .analyze();
            const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
            expect(found, `${r.role} ${lang} ${width}px ${path}`).toEqual([]);
          }
        }
      }
    } finally {
      // The suite's other tests read these persons in Finnish.
      if (r.who) {
        await page.goto(r.pages[0]);
        await choose(page, info, "fi");
      }
    }
  });

  test(`no sideways scrolling at 320 px for the ${r.role}, in every language`, async ({ page }, info) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 320, height: 640 });
    await signIn(page, info, r);
    try {
      for (const lang of languages) {
        await page.goto(r.pages[0]);
        await choose(page, info, lang);
        for (const path of r.pages) {
          await page.goto(path);
          await hydrated(page, info);
          expect(await widest(page), `${r.role} ${lang} ${path}`).toBeLessThanOrEqual(320);
        }
      }
    } finally {
      if (r.who) {
        await page.goto(r.pages[0]);
        await choose(page, info, "fi");
      }
    }
  });
}

test("the served HTML of every page passes the Nu HTML Checker", async ({ page }, info) => {
  test.skip(usesJs(info), "the served HTML is the same with and without JavaScript: checked once");
  test.setTimeout(180_000);
  const dir = join(info.outputDir, "served");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (const r of roles) {
    await signIn(page, info, r);
    for (const path of r.pages) {
      const res = await page.request.get(path);
      writeFileSync(join(dir, `${String(n++).padStart(2, "0")}-${r.role.replace(" ", "-")}.html`), await res.text());
    }
  }
  const jar = join(__dirname, "..", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
  // vnu writes its JSON report to standard error.
  const run = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always", dir], {
    encoding: "utf8",
  });
  expect(run.error, "java -jar vnu.jar").toBeUndefined();
  const report = JSON.parse(run.stderr) as { messages: { url: string; message: string }[] };
  // No exceptions: Leptos's own preload links carried the nonce in
  // `crossorigin` (leptos-rs/leptos#4843); the portal's script loader has none.
  const errors = report.messages.map((m) => `${m.url.split("/").pop()}: ${m.message}`);
  expect(errors).toEqual([]);
  expect(n).toBeGreaterThan(15);
});

test("keyboard: skip link, act for a child, open a document, sign out, without a mouse", async ({ page }, info) => {
  test.skip(!usesJs(info), "focus moves are the hydrated app's");
  await page.context().clearCookies();
  await loginAs(page, info, people.laura);
  const active = () => page.evaluate(() => {
    const e = document.activeElement;
    return e ? `${e.tagName.toLowerCase()}#${e.id}.${e.getAttribute("data-testid") ?? ""}` : "";
  });
  /** Presses Tab until the focused element matches, at most 60 times. */
  async function tabTo(selector: string) {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  }
  // The skip link is the first stop, and it moves focus into the content.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
  await page.keyboard.press("Enter");
  expect(await active()).toContain("main#main");
  // Whose records: the select, a choice by arrow key, the button.
  await tabTo("select#subject");
  await page.keyboard.press("ArrowDown");
  await tabTo('[data-testid="whose-records"] button');
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("acting-banner")).toContainText("Emma Nieminen");
  await hydrated(page, info);
  // A document, by its link: the new page's heading takes focus and its
  // title is announced.
  await tabTo("a.doc-link");
  const title = (await page.evaluate(() => document.activeElement?.textContent)) ?? "";
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/documents\//);
  await expect(page.locator("main h1")).toBeFocused();
  await expect(page.locator("#announcer")).toContainText(title.trim());
  // The frame stayed: the header is there, in the same language.
  await expect(page.getByTestId("acting-banner")).toBeVisible();
  // Sign out.
  await tabTo('form[action="/auth/logout"] button');
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("viewer-name")).toHaveCount(0);
});

test("print: the document, whose it is and the print date, nothing of the frame", async ({ page }, info) => {
  await page.context().clearCookies();
  await loginAs(page, info, people.aino);
  await page.goto(`/documents/${docId("A01")}`);
  await hydrated(page, info);
  await expect(page.locator(".print-button")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.locator(".site-footer")).toBeHidden();
  await expect(page.locator(".breadcrumbs")).toBeHidden();
  await expect(page.locator(".print-button")).toBeHidden();
  await expect(page.getByTestId("print-whose")).toHaveText(`Kenen asiakirja: ${people.aino.name}`);
  await expect(page.locator("#printed-on")).toContainText("Tulostettu");
  await expect(page.locator("main h1")).toBeVisible();
  await page.emulateMedia({ media: "screen" });
});

/** The focused element's ring and the background around it, as the browser computed them. */
async function focusRing(page: Page) {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e || e === document.body) return null;
    const rgba = (c: string) => (c.match(/rgba?\(([^)]+)\)/)?.[1] ?? "0,0,0,0").split(/[ ,/]+/).filter(Boolean).map(Number);
    // The ring is drawn outside the element: what lies behind it is the
    // nearest ancestor's background that is not transparent.
    let bg = [255, 255, 255, 1];
    for (let n = e.parentElement; n; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if ((c[3] ?? 1) > 0) {
        bg = c;
        break;
      }
    }
    const s = getComputedStyle(e);
    const label = `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""} "${(e.textContent ?? "").trim().slice(0, 30)}"`;
    return { label, style: s.outlineStyle, width: parseFloat(s.outlineWidth), inner: rgba(s.outlineColor), outer: rgba(s.boxShadow), bg };
  });
}

/** WCAG's contrast ratio of two sRGB colours. */
function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// A focus indicator of at least 3:1 on every background
// (WCAG 1.4.11). The ring is two rings, a dark one inside a yellow one: on
// any background one of them stands out by 3:1, and they do from each other.
for (const r of roles) {
  test(`focus ring: at least 3:1 on every background, for every control the ${r.role} can Tab to`, async ({ page }, info) => {
    test.skip(usesJs(info), "the ring is the style sheet's: checked once, without JavaScript");
    test.setTimeout(120_000);
    await signIn(page, info, r);
    const weak: string[] = [];
    let seen = 0;
    for (const path of r.pages) {
      await page.goto(path);
      const first = await page.evaluate(() => document.activeElement?.tagName);
      expect(first).toBe("BODY");
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press("Tab");
        const ring = await focusRing(page);
        if (!ring) break; // Tab left the page
        seen++;
        const best = Math.max(contrast(ring.inner, ring.bg), contrast(ring.outer, ring.bg));
        // Both rings opaque: a transparent colour (or no shadow) is no ring.
        const opaque = (c: number[]) => (c[3] ?? 1) === 1;
        if (ring.style !== "solid" || ring.width < 2 || !opaque(ring.inner) || !opaque(ring.outer) ||
            contrast(ring.inner, ring.outer) < 3 || best < 3) {
          weak.push(`${path} ${ring.label}: ${ring.style} ${ring.width}px, ${best.toFixed(2)}:1 on rgb(${ring.bg.slice(0, 3)})`);
        }
        if (i > 0 && (await page.evaluate(() => document.activeElement?.classList.contains("skip-link")))) break; // wrapped round
      }
    }
    expect(weak).toEqual([]);
    expect(seen).toBeGreaterThan(r.pages.length * 3);
  });
}
