// 15. Registration in Slovenian (issue 23): a browser whose language is
// Slovenian registers through the form, confirms the emailed link and signs
// in, reading Slovenian on every public page; the contact is written to in
// Slovenian, and signing in keeps the language in the `lang` cookie.
// 1-registration is the same journey in English.
import assert from 'node:assert/strict';
import {
  BASE_URL, api, apiSignIn, browserTest, catalogueLicense, messageIds, newCustomer, waitForLink,
} from './helpers.mjs';

browserTest('15-registration-sl', 'a Slovenian visitor registers, confirms and signs in in Slovenian', async (session) => {
  const { page } = session;
  const customer = newCustomer('registration-sl');
  await catalogueLicense(customer);
  const slovenian = async () => {
    assert.equal(await page.locator('html').getAttribute('lang'), 'sl', `${session.path()} is not Slovenian`);
  };

  await session.go('/');
  await slovenian();
  await session.expectHeading('Podpora za uporabnike Time & Space');
  await session.step('domaca stran');
  await session.submit(page.getByRole('link', { name: 'Registracija', exact: true }).last());
  session.expectPath('/register');
  await slovenian();
  await session.expectHeading('Registracija uporabnika Time & Space');
  assert.equal(await page.locator('#language').inputValue(), 'sl', 'the browser\'s language is offered');
  await session.step('obrazec za registracijo');

  await page.locator('#serial').fill(customer.serial);
  await page.locator('#company_name').fill(customer.companyName);
  await page.locator('#street').fill(customer.street);
  await page.locator('#postal_code').fill(customer.postalCode);
  await page.locator('#city').fill(customer.city);
  // The country is a text field or a select of names (issue 23's phones and countries).
  const country = page.locator('#country');
  if ((await country.evaluate((element) => element.tagName)) === 'SELECT') await country.selectOption(customer.country);
  else await country.fill(customer.country);
  await page.locator('#contact_name').fill(customer.contactName);
  await page.locator('#email').fill(customer.email);
  await page.locator('#phone').fill(customer.phone);
  await page.getByLabel('Sprejemam pogoje neposredne podpore').check();
  await session.step('izpolnjen obrazec za registracijo');
  await session.submit(page.getByRole('button', { name: 'Registrirajte se', exact: true }));
  session.expectPath(/^\/registered\/?$/);
  await slovenian();
  await session.expectHeading('Hvala za registracijo');
  await session.step('registracija oddana');

  const link = await waitForLink(customer.email, 'verify');
  await session.go(link);
  await slovenian();
  await session.expectHeading('Potrdite e-poštni naslov');
  await session.step('povezava za potrditev');
  await session.submit(page.getByRole('button', { name: 'Potrdite moj e-poštni naslov', exact: true }));
  await session.expectHeading('E-poštni naslov je potrjen');
  await session.step('naslov potrjen');

  const token = await apiSignIn(customer);
  const me = await api('GET', '/api/me', { token, expect: 200 });
  assert.equal(me.json.language, 'sl', 'the contact reads Slovenian, as the form offered');

  await session.go('/sign-in');
  await slovenian();
  await session.step('prijava');
  const before = await messageIds(customer.email);
  await page.getByLabel('Vaš e-poštni naslov').fill(customer.email);
  await session.submit(page.getByRole('button', { name: 'Pošljite mi povezavo za prijavo', exact: true }));
  await session.expectHeading('Preverite e-pošto');
  await session.step('preverite e-posto');
  const signIn = await waitForLink(customer.email, 'signIn', { except: before });
  await session.go(signIn);
  await slovenian();
  await session.step('povezava za prijavo');
  await session.submit(page.getByRole('button', { name: 'Prijavite se v podporo za Time & Space', exact: true }));
  session.expectPath(/^\/portal\/?$/);
  await session.step('portal po prijavi');
  const cookies = await session.context.cookies(BASE_URL);
  assert.ok(
    cookies.some((cookie) => cookie.name === 'lang' && cookie.value === 'sl'),
    `signing in kept no lang=sl cookie: ${JSON.stringify(cookies.map((c) => c.name))}`,
  );

  await session.go('/terms');
  await slovenian();
  await session.expectHeading('Pogoji neposredne podpore');
  await session.step('pogoji');
}, { locale: 'sl-SI' });
