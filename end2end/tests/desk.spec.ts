// The support desk: an agent takes a new case from the queue (bulk "Assign selected"), raises its
// priority and solves it; the customer's reply reopens it and the agent hears of it by email; the
// history tells the agent what happened; the customer closes it themselves and gets the survey.
// With JavaScript and without; every email read at the real SMTP server process.
import { test, expect, signIn, signOut, addUser, waitForMail } from "./fixtures";

test("an agent works a case from the queue; the customer's reply reopens it; the customer closes it", async ({
  page,
  visit,
  portico,
}, info) => {
  test.slow(); // two people, several pages, each checked by axe-core
  const email = `desk.${info.project.name}@janssens.example`;
  const password = "kees's long passphrase";
  const subject = `Spray gun clogs (${info.project.name})`;
  addUser(portico, {
    email,
    name: "Kees Klant",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password,
  });
  await visit("/login");
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queue" })).toHaveCount(0);
  await visit("/cases/new");
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  await expect(toast).toBeVisible();
  const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];
  await signOut(page);

  // The agent's queue: the new case is open and unassigned; take it with the bulk action.
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
  await visit("/queue?assignee=none");
  const tabs = page.getByRole("navigation", { name: "Cases by status" });
  await expect(tabs.getByRole("link", { name: /^Open \(\d+\+?\)$/ })).toHaveAttribute("aria-current", "page");
  const row = page.getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("Unassigned");
  await expect(row).toContainText("New");
  await page.getByLabel(number, { exact: true }).check();
  await page.getByLabel("Assign to").selectOption({ label: "Me" });
  await page.getByRole("button", { name: "Assign selected" }).click();
  await expect(page).toHaveURL(/\/queue\?assignee=none$/);
  await expect(page.getByRole("row").filter({ hasText: subject })).toHaveCount(0); // no longer unassigned
  await visit("/queue?assignee=me");
  await expect(page.getByRole("row").filter({ hasText: subject })).toContainText("Daan Visser");

  // On the case: priority High, then solved.
  await page.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByRole("button", { name: "Assign to me" })).toHaveCount(0); // it is mine
  const form = page.getByRole("region", { name: "Update case" });
  await form.getByLabel("Priority").selectOption({ label: "High" });
  await form.getByLabel("Status").selectOption({ label: "Solved" });
  await form.getByLabel("Resolution").fill("Clean the nozzle with thinner.");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".status-badge")).toHaveText("Solved");
  const history = page.getByRole("region", { name: /^History/ });
  await expect(history).toContainText("Assigned to: Unassigned → Daan Visser");
  await expect(history).toContainText("Priority: Normal → High");
  await expect(history).toContainText("Status: New → Solved");
  await waitForMail(portico, email, new RegExp(`solution proposed for case ${number}`));
  await signOut(page);

  // The customer sees the priority and who works on it, but no history; the reply reopens the case.
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit(`/cases/${number}`);
  const org = page.getByRole("region", { name: "Organization and contact details" });
  await expect(org).toContainText("High");
  await expect(org).toContainText("Daan Visser");
  await expect(page.getByRole("region", { name: /^History/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reopen case" })).toBeVisible();
  await page.getByLabel("New comment").fill("Still clogs after cleaning.");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.locator(".status-badge")).toHaveText("In progress");
  const told = await waitForMail(portico, "daan.visser@portico.example", new RegExp(`${number}`));
  expect(told.text).toContain("Still clogs after cleaning.");

  // "My problem is solved": closed, and the survey comes.
  await page.getByRole("button", { name: "My problem is solved" }).click();
  await expect(page.locator(".status-badge")).toHaveText("Closed");
  await expect(page.getByRole("button", { name: "My problem is solved" })).toHaveCount(0);
  await waitForMail(portico, email, new RegExp(`Case ${number} is closed`));
});

test("an agent asks for new-case emails and corrects a case's details", async ({ page, visit, portico }, info) => {
  test.slow(); // several pages, each checked by axe-core
  const email = `edit.${info.project.name}@janssens.example`;
  const password = "mieke's long passphrase";
  addUser(portico, {
    email,
    name: "Mieke Monteur",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password,
  });
  await visit("/login");
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/account/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Email notifications" })).toBeVisible();
  await page.getByLabel("Email me about every new case").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Your choices are saved.");
  await expect(page.getByLabel("Email me about every new case")).toBeChecked();
  await signOut(page);

  await signIn(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/cases/new");
  await page.getByLabel("Subject").fill(`Polisher vibrates (${info.project.name})`);
  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  await expect(toast).toBeVisible();
  const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];
  const news = await waitForMail(portico, "daan.visser@portico.example", new RegExp(`(New case|Nieuw dossier|Новое обращение) ${number} (from|van|от) Carrosserie Janssens BV`));
  const link = /https?:\/\/\S+\/cases\/\d{8}/.exec(news.text)![0];
  await signOut(page);

  // From the email to the case: the subject was mistyped, the country is another.
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit(new URL(link).pathname);
  const edit = page.getByRole("region", { name: "Edit case" });
  await edit.getByLabel("Subject").fill("   "); // the browser lets spaces through; the server does not
  await edit.getByLabel("Country").fill("Netherlands");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("region", { name: "Edit case" }).getByLabel("Subject")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("region", { name: "Edit case" }).getByLabel("Country")).toHaveValue("Netherlands"); // kept
  await page.getByRole("region", { name: "Edit case" }).getByLabel("Subject").fill(`Polisher vibrates at speed 3 (${info.project.name})`);
  await page.getByRole("region", { name: "Edit case" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Polisher vibrates at speed 3 (${info.project.name})` })).toBeVisible();
  await expect(page.getByRole("region", { name: /^History/ })).toContainText("Country: Belgium → Netherlands");
});

test("an agent logs a phone call as a case for a customer, who gets the confirmation", async ({
  page,
  visit,
  portico,
}, info) => {
  const email = `caller.${info.project.name}@janssens.example`;
  const subject = `Estimate prints blank (${info.project.name})`;
  addUser(portico, {
    email,
    name: "Wim Beller",
    role: "customer",
    account: "Carrosserie Janssens BV",
    language: "en",
    password: "wim's long passphrase",
  });
  await visit("/login");
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/queue");
  await page.getByRole("link", { name: "Log a case" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Log a case for a customer" })).toBeVisible();
  // A refused form (no subject) keeps the company, the contact and the origin chosen.
  await page.getByLabel("Company").selectOption({ label: "Carrosserie Janssens BV" });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("Carrosserie Janssens BV")).toBeVisible();
  await page.getByLabel("Contact", { exact: true }).selectOption({ label: `Wim Beller <${email}>` });
  await page.getByLabel("Case origin").selectOption({ label: "Phone" });
  await page.getByLabel("Subject").fill("   ");
  await page.getByLabel("Description").fill("Called at 9:40: every estimate prints as a blank page.");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Enter a subject.")).toBeVisible();
  await expect(page.getByLabel("Description")).toHaveValue(/every estimate prints as a blank page/);
  await expect(page.getByLabel("Contact", { exact: true })).toHaveValue(/\d+/);
  await expect(page.getByLabel("Case origin")).toHaveValue("phone");
  await page.getByLabel("Subject").fill(subject);
  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  await expect(toast).toBeVisible();
  const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];
  await toast.getByRole("link", { name: `Open case ${number}` }).click();
  const org = page.getByRole("region", { name: "Organization and contact details" });
  await expect(org).toContainText("Wim Beller");
  await expect(page.getByRole("region", { name: "System details" })).toContainText("Phone");
  const mail = await waitForMail(portico, email, new RegExp(`^Case ${number}: created`));
  expect(mail.text).toContain(subject);
});

test("an agent keeps a canned reply and inserts it, filled in, into a case's reply box", async ({
  page,
  visit,
}, info) => {
  const title = `Screenshot please (${info.project.name})`;
  await visit("/login");
  await signIn(page, "olga.petrova@portico.example");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Olga's saved language is Russian; she works this case in English, so she switches (and the
  // page says her pages and emails follow).
  await page.getByRole("button", { name: "EN", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Portico now speaks English to you" })).toBeVisible();
  await visit("/cases/new?account=1");
  await page.getByLabel("Contact", { exact: true }).selectOption({ index: 0 });
  await page.getByLabel("Case origin").selectOption({ label: "Email" });
  await page.getByLabel("Subject").fill(`Blank estimate (${info.project.name})`);
  await page.getByRole("button", { name: "Submit" }).click();
  const toast = page.getByRole("status").filter({ hasText: "created." });
  await expect(toast).toBeVisible();
  const number = /Case (\d{8}): created\./.exec((await toast.textContent()) ?? "")![1];

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Canned replies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Canned replies" })).toBeVisible();
  const form = page.getByRole("form", { name: "New canned reply" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Language").selectOption({ label: "English" });
  await form.getByLabel("Text").fill("Dear {contact}, please attach a screenshot to case {number}. Regards, {agent}");
  await form.getByRole("button", { name: "Save reply" }).click();
  await expect(page.getByRole("status")).toContainText("The canned reply is saved.");
  await expect(page.getByRole("row").filter({ hasText: title })).toContainText("Olga Petrova");

  await visit(`/cases/${number}`);
  await page.getByLabel("Canned reply").selectOption({ label: `${title} (EN)` });
  await page.getByRole("button", { name: "Insert" }).click();
  const box = page.getByLabel("New comment");
  await expect(box).toHaveValue(new RegExp(`^Dear .+, please attach a screenshot to case ${number}\\. Regards, Olga Petrova$`));
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByRole("region", { name: "Case comments (1)" })).toContainText(`screenshot to case ${number}`);
});
