import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertFixWorks, expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.cleartext-http-url';

describe('py.cleartext-http-url', () => {
  it('reports remote http:// URLs that are requested or configured as endpoints, with a fix to https', async () => {
    const text = lines(
      'import os',
      'import httpx',
      'import requests',
      'from pydantic import Field',
      'PAYMENT_API_URL = "http://api.payments-provider.io/v2"',
      'client = httpx.AsyncClient(base_url="http://catalog.example-shop.io")',
      'def fetch(item):',
      '    return requests.get(f"http://stock.supplier.io/items/{item}", timeout=5)',
      'CRM_ENDPOINT = os.getenv("CRM_ENDPOINT", "http://crm.partner.io/api")',
      'settings = {"webhook_url": "http://hooks.partner.io/" + path}',
      'class Settings:',
      '    auth_server: str = "http://auth.partner.io"',
      '    feed_url: str = Field("http://feed.partner.io/v1", description="stock feed")',
      '    docs_url: str = Field(default="http://docs.partner.io")',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: '"http://api.payments' },
      { at: '"http://catalog' },
      { at: 'f"http://stock' },
      { at: '"http://crm' },
      { at: '"http://hooks' },
      { at: '"http://auth' },
      { at: '"http://feed' },
    ]);
    assert.equal(found[0].category?.id, 'A3');
    assert.ok(found[0].message.includes('api.payments-provider.io'), found[0].message);
    assert.ok((await assertFixWorks('python', text, found[2])).includes('requests.get(f"https://stock.supplier.io/items/{item}"'));
  });

  it('stays quiet on local and cluster hosts, interpolated hosts, namespaces, shown links and messages', async () => {
    const text = lines(
      'import requests',
      'DEV_API_URL = "http://localhost:8000"',
      'LOOPBACK_URL = "http://127.0.0.1:9000/health"',
      'INVENTORY_URL = "http://inventory.shop.svc.cluster.local/items"',
      'ORDERS_URL = "http://orders:8000/api"',
      'METADATA_URL = "http://169.254.169.254/latest/meta-data/"',
      'SVG_NS = "http://www.w3.org/2000/svg"',
      'DOCS_URL = "http://docs.partner.io/guide"',
      'def fetch(host, domain):',
      '    requests.get(f"http://{host}/items")',
      '    requests.get(f"http://api.{domain}/items")',
      '    raise ValueError("see http://status.partner.io for details")',
      '    return requests.get("https://api.partner.io/items")',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
