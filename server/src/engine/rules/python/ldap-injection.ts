import { taintSinkRule } from './taint-sink';

export const ldapInjection = taintSinkRule({
  kind: 'ldap',
  remoteOnly: true,
  meta: {
    id: 'py.ldap-injection',
    title: 'LDAP filter built from untrusted data',
    family: 'python',
    cwes: [90],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds request data in the filter of python-ldap `search*` calls and ldap3 `search(search_filter=...)`, unless escaped with `escape_filter_chars`.',
      why:
        '`*`, `(`, `)` and `|` in the data rewrite the filter: `*)(uid=*` turns a lookup of one user into a match on every entry, which bypasses logins built on LDAP searches and leaks the directory.',
      vulnerable:
        'import ldap\nfrom fastapi import FastAPI\n\napp = FastAPI()\nconn = ldap.initialize("ldap://directory")\n\n@app.get("/people")\ndef people(name: str):\n    return conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(uid={name})")',
      safe:
        'import ldap\nfrom ldap.filter import escape_filter_chars\nfrom fastapi import FastAPI\n\napp = FastAPI()\nconn = ldap.initialize("ldap://directory")\n\n@app.get("/people")\ndef people(name: str):\n    return conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(uid={escape_filter_chars(name)})")',
      references: ['https://cwe.mitre.org/data/definitions/90.html', 'https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html'],
    },
  },
  message: (sink, hit) => `an LDAP filter built from ${hit.source} reaches ${sink}; escape the value with escape_filter_chars()`,
});
