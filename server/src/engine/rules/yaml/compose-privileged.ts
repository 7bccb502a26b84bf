import { compose } from '../../analysis/compose';
import { entry, isTrue, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const FILE = (setting: string) => `services:\n  api:\n    image: registry.example.com/api:1.4.2\n${setting}    ports:\n      - "127.0.0.1:8000:8000"\n`;

export const composePrivileged: Rule = {
  meta: {
    id: 'compose.privileged',
    title: 'Compose service runs privileged or on the host network',
    family: 'yaml',
    cwes: [250],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary: 'Finds docker-compose services with `privileged: true` or `network_mode: host`.',
      why:
        'A privileged container has every capability and the host\'s devices, so whoever gets code execution in it owns the machine; `network_mode: host` puts it on the host\'s network stack, where it reaches every local service and listens on every interface.',
      vulnerable: FILE('    privileged: true\n    network_mode: host\n'),
      safe: FILE('    cap_drop: [ALL]\n'),
      references: ['https://docs.docker.com/reference/compose-file/services/#privileged'],
    },
  },
  checkFile(context) {
    for (const file of context.analysis(compose)) {
      for (const service of file.services) {
        const privileged = entry(service.map, 'privileged');
        if (privileged && isTrue(privileged.value)) context.report({ node: privileged.pair, message: `service ${service.name} runs privileged, with full access to the host; remove privileged: true` });
        const network = entry(service.map, 'network_mode');
        if (scalar(network?.value) === 'host') context.report({ node: network!.pair, message: `service ${service.name} shares the host's network stack (network_mode: host); publish the ports it needs instead` });
      }
    }
  },
};
