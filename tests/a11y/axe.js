// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on each page given, in
// Debian's chromium driven by playwright-core (no browser download), and
// prints one JSON line per page: its violations (id, impact, nodes).
// Usage: node axe.js PAGE.html...
"use strict";
const path = require("path");
const { chromium } = require("playwright-core");
const axeSource = require("axe-core").source;

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    for (const file of process.argv.slice(2)) {
      const page = await browser.newPage();
      await page.goto("file://" + path.resolve(file));
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() =>
        window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        })
      );
      const violations = result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
      }));
      console.log(JSON.stringify({ page: file, violations }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
