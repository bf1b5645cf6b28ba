// Debian's Chromium driven by playwright-core; nothing downloads a browser.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://localhost:8787';
export const DEMO_PASSWORD = 'Kundendesk-2026';
export const demo = {
  owner: 'inhaber@alpen-it.example',
  admin: 'admin@alpen-it.example',
  buyer: 'vertrieb@alpen-it.example',
  support: 'support@alpen-it.example',
  standardOwner: 'inhaber@nordlicht.example',
  otherBasicOwner: 'inhaber@bergblick.example',
};
const artifacts = path.resolve(import.meta.dirname, 'artifacts');

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error('Chromium not found: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH');
  return found;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A fresh browser profile (own cookies and storage), like a second colleague's machine. */
export async function newPage(browser, { viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport, locale: 'de-DE' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

export async function signIn(page, email, password = DEMO_PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel(/E-Mail/i).fill(email);
  await page.getByLabel(/Passwort|Password/i).fill(password);
  await page.getByRole('button', { name: /Anmelden|Sign in/i }).click();
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}
