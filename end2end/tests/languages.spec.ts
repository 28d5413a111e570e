// One language per person, dates in their zone, and the ways in, as a Russian and a Dutch reader meet
// them: the switch changes a person's pages and emails; the settings page sets language and time zone;
// someone without an account asks for access in Dutch from the sign-in page and, once support
// approves, gets the welcome email and signs in. Every page is checked by axe-core and for English
// left on a Russian or Dutch page (fixtures' checkTranslated). Runs with JavaScript and without.
import { test, expect, signIn, checkA11y, waitForMail, openAccountMenu, signOut } from "./fixtures";

test("a Dutch customer switches to Russian, sets a time zone, and gets the next email in Russian", async ({
  page,
  visit,
  portico,
}, info) => {
  test.slow(); // several pages, each checked by axe-core
  await visit("/login");
  await signIn(page, "pieter@janssens.example");
  await expect(page.getByRole("heading", { level: 1, name: "Hoe kunnen we u helpen?" })).toBeVisible();
  await checkA11y(page);

  // The header's switch: Russian from now on, pages and emails, and the page says so.
  await page.getByRole("button", { name: "RU", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Теперь портал говорит с вами по-русски" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Чем мы можем вам помочь?" })).toBeVisible();
  await checkA11y(page);

  // His settings page shows it, and takes a time zone.
  await openAccountMenu(page, page.getByRole("link", { name: "Мои настройки" }), "ru");
  await page.getByRole("link", { name: "Мои настройки" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Мои настройки" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Язык" })).toHaveValue("ru");
  await page.getByLabel("Часовой пояс").selectOption("Asia/Yekaterinburg");
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByRole("status")).toContainText("Настройки сохранены.");
  await expect(page.getByLabel("Часовой пояс")).toHaveValue("Asia/Yekaterinburg");
  await checkA11y(page);

  // A case, in Russian: the guide's form, then its email in Russian.
  const subject = `Не печатается отчёт (${info.project.name})`;
  await visit("/cases/new");
  await expect(page.getByRole("heading", { level: 1, name: "Создание обращения" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Пожалуйста, введите соответствующую информацию в поля ниже" })).toBeVisible();
  await page.getByLabel("Тема").fill(subject);
  await page.getByLabel("Описание").fill("Отчёт ОСАГО не формируется.");
  await page.getByRole("combobox", { name: "Продукт" }).fill("Paint Manager");
  await page.getByRole("combobox", { name: "Продукт" }).press("Escape");
  await page.getByRole("button", { name: "Отправить" }).click();
  const toast = page.getByRole("status").filter({ hasText: "Ваше обращение создано. Мы скоро свяжемся с вами." });
  await expect(toast).toBeVisible();
  await expect(toast.getByRole("heading", { name: "Сводка по обращению" })).toBeVisible();
  const number = /(\d{8})/.exec((await toast.textContent()) ?? "")![1];
  await checkA11y(page);
  const mail = await waitForMail(portico, "pieter@janssens.example", new RegExp(`^Обращение ${number} создано`));
  expect(mail.text).toContain("Здравствуйте");

  // The case page writes its date the Russian way, on Yekaterinburg's clock (UTC+5), never "UTC".
  await visit(`/cases/${number}`);
  const opened = page.getByRole("term").filter({ hasText: "Дата/время открытия" }).locator("xpath=following-sibling::dd[1]");
  const written = (await opened.textContent()) ?? "";
  expect(written).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
  const [d, m, y, hh, mm] = written.split(/[.: ]/).map(Number);
  const shownAsUtc = Date.UTC(y, m - 1, d, hh, mm) - 5 * 3600_000;
  expect(Math.abs(Date.now() - shownAsUtc)).toBeLessThan(10 * 60_000);
  await checkA11y(page);

  // Refresh on the list and Print on the case need no JavaScript: plain links.
  await visit("/cases");
  const refresh = page.getByRole("link", { name: "Обновить" });
  await expect(refresh).toHaveAttribute("href", /^\/cases/);
  await visit(`/cases/${number}`);
  await page.getByRole("link", { name: "Версия для печати" }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await checkA11y(page);

  // Back to Dutch for the other tests of this server.
  await page.goto(`${portico.url}/`);
  await page.getByRole("button", { name: "NL", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hoe kunnen we u helpen?" })).toBeVisible();
});

test("someone without an account asks for access in Dutch and, once support approves, signs in", async ({
  page,
  visit,
  portico,
}, info) => {
  test.slow(); // many pages, each checked by axe-core
  const company = `Garage Toegang ${info.project.name}`;
  const email = `lieke.${info.project.name}@toegang.example`;

  // The sign-in page: the three ways to ask for support, and "No access yet?".
  await visit("/login");
  await page.getByRole("button", { name: "NL", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Aanmelden" })).toBeVisible();
  const ways = page.getByRole("region", { name: "Drie manieren om support te vragen" });
  await expect(ways.getByRole("listitem")).toHaveCount(3);
  await expect(ways.getByRole("link", { name: "+31 20 555 0100" })).toHaveAttribute("href", "tel:+31205550100");
  await expect(ways.getByRole("link", { name: "support@portico.example" })).toHaveAttribute("href", "mailto:support@portico.example");
  await checkA11y(page);
  await page.getByRole("link", { name: "Toegang aanvragen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Toegang tot het klantenportaal aanvragen" })).toBeVisible();

  // A mistake comes back next to its field with what was typed; then the request goes.
  await page.getByLabel("Naam en voornaam").fill("Lieke de Wit");
  await page.getByLabel("E-mailadres").fill("lieke@toegang");
  await page.getByLabel("Bedrijf").fill(company);
  await page.getByRole("button", { name: "Aanvraag versturen" }).click();
  await expect(page.getByLabel("E-mailadres")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Bedrijf")).toHaveValue(company);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Bericht (optioneel)").fill("Ik doe de schadeafhandeling.");
  await page.getByRole("button", { name: "Aanvraag versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Bedankt: uw aanvraag is onderweg naar ons supportteam.");
  await checkA11y(page);
  await waitForMail(portico, email, /^We hebben uw aanvraag voor toegang tot het portaal ontvangen$/);

  // Support adds the company, then approves the request into it.
  await page.getByRole("button", { name: "EN", exact: true }).click();
  await visit("/login");
  await signIn(page, "daan.visser@portico.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  await visit("/staff/accounts");
  const form = page.getByRole("form", { name: "New company" });
  await form.getByLabel("Company name").fill(company);
  await form.getByRole("button", { name: "Add company" }).click();
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Access requests" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Access requests" })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("link", { name: "Lieke de Wit" }).click();
  await expect(page.getByText("Ik doe de schadeafhandeling.")).toBeVisible();
  await expect(page.getByLabel("Add as a contact of")).toHaveValue(/\d+/);
  await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("nl");
  await checkA11y(page);
  await page.getByRole("button", { name: "Approve and send the welcome email" }).click();
  await expect(page.getByRole("status")).toContainText("Approved: the contact is added");
  await signOut(page);

  // The welcome email, in Dutch; its link sets the password (this browser reads English) and
  // signs her in, to pages in her own language, Dutch.
  const welcome = await waitForMail(portico, email, /^Welkom bij het klantenportaal$/);
  const link = /https?:\/\/\S+\/password\/set\?token=[0-9a-f]{64}/.exec(welcome.text)![0];
  await page.goto(link.replace(/^https?:\/\/[^/]+/, portico.url));
  await page.getByLabel("New password", { exact: true }).fill("lieke's long passphrase");
  await page.getByLabel("Confirm new password").fill("lieke's long passphrase");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hoe kunnen we u helpen?" })).toBeVisible();
  await checkA11y(page);
});
