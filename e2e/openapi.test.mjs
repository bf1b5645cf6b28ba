import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { BASE_URL, launchBrowser, newPage } from './browser.mjs';

// The validator compiles schemas to code, which workerd forbids; so this check runs here, in Node,
// against the document the running app serves.
let document;
let browser;
before(async () => {
  const response = await fetch(`${BASE_URL}/api/v1/openapi.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  document = await response.json();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const operationsOf = (doc) => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    // The validator resolves references in place; the other tests read the document as served.
    const result = await validator.validate(structuredClone(document));
    assert.deepEqual(result.errors ?? [], [], 'the document does not match the OpenAPI 3.1 schema');
    assert.equal(result.valid, true);
    assert.equal(validator.version, '3.1');
    assert.ok(validator.resolveRefs(), 'the references do not resolve');
  });

  it('tells for every operation who may call it and which errors it answers in the one error shape', () => {
    const operations = operationsOf(document);
    assert.ok(operations.length >= 60, `only ${operations.length} operations`);
    for (const { path, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      if (operation.security.length > 0) {
        assert.deepEqual(operation.security[1], { bearerAuth: operation['x-permission'] ? [operation['x-permission']] : [] }, where);
        assert.ok(operation.responses['401'], `${where} documents no 401`);
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) assert.equal(response.content['application/json'].schema.$ref, '#/components/schemas/ApiError', `${where} ${status}`);
      }
    }
  });
});

describe('the API reference page', () => {
  it('shows every operation, grouped by tag, without a script or a request elsewhere', async () => {
    const { context, page, problems } = await newPage(browser);
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    const response = await page.goto('/api/docs');
    assert.equal(response.status(), 200);
    assert.equal(await page.locator('main article').count(), operationsOf(document).length);
    assert.deepEqual(await page.locator('main > section > h2').allInnerTexts(), [...document.tags.map((tag) => tag.name), 'Schemas']);
    const listCustomers = page.locator('#getCustomers');
    assert.match(await listCustomers.innerText(), /GET\s+\/api\/v1\/customers\s+customers\.read/);
    assert.match(await listCustomers.innerText(), /nextCursor/);
    assert.equal(await page.locator('script').count(), 0);
    assert.deepEqual(
      requests.filter((url) => !url.startsWith(BASE_URL)),
      [],
    );
    // The whole page is tens of thousands of pixels tall: keep its top and one operation.
    await page.screenshot({ path: path.join(import.meta.dirname, 'artifacts', 'api-docs.png') });
    await listCustomers.screenshot({ path: path.join(import.meta.dirname, 'artifacts', 'api-docs-operation.png') });
    assert.deepEqual(problems, []);
    await context.close();
  });
});
