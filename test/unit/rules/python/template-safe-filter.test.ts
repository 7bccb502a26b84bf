import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.template-safe-filter';

describe('py.template-safe-filter', () => {
  it('reports |safe on data and autoescape false in inline templates, at the filter', async () => {
    const text = lines(
      'from flask import render_template_string',
      'from jinja2 import Environment, Template',
      'PAGE = "<p>{{ review.text | trim | safe }}</p>"',
      'def show(review, user):',
      '    render_template_string("<h1>{{ user.bio|safe }}</h1>", user=user)',
      '    Template(PAGE).render(review=review)',
      '    render_template_string("<i>{{ promo|safe }}</i>", promo=user.promo)',
      '    Environment(autoescape=True).from_string("{% autoescape false %}{{ q }}{% endautoescape %}")',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: 'safe }}</p>', covers: 'safe' },
      { at: 'safe }}</h1>', covers: 'safe' },
      { at: 'safe }}</i>', covers: 'safe' },
      { at: '{% autoescape false %}', covers: '{% autoescape false %}' },
    ]);
    assert.equal(found[0].category?.id, 'A7');
    assert.ok(found[1].message.includes('`user.bio`'), found[1].message);
  });

  it('stays quiet on constant markup, escaped values, template files and unrelated strings', async () => {
    const text = lines(
      'from flask import render_template, render_template_string',
      'from jinja2 import Template',
      'NOTE = "{{ x|safe }} is how you mark markup safe"',
      'def show(user, source):',
      '    render_template_string("<p>{{ user.bio }}</p>{{ \'<hr>\'|safe }}", user=user)',
      '    render_template("profile.html", bio="{{ bio|safe }}")',
      '    Template(source).render(user=user)',
      '    Template("{% autoescape true %}{{ user.bio }}{% endautoescape %}")',
      '    render_template_string("<div>{{ promo|safe }}</div>", promo="<b>Free shipping</b>")',
      '    Template("<div>{{ banner|safe }}</div>").render(banner=BANNER)',
      'BANNER = "<b>Sale</b>"',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
