// A Django template error through the triage: the event's `template` interface (getsentry/sentry
// src/sentry/interfaces/template.py) is the crash-most frame, app code when its file resolves in
// the workspace (and then blamed like any file), not when it resolves nowhere.
import assert from 'node:assert/strict';
import { createFileSource } from '../../../src/core/providers/file/fileSource';
import { openTriageWorkspace } from '../../../src/core/triage/triageWorkspace';
import { runTriage } from '../../../src/core/triage/runTriage';
import { cleanupTempDirs, createTempRepo } from '../../helpers/gitRepo';

const TEMPLATE_V1 =
  '<h1>{{ order.id }}</h1>\n<ul>\n{% for item in order.items %}<li>{{ item.sku }}</li>{% endfor %}\n</ul>\n';
const TEMPLATE_V2 =
  '<h1>{{ order.id }}</h1>\n<ul>\n{% for item in order.items %}<li>{{ item|price }}</li>{% endfor %}\n</ul>\n';
const VIEWS =
  'def detail(request, order_id):\n    order = load(order_id)\n    return render(request, "orders/detail.html", {"order": order})\n';

/** An SDK event as sentry's Django integration shapes one: an exception and the template interface. */
function djangoEvent(templatePath: string): string {
  const lines = TEMPLATE_V2.split('\n');
  return JSON.stringify({
    event_id: 'd'.repeat(32),
    platform: 'python',
    release: 'v1.1.0',
    exception: {
      values: [
        {
          type: 'TemplateSyntaxError',
          value: "Invalid filter: 'price'",
          stacktrace: {
            frames: [
              {
                filename: 'django/template/base.py',
                abs_path: '/usr/local/lib/python3.12/site-packages/django/template/base.py',
                function: 'find_filter',
                module: 'django.template.base',
                lineno: 600,
                in_app: false,
              },
              {
                filename: 'orders/views.py',
                abs_path: '/srv/app/orders/views.py',
                function: 'detail',
                module: 'orders.views',
                lineno: 3,
                in_app: true,
              },
            ].reverse(),
          },
        },
      ],
    },
    template: {
      filename: 'orders/detail.html',
      abs_path: templatePath,
      lineno: 3,
      pre_context: lines.slice(0, 2),
      context_line: lines[2],
      post_context: lines.slice(3, 4),
    },
  });
}

describe('Sentry template frames through the triage', function () {
  this.timeout(120_000);
  after(cleanupTempDirs);

  it('places the template in the workspace as the top app frame, and blames its line', async () => {
    const t = createTempRepo();
    try {
      t.write('orders/views.py', VIEWS);
      t.write('orders/templates/orders/detail.html', TEMPLATE_V1);
      t.commit('orders: detail page');
      t.tag('v1.0.0');
      t.write('README.md', 'orders service\n');
      t.commit('docs: readme');
      t.write('orders/templates/orders/detail.html', TEMPLATE_V2);
      const bug = t.commit('orders: show prices on the detail page');
      t.tag('v1.1.0');
      const ws = await openTriageWorkspace({ dir: t.dir, trusted: true });
      const triage = (text: string) =>
        runTriage(createFileSource(text), ws, {
          limit: 1,
          suspectLimit: 3,
          blameFrames: 5,
          deployFlag: 'v1.0.0..v1.1.0',
        });

      const here = (await triage(djangoEvent('/srv/app/orders/templates/orders/detail.html'))).issues[0];
      assert.deepEqual(
        [here.frames[0].file, here.frames[0].line, here.frames[0].inApp],
        ['orders/templates/orders/detail.html', 3, true],
      );
      assert.equal(here.suspects[0]?.sha, bug, JSON.stringify(here.suspects.map((s) => [s.summary, s.reasons[0]])));

      // A library's template (Django admin's) resolves nowhere here: not app code.
      const admin = '/usr/local/lib/python3.12/site-packages/django/contrib/admin/templates/admin/change_list.html';
      const library = (await triage(djangoEvent(admin))).issues[0];
      assert.deepEqual([library.frames[0].file, library.frames[0].inApp], [null, false]);
      const elsewhere = (await triage(djangoEvent('/srv/app/shared/templates/missing.html'))).issues[0];
      assert.deepEqual([elsewhere.frames[0].file, elsewhere.frames[0].inApp], [null, false]);
    } finally {
      t.cleanup();
    }
  });
});
