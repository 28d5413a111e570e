// The database goes away under a signed-in person (PostgreSQL restarted, a fail-over): the page
// they ask for says clearly that the portal is briefly unavailable (HTTP 503, an accessible page in
// their language) instead of signing them out or claiming the page does not exist; when the
// database is back, "Try again" brings the page, still signed in, without restarting Portico.
// Runs with JavaScript and without it.
import { test, expect } from "@playwright/test";
import { checkA11y, signIn, startPortico, startPostgres, OwnPostgres, Portico } from "./fixtures";

let postgres: OwnPostgres;
let portico: Portico;
let stopPortico: () => Promise<void>;

test.beforeAll(async () => {
  postgres = await startPostgres();
  const started = await startPortico(false, true, false, { PORTICO_DATABASE_URL: postgres.url });
  portico = started.portico;
  stopPortico = started.stop;
});

test.afterAll(async () => {
  await stopPortico?.();
  postgres?.remove();
});

test("a database outage shows a clear, accessible 503 page and the portal recovers", async ({ page }) => {
  await page.goto(`${portico.url}/cases`);
  await signIn(page, "emma.clarke@northwind.example");
  await expect(page.getByRole("heading", { level: 1, name: "My cases" })).toBeVisible();

  postgres.stop();
  try {
    const answer = await page.goto(`${portico.url}/cases`);
    expect(answer?.status()).toBe(503);
    expect(answer?.headers()["retry-after"]).toBe("5");
    await expect(page.getByRole("heading", { level: 1, name: "Portico is briefly unavailable" })).toBeVisible();
    await expect(page.getByText("Please try again in a minute.")).toBeVisible();
    await expect(page).toHaveTitle("Portico is briefly unavailable");
    await checkA11y(page);
  } finally {
    postgres.start();
  }

  // Back: the same link, the same session.
  await page.getByRole("link", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My cases" })).toBeVisible();
  await expect(page).toHaveURL(/\/cases$/);
  await checkA11y(page);
});
