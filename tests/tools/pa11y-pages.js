// pa11y (HTML_CodeSniffer, WCAG2AA) on every page named on the command line, in one Debian Chromium.
// Prints one JSON object: {path: [issues of type "error"]}. Used by tests/test_accessibility.py.
"use strict";
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");
const { pathToFileURL } = require("url");

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    headless: true,
  });
  const found = {};
  try {
    for (const path of process.argv.slice(2)) {
      const result = await pa11y(pathToFileURL(path).href, {
        browser, standard: "WCAG2AA", runners: ["htmlcs"], includeWarnings: false, timeout: 60000,
      });
      found[path] = result.issues.filter((issue) => issue.type === "error")
        .map((issue) => ({ code: issue.code, selector: issue.selector, message: issue.message }));
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(found));
})().catch((error) => { console.error(error); process.exit(1); });
