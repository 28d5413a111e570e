// The REST API's reference page (issue #19): rendered from the server's own OpenAPI document, open
// to anyone (it holds no data, like /api/v1/openapi.json); the tokens page links to it; in Dutch
// the page's own words are Dutch around the document's English. Every state checked by axe-core.
import { test, expect, checkA11y } from "./fixtures";

test("the API reference lists every route, in the reader's language", async ({ page, visit }) => {
  test.slow(); // a long page, checked twice by axe-core
  await visit("/developers/api");
  await expect(page.getByRole("heading", { level: 1, name: "REST API reference" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "GET /api/v1/cases", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "POST /api/v1/cases/{number}/files" })).toBeVisible();
  const attach = page.getByRole("article", { name: "POST /api/v1/cases/{number}/files" });
  await expect(attach.getByText("multipart/form-data", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Case", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /The OpenAPI document/ })).toHaveAttribute("href", "/api/v1/openapi.json");
  await checkA11y(page);

  await page.getByRole("button", { name: "NL", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "REST API-naslagwerk" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "PATCH /api/v1/cases/{number}" })).toBeVisible();
  await checkA11y(page);
});
