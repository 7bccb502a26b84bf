/** CloudFormation templates for rule tests: resources written at column 0 under `Resources:`. */
import { lines } from './scan';

export function template(resources: string[], parameters: string[] = [], version = true): string {
  return lines(
    ...(version ? ['AWSTemplateFormatVersion: "2010-09-09"'] : []),
    ...(parameters.length ? ['Parameters:', ...parameters.map((l) => `  ${l}`)] : []),
    'Resources:',
    ...resources.map((l) => (l ? `  ${l}` : l)),
  );
}
