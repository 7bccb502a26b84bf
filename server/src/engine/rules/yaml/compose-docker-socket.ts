import { compose } from '../../analysis/compose';
import { get, items, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const SOCKET = /(^|\/)(docker|containerd|podman)\.sock$/;

const FILE = (volume: string) => `services:\n  ci:\n    image: registry.example.com/runner:3.1.0\n    volumes:\n      - ./work:/work\n${volume}`;

export const composeDockerSocket: Rule = {
  meta: {
    id: 'compose.docker-socket',
    title: 'Compose service mounts the Docker socket',
    family: 'yaml',
    cwes: [250, 668],
    severity: 'critical',
    confidence: 'high',
    docs: {
      summary: 'Finds docker-compose services that mount `/var/run/docker.sock` (or a containerd or Podman socket), in short or long volume syntax.',
      why: 'The Docker socket is root on the host: a process that can reach it starts a privileged container with the host filesystem mounted. A compromise of the service becomes a compromise of the machine.',
      vulnerable: FILE('      - /var/run/docker.sock:/var/run/docker.sock\n'),
      safe: FILE(''),
      references: ['https://docs.docker.com/engine/security/#docker-daemon-attack-surface'],
    },
  },
  checkFile(context) {
    for (const file of context.analysis(compose)) {
      for (const service of file.services) {
        for (const volume of items(get(service.map, 'volumes'))) {
          const source = volume.kind === 'scalar' ? volume.value.split(':')[0] : scalar(get(volume, 'source')) ?? '';
          if (!SOCKET.test(source)) continue;
          context.report({ node: volume.node, message: `service ${service.name} mounts the container runtime socket ${source}: whoever controls the service controls the host` });
        }
      }
    }
  },
};
