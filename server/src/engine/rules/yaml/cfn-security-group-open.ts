import { cloudFormation, describeResource, literal, resourcesOfType } from '../../analysis/cloudformation';
import { entry, get, items, type YamlMap } from '../../analysis/yaml-model';
import type { Rule } from '../types';

const SENSITIVE_PORTS: Record<number, string> = { 22: 'SSH', 3389: 'RDP', 3306: 'MySQL', 5432: 'PostgreSQL', 1433: 'SQL Server', 6379: 'Redis', 27017: 'MongoDB' };
const WORLD = new Set(['0.0.0.0/0', '::/0']);

const TEMPLATE = (cidr: string) =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  BastionSecurityGroup:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: bastion\n      VpcId: vpc-0abc\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 0.0.0.0/0\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: ${cidr}\n`;

/** What a world-open ingress rule exposes, or undefined when it only opens other ports. */
function exposed(rule: YamlMap): string | undefined {
  const protocol = literal(get(rule, 'IpProtocol'))?.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return 'every port';
  if (protocol !== 'tcp' && protocol !== '6' && protocol !== 'udp' && protocol !== '17') return undefined;
  const from = Number(literal(get(rule, 'FromPort')) ?? NaN);
  const to = Number(literal(get(rule, 'ToPort')) ?? NaN);
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  if ((from <= 0 || from === -1) && (to >= 65535 || to === -1)) return 'every port';
  const ports = Object.entries(SENSITIVE_PORTS).filter(([p]) => from <= Number(p) && Number(p) <= to);
  return ports.length ? ports.map(([p, name]) => `${name} (${p})`).join(', ') : undefined;
}

export const cfnSecurityGroupOpen: Rule = {
  meta: {
    id: 'cfn.security-group-open',
    title: 'Security group open to the internet on an administrative or database port',
    family: 'yaml',
    cwes: [16, 284],
    severity: 'high',
    confidence: 'high',
    docs: {
      summary:
        'Finds security group ingress rules (inline `SecurityGroupIngress` or `AWS::EC2::SecurityGroupIngress`) that allow `0.0.0.0/0` or `::/0` to SSH (22), RDP (3389), MySQL (3306) or another database port, or to every port.',
      why:
        'Administrative and database ports open to the whole internet are scanned within minutes of going up: password guessing, leaked keys and every unpatched bug of the service become a way in. Reach them through a VPN, a bastion limited by source address, or SSM Session Manager.',
      vulnerable: TEMPLATE('0.0.0.0/0'),
      safe: TEMPLATE('10.20.0.0/16'),
      references: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
    },
  },
  checkFile(context) {
    const templates = context.analysis(cloudFormation);
    const rules = [
      ...resourcesOfType(templates, 'AWS::EC2::SecurityGroup').flatMap((group) =>
        items(get(group.properties, 'SecurityGroupIngress')).flatMap((r) => (r.kind === 'map' ? [{ group, rule: r }] : [])),
      ),
      ...resourcesOfType(templates, 'AWS::EC2::SecurityGroupIngress').flatMap((group) => (group.properties ? [{ group, rule: group.properties }] : [])),
    ];
    for (const { group, rule } of rules) {
      const cidr = entry(rule, 'CidrIp') ?? entry(rule, 'CidrIpv6');
      const source = literal(cidr?.value);
      if (!cidr || !source || !WORLD.has(source)) continue;
      const what = exposed(rule);
      if (!what) continue;
      context.report({ node: cidr.pair, message: `${describeResource(group)} opens ${what} to the whole internet (${source}); allow only the addresses that need it` });
    }
  },
};
