// 1. Registration through the form, and the emailed verification link.
import assert from 'node:assert/strict';
import { api, apiSignIn, browserTest, catalogueLicense, newCustomer, waitForLink } from './helpers.mjs';

browserTest('1-registration', 'a visitor registers through the form and confirms the emailed link', async (session) => {
  const { page } = session;
  const customer = newCustomer('registration');
  await catalogueLicense(customer);

  await session.go('/register');
  await session.step('register form');
  await page.locator('#serial').fill(customer.serial);
  await page.locator('#company_name').fill(customer.companyName);
  await page.locator('#street').fill(customer.street);
  await page.locator('#postal_code').fill(customer.postalCode);
  await page.locator('#city').fill(customer.city);
  await page.locator('#country').selectOption(customer.country);
  await page.locator('#contact_name').fill(customer.contactName);
  await page.locator('#email').fill(customer.email);
  await page.locator('#phone').fill(customer.phone);
  await page.locator('#accept_terms').check();
  assert.equal(await page.locator('#newsletter').isChecked(), false, 'the newsletter box must start unticked');
  await session.step('register form filled');

  await session.submit(page.getByRole('button', { name: 'Register', exact: true }));
  session.expectPath(/^\/registered\/?$/);
  await session.expectHeading('Thank you for registering');
  await session.step('registered');

  const link = await waitForLink(customer.email, 'verify');
  await session.go(link);
  await session.expectHeading('Confirm your email address');
  await session.step('verification link opened');
  await session.submit(page.getByRole('button', { name: 'Confirm my email address', exact: true }));
  session.expectPath(/^\/verify$/);
  await session.expectHeading('Email confirmed');
  await session.step('email confirmed');

  // The account is active now: the API signs the customer in.
  const token = await apiSignIn(customer);
  const me = await api('GET', '/api/me', { token, expect: 200 });
  assert.equal(me.json.status, 'active');
  assert.equal(me.json.serial, customer.serial);
  assert.equal(me.json.company.name, customer.companyName);

  await session.go('/terms');
  await session.step('terms');
  await session.expectHeading(/\bterms\b/i);
});
