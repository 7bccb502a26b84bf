import { describeObject, kubernetes } from '../../analysis/kubernetes';
import { entry, get, items, scalar } from '../../analysis/yaml-model';
import type { Rule } from '../types';

/** Host paths that hand the pod the container runtime (and so the node) or the node's own configuration. */
const RUNTIME_SOCKET = /(^|\/)(docker|containerd|crio|cri-dockerd|podman)\.sock$|^\/var\/run\/(docker|containerd|crio)\/?$|^\/run\/(containerd|crio)\/?$/;
const NODE_ROOT = /^\/(etc|proc|sys|root|boot|var\/lib\/kubelet|var\/lib\/docker|var\/lib\/containerd|var\/run|run)?\/?$/;

const POD = (volume: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ci-runner\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: runner\n      image: registry.example.com/runner:3.1.0\n      volumeMounts:\n        - name: work\n          mountPath: /work\n  volumes:\n    - name: work\n${volume}`;

export const k8sHostPathVolume: Rule = {
  meta: {
    id: 'k8s.host-path-volume',
    title: "Pod mounts a path of the node's filesystem",
    family: 'yaml',
    cwes: [250, 668],
    severity: 'medium',
    confidence: 'high',
    docs: {
      summary:
        "Finds `hostPath` volumes. Mounting the container runtime's socket (`/var/run/docker.sock`, containerd, CRI-O) or the node's root, `/etc`, `/proc` or kubelet directories is reported as critical.",
      why:
        'A hostPath volume gives the pod files of the node. Through the Docker or containerd socket a compromised pod starts a privileged container and owns the node; through `/etc` or the kubelet directory it reads credentials of other pods.',
      vulnerable: POD('      hostPath:\n        path: /var/run/docker.sock\n        type: Socket\n'),
      safe: POD('      emptyDir: {}\n'),
      references: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
    },
  },
  checkFile(context) {
    for (const pod of context.analysis(kubernetes).pods) {
      for (const volume of items(get(pod.map, 'volumes'))) {
        const hostPath = entry(volume, 'hostPath');
        if (!hostPath) continue;
        const path = scalar(get(hostPath.value, 'path')) ?? '';
        const name = scalar(get(volume, 'name')) ?? '?';
        const runtime = RUNTIME_SOCKET.test(path);
        const critical = runtime || NODE_ROOT.test(path);
        context.report({
          node: hostPath.pair,
          severity: critical ? 'critical' : undefined,
          message: runtime
            ? `${describeObject(pod.object)} mounts the container runtime socket ${path} (volume "${name}"): whoever controls the pod controls the node`
            : `${describeObject(pod.object)} mounts the node path ${path || '(unknown)'} (volume "${name}"); use an emptyDir, a ConfigMap or a persistent volume instead`,
        });
      }
    }
  },
};
