// Support solves and closes a case; the customer gets the solution and the survey by email, answers
// it once from the emailed link without signing in, everyone sees the answer on the case page, and
// the administrator's satisfaction report counts it. With and without JavaScript.
import { test, expect, signIn, signOut, addUser, waitForMail, checkA11y } from "./fixtures";

test("support solves and closes a case, the customer answers the survey", async ({ page, visit, portico }, info) => {
  test.slow(); // two people, several pages, each checked by axe-core
  const email = `survey.${info.project.name}@janssens.example`;
  addUser(portico, {
    email,
    name: "Sanne Survey",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password: "sanne's long passphrase",
  });
  await visit("/login");
  await signIn(page, email, "sanne's long passphrase");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/cases/new");
  await page.getByLabel("Subject").fill("Headlamp calibration fails");
  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  await expect(toast).toBeVisible();
  const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];
  await expect(page.getByLabel("Status")).toHaveCount(0); // customers see no update form
  await signOut(page);

  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit(`/cases/${number}`);
  const form = page.getByRole("region", { name: "Update case" });
  await form.getByLabel("Status").selectOption({ label: "Solved" });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Write the resolution before solving or closing the case.")).toBeVisible();
  await expect(form.getByLabel("Resolution")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Status").selectOption({ label: "Solved" });
  await form.getByLabel("Resolution").fill("Recalibrate with the new target board.");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".status-badge")).toHaveText("Solved");
  await expect(page.getByRole("region", { name: "Impact details" })).toContainText("Recalibrate with the new target board.");
  const solved = await waitForMail(portico, email, new RegExp(`solution proposed for case ${number}`));
  expect(solved.text).toContain("Recalibrate with the new target board.");

  await page.getByRole("region", { name: "Update case" }).getByLabel("Status").selectOption({ label: "Closed" });
  await page.getByRole("region", { name: "Update case" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Survey invitations and responses (1)" })).toBeVisible();
  await expect(page.getByText("Awaiting an answer")).toBeVisible();
  const invitation = await waitForMail(portico, email, new RegExp(`Case ${number} is closed`));
  expect(invitation.text).toContain("works without signing in, for 28 days");
  const link = /https?:\/\/\S+\/survey\?token=[0-9a-f]{64}/.exec(invitation.text)![0];
  await signOut(page);

  // The emailed link answers without signing in.
  const target = new URL(link);
  await visit(target.pathname + target.search);
  await expect(page.getByRole("heading", { level: 1, name: "How did we do?" })).toBeVisible();
  await expect(page.getByText("Headlamp calibration fails")).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the case" })).toHaveCount(0);
  await page.getByRole("button", { name: "Send answer" }).click();
  await expect(page.getByText("Choose how satisfied you are, from 1 to 5.")).toBeVisible();
  const rating = page.getByRole("radiogroup", { name: "How satisfied are you with the help?" });
  await rating.getByLabel("4 – Satisfied").check();
  await page.getByLabel("Anything else you want to tell us? (optional)").fill("Quick and friendly.");
  await page.getByRole("button", { name: "Send answer" }).click();
  await expect(page.getByText("Thank you for your answer.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send answer" })).toHaveCount(0);

  // The link is spent: opened again it shows the answer, never a second form.
  await visit(target.pathname + target.search);
  await expect(page.getByText("Quick and friendly.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send answer" })).toHaveCount(0);

  await visit("/login");
  await signIn(page, email, "sanne's long passphrase");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit(`/cases/${number}`);
  await expect(page.getByRole("heading", { level: 2, name: "Survey invitations and responses (1)" })).toBeVisible();
  await expect(page.getByText("Rated 4 of 5")).toBeVisible();
  await expect(page.getByText("Quick and friendly.")).toBeVisible();
  await signOut(page);

  // The administrator's report counts the answer: chart, table and CSV.
  await signIn(page, "admin@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Satisfaction" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customer satisfaction" })).toBeVisible();
  await page.getByRole("link", { name: "Month" }).click();
  await expect(page.getByRole("link", { name: "Month" })).toHaveAttribute("aria-current", "page");
  await page.getByLabel("Period").selectOption({ label: "Last 30 days" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/by=month&period=30d/);
  await expect(page.getByRole("img", { name: "Average rating (1 to 5)" })).toBeVisible();
  const month = new Date().toISOString().slice(0, 7);
  const row = page.getByRole("row", { name: new RegExp(`^${month}`) });
  await expect(row).toBeVisible();
  await expect(page.getByRole("row", { name: /^All answers/ })).toBeVisible();
  const csv = await page.request.get(`/desk/satisfaction.csv?by=month&period=30d`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(`${month},`);
  await checkA11y(page);
});
