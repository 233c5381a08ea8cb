// 14. A customer attaches a screenshot to their incident on the portal, and
// the agent downloads it from the desk's incident page: the same bytes,
// saved under its name.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browserTest, deskSignIn, openIncident, signedInCustomer } from './helpers.mjs';

/** A 1×1 PNG: a real screenshot's format, in a few bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

browserTest('14-attachment', 'a customer attaches a screenshot that the agent downloads', async (session) => {
  const { page } = session;
  const customer = await signedInCustomer(session, 'attach');
  const incidentId = await openIncident(customer, 'Terminal shows an error');
  const folder = mkdtempSync(path.join(tmpdir(), 'spica-attachment-'));
  try {
    const file = path.join(folder, 'zaslon-napaka.png');
    writeFileSync(file, PNG);
    await session.go(`/portal/incidents/${incidentId}`);
    await session.step('customer incident with files');
    await page.getByLabel(/A screenshot, log or export/).setInputFiles(file);
    await session.submit(page.getByRole('button', { name: 'Attach file', exact: true }));
    const listed = page.locator('#attachments a', { hasText: 'zaslon-napaka.png' });
    assert.equal(await listed.count(), 1, 'the attached file is listed on the customer page');
    await session.step('customer incident with the screenshot attached');

    await deskSignIn(session);
    await session.go(`/desk/incidents/${incidentId}`);
    await session.step('desk incident with the customer screenshot');
    const link = page.locator('#attachments a', { hasText: 'zaslon-napaka.png' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'zaslon-napaka.png');
    const saved = path.join(folder, 'downloaded.png');
    await download.saveAs(saved);
    assert.deepEqual(readFileSync(saved), PNG, 'the agent gets the same bytes');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
