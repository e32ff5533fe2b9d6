// Browser half of bench-console.sh: Chromium (driven by the playwright-core that Playwright for
// Java ships) signs in as a viewer, loads the dashboard RUNS times, then keeps it open for
// WATCH_SECONDS and sums what its refreshes transferred (headers and bodies).
//   node bench-console-browser.js BASE_URL USER PASSWORD MODE   (MODE: load | watch)
const { chromium } = require(process.env.PW_PACKAGE);
const [base, user, password, mode] = process.argv.slice(2);
const runs = Number(process.env.RUNS || 3);
const watchSeconds = Number(process.env.WATCH_SECONDS || 60);

(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(base + "/login");
  await page.getByLabel("User name").fill(user);
  await page.getByLabel("Password").fill(password);
  await Promise.all([page.waitForNavigation(), page.locator("form button[type=submit]").click()]);
  if (mode === "load") {
    const times = [];
    let nodes = 0;
    for (let i = 0; i < runs; i++) {
      const start = Date.now();
      await page.goto(base + "/", { waitUntil: "load" });
      times.push(Date.now() - start);
      nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
    }
    times.sort((a, b) => a - b);
    const tiles = await page.locator("article.tile").count();
    console.log(`chromium page load: median ${times[Math.floor(times.length / 2)]} ms (${times.join(", ")} ms), ${nodes} DOM elements, ${tiles} tiles`);
  } else {
    await page.goto(base + "/", { waitUntil: "load" });
    const seen = [];
    page.on("requestfinished", async (request) => {
      if (request.url().includes("/fragments/estate")) {
        const sizes = await request.sizes();
        const response = await request.response();
        seen.push({ status: response.status(), bytes: sizes.responseHeadersSize + sizes.responseBodySize });
      }
    });
    await page.waitForTimeout(watchSeconds * 1000);
    const bytes = seen.reduce((sum, r) => sum + r.bytes, 0);
    const notModified = seen.filter((r) => r.status === 304).length;
    const perMinute = Math.round((bytes * 60) / watchSeconds);
    console.log(`refresh: ${seen.length} polls in ${watchSeconds} s, ${notModified} × 304, ${seen.length - notModified} × 200, ${perMinute} bytes per minute`);
  }
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
