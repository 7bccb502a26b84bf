import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentOf } from '../../../server/src/audit/components';

describe('componentOf', () => {
  it('files the example system by its folders', () => {
    const cases: Record<string, string> = {
      'backend/app/routers/orders.py': 'backend',
      'web/app/api/orders/[id]/route.ts': 'web',
      'web/components/CmsBlockView.tsx': 'web',
      'mobile/src/api/client.ts': 'mobile',
      'mobile/App.tsx': 'mobile',
      'k8s/api-deployment.yaml': 'infrastructure',
      'cloudformation/stack.yaml': 'infrastructure',
      '.github/workflows/ci.yml': 'infrastructure',
      'docker-compose.yml': 'infrastructure',
      'backend/requirements.txt': 'dependencies',
      'web/package.json': 'dependencies',
      'web/pnpm-lock.yaml': 'dependencies',
    };
    assert.deepEqual(Object.fromEntries(Object.keys(cases).map((p) => [p, componentOf(p)])), cases);
  });

  it('lets the folder nearest the root decide, so an api/ folder inside the web app stays web', () => {
    assert.equal(componentOf('frontend/src/api/client.ts'), 'web');
    assert.equal(componentOf('services/billing/web/handler.py'), 'backend');
    assert.equal(componentOf('deploy/helm/templates/web.yaml'), 'infrastructure');
    assert.equal(componentOf('ios/Podfile.lock'), 'dependencies', 'a manifest is a dependency wherever it is');
  });

  it('falls back to the language when no folder names a component', () => {
    assert.equal(componentOf('jobs/cleanup.py'), 'backend');
    assert.equal(componentOf('src/index.js'), 'web');
    assert.equal(componentOf('config/pod.yml'), 'infrastructure');
    assert.equal(componentOf('main.tf'), 'infrastructure');
    assert.equal(componentOf('app/src/main/AndroidManifest.xml'), 'mobile', 'an Android manifest is the mobile app wherever it is');
    assert.equal(componentOf('ShopMobile/Info.plist'), 'mobile');
  });

  it('accepts Windows separators and ./ prefixes, and ignores case', () => {
    assert.equal(componentOf('.\\Mobile\\src\\Screen.tsx'), 'mobile');
    assert.equal(componentOf('./Backend/API.py'), 'backend');
  });
});
