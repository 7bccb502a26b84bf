import { positionalArguments } from '../../analysis/python-names';
import type { Rule } from '../types';
import { PYTHON_CALL_QUERY, resolveCall } from './calls';

export const loggingDisabled: Rule = {
  meta: {
    id: 'py.logging-disabled',
    title: 'Logging turned off for the whole process',
    family: 'python',
    cwes: [778],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary: 'Finds `logging.disable(...)` with any level above `NOTSET`, which silences every logger in the process, security and audit logs included.',
      why: 'Attacks are found, and understood afterwards, from logs; code that switches logging off removes the evidence of failed logins, denied requests and errors.',
      vulnerable: 'import logging\n\ndef quiet():\n    logging.disable(logging.CRITICAL)',
      safe: 'import logging\n\ndef quiet():\n    logging.getLogger("noisy.library").setLevel(logging.WARNING)',
      references: ['https://cwe.mitre.org/data/definitions/778.html', 'https://docs.python.org/3/library/logging.html#logging.disable'],
    },
  },
  query: PYTHON_CALL_QUERY,
  check(match, context) {
    const { qualified, args, call } = resolveCall(match, context);
    if (qualified !== 'logging.disable') return;
    const level = positionalArguments(args)[0];
    if (level && /^(0|logging\.NOTSET|NOTSET)$/.test(level.text)) return;
    context.report({ node: call, message: 'logging.disable() silences every logger in the process, audit and security logs included; raise the level of the noisy logger instead' });
  },
};
