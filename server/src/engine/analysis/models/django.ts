import { requestMembers, type PythonFrameworkModel } from './python-model';

const REQUEST = 'django.HttpRequest';

/** Django (and Django REST framework): the view's `request`, raw SQL escapes, redirects and HTML responses. */
export const DJANGO_MODEL: PythonFrameworkModel = {
  name: 'django',
  requestParameters: { names: ['request'], object: REQUEST },
  // HTML escapers. `format_html` escapes its arguments, not its format string (which must be a literal); `strip_tags`
  // is not one: Django documents that its result is not guaranteed to be safe HTML.
  calls: {
    'django.utils.html.escape': { sanitizes: ['html'] },
    'django.utils.html.conditional_escape': { sanitizes: ['html'] },
    'django.utils.html.format_html': { sanitizes: ['html'] },
  },
  members: {
    [REQUEST]: requestMembers('request', ['GET', 'POST', 'body', 'COOKIES', 'META', 'headers', 'FILES', 'data', 'query_params', 'path', 'path_info']),
  },
  sinks: [
    { kind: 'sql', method: 'raw', position: 0, keyword: 'raw_query', label: 'raw()' },
    { kind: 'sql', method: 'extra', keyword: 'where', label: 'extra(where=...)' },
    { kind: 'sql', method: 'extra', keyword: 'select', label: 'extra(select=...)' },
    { kind: 'sql', callee: 'django.db.models.expressions.RawSQL', position: 0, keyword: 'sql', label: 'RawSQL()' },
    { kind: 'sql', callee: 'django.db.models.RawSQL', position: 0, keyword: 'sql', label: 'RawSQL()' },
    { kind: 'url', callee: 'django.shortcuts.redirect', position: 0, keyword: 'to', label: 'redirect()' },
    { kind: 'url', callee: 'django.http.HttpResponseRedirect', position: 0, keyword: 'redirect_to', label: 'HttpResponseRedirect()' },
    { kind: 'html', callee: 'django.utils.safestring.mark_safe', position: 0, label: 'mark_safe()' },
    { kind: 'html', callee: 'django.http.HttpResponse', position: 0, keyword: 'content', label: 'HttpResponse()' },
  ],
};
