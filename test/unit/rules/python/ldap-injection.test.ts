import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.ldap-injection';
const APP = ['import ldap, re', 'from ldap.filter import escape_filter_chars', 'from fastapi import FastAPI', 'app = FastAPI()', ''];

describe('py.ldap-injection', () => {
  it('reports request data in python-ldap and ldap3 search filters', async () => {
    const text = lines(...APP, '@app.get("/p")', 'def p(name: str):', '    conn.search_s("dc=example", ldap.SCOPE_SUBTREE, "(uid=" + name + ")")', '    server_conn.search("dc=example", search_filter=f"(mail={name})")');
    const found = await expectFindings(RULE, 'python', text, [{ at: '"(uid="', message: ['search_s()'] }, { at: 'f"(mail=', message: ['search()'] }]);
    assert.equal(found[0].category?.id, 'A1');
  });

  it('stays quiet on escaped values, constant filters and re.search', async () => {
    const text = lines(...APP, '@app.get("/p")', 'def p(name: str):', '    conn.search_s("dc=example", ldap.SCOPE_SUBTREE, f"(uid={escape_filter_chars(name)})")', '    conn.search_s("dc=example", ldap.SCOPE_SUBTREE, "(objectClass=person)")', '    re.search(r"\\d+", name)');
    await expectNoFindings(RULE, 'python', text);
  });
});
