// Signing in and out, with JavaScript and without it.
import { test, expect, signIn, signOut, openAccountMenu, checkA11y } from "./fixtures";

test("a protected page asks for sign-in and comes back after it", async ({ page, visit }) => {
  await visit("/cases");
  await expect(page).toHaveURL(/\/login\?next=%2Fcases$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await signIn(page, "sophie@janssens.example");
  await expect(page).toHaveURL(/\/cases$/);
  // Sophie reads Dutch, her saved language.
  await expect(page.getByRole("heading", { level: 1, name: "Mijn dossiers" })).toBeVisible();
});

test("a wrong password is refused with a message beside the form", async ({ page, visit }) => {
  await visit("/login");
  await signIn(page, "sophie@janssens.example", "not-the-password");
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "portico_session")).toBeUndefined();
});

test("the sign-in page speaks the chosen language", async ({ page, visit }) => {
  await visit("/login");
  await page.getByRole("button", { name: "NL" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Aanmelden" })).toBeVisible();
  await page.getByLabel("E-mailadres").fill("pieter@janssens.example");
  await page.getByLabel("Wachtwoord").fill("fout-wachtwoord");
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page.getByRole("alert")).toHaveText("Onjuist e-mailadres of wachtwoord.");
});

test("signing out ends the session", async ({ page, visit }) => {
  await visit("/");
  await signIn(page, "emma.clarke@northwind.example");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help you?" })).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === "portico_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  await signOut(page);
  await visit("/");
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
});

test("a Russian customer changes the password from the account menu, all in Russian", async ({ page, visit }) => {
  // The browser speaks English; Maria's saved language is Russian, so every page after sign-in is.
  await visit("/login");
  await signIn(page, "maria.smirnova@audatex-ru.example");
  await expect(page.getByRole("heading", { level: 1, name: "Чем мы можем вам помочь?" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await openAccountMenu(page, page.getByRole("link", { name: "Смена пароля" }), "ru");
  await page.getByRole("link", { name: "Смена пароля" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Смена пароля" })).toBeVisible();

  await page.getByLabel("Текущий пароль").fill("portico-demo-2026");
  await page.getByLabel("Новый пароль", { exact: true }).fill("password123");
  await page.getByLabel("Повторите новый пароль").fill("password124");
  await page.getByRole("button", { name: "Сменить пароль" }).click();
  await expect(page.getByText("Этот пароль слишком легко угадать.")).toBeVisible();
  await expect(page.getByText("Новые пароли не совпадают.")).toBeVisible();
  await expect(page.getByLabel("Новый пароль", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await checkA11y(page);

  await page.getByLabel("Текущий пароль").fill("portico-demo-2026");
  await page.getByLabel("Новый пароль", { exact: true }).fill("Samovar-Birch-Lantern-42");
  await page.getByLabel("Повторите новый пароль").fill("Samovar-Birch-Lantern-42");
  await page.getByRole("button", { name: "Сменить пароль" }).click();
  await expect(page.getByRole("status")).toContainText("Пароль изменён.");

  // Signed out, this browser keeps her language.
  await signOut(page, "ru");
  await expect(page.getByRole("heading", { level: 1, name: "Вход" })).toBeVisible();
  await signIn(page, "maria.smirnova@audatex-ru.example", "portico-demo-2026", "ru");
  await expect(page.getByRole("alert")).toHaveText("Неверный адрес электронной почты или пароль.");
  await signIn(page, "maria.smirnova@audatex-ru.example", "Samovar-Birch-Lantern-42", "ru");
  await expect(page.getByRole("heading", { level: 1, name: "Чем мы можем вам помочь?" })).toBeVisible();
});
