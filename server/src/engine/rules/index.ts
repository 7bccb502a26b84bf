import { pyCodeInjection } from './python/code-injection';
import { commandInjection } from './python/command-injection';
import { nosqlInjection } from './python/nosql-injection';
import { openRedirect } from './python/open-redirect';
import { pathTraversal } from './python/path-traversal';
import { sqlInjection } from './python/sql-injection';
import { ssrf } from './python/ssrf';
import { xss } from './python/xss';
import { xxe } from './python/xxe';
import { yamlLoad } from './python/yaml-load';
import { corsWildcardCredentials } from './python/cors-wildcard-credentials';
import { debugEnabled } from './python/debug-enabled';
import { hardcodedSecret } from './python/hardcoded-secret';
import { insecureRandom } from './python/insecure-random';
import { jinjaAutoescape } from './python/jinja-autoescape';
import { jwtUnverified } from './python/jwt-unverified';
import { loggingDisabled } from './python/logging-disabled';
import { ldapInjection } from './python/ldap-injection';
import { missingAuth } from './python/missing-auth';
import { missingRateLimit } from './python/missing-rate-limit';
import { insecureSessionCookie } from './python/insecure-session-cookie';
import { cleartextHttpUrl } from './python/cleartext-http-url';
import { devModeInProduction } from './python/dev-mode-in-production';
import { trustedHostWildcard } from './python/trusted-host-wildcard';
import { templateSafeFilter } from './python/template-safe-filter';
import { authFailureUnlogged } from './python/auth-failure-unlogged';
import { sensitiveErrorResponse } from './python/sensitive-error-response';
import { sensitiveLog } from './python/sensitive-log';
import { swallowedException } from './python/swallowed-exception';
import { tlsVerifyDisabled } from './python/tls-verify-disabled';
import { unsafeDeserialization } from './python/unsafe-deserialization';
import { weakCipher } from './python/weak-cipher';
import { weakPasswordHash } from './python/weak-password-hash';
import { xpathInjection } from './python/xpath-injection';
import { xxeParser } from './python/xxe-parser';
import type { Rule } from './types';
import { codeInjection } from './typescript/code-injection';
import { dangerouslySetInnerHtml } from './typescript/dangerously-set-inner-html';
import { tsBcryptLowCost } from './typescript/bcrypt-low-cost';
import { tsCleartextHttpUrl } from './typescript/cleartext-http-url';
import { tsCorsPermissiveOrigin } from './typescript/cors-permissive-origin';
import { tsCorsWildcardCredentials } from './typescript/cors-wildcard-credentials';
import { tsEmptyCatch } from './typescript/empty-catch';
import { tsHardcodedSecret } from './typescript/hardcoded-secret';
import { tsInsecureCookie } from './typescript/insecure-cookie';
import { tsInsecureRandom } from './typescript/insecure-random';
import { tsJwtDecodeAsVerify } from './typescript/jwt-decode-as-verify';
import { tsJwtVerifyAlgorithms } from './typescript/jwt-verify-algorithms';
import { tsNextPublicSecret } from './typescript/next-public-secret';
import { tsNextSecurityHeaders } from './typescript/next-security-headers';
import { tsSensitiveConsoleLog } from './typescript/sensitive-console-log';
import { tsTlsVerificationDisabled } from './typescript/tls-verification-disabled';
import { tsTokenInWebStorage } from './typescript/token-in-web-storage';
import { tsUnsafeDeserialization } from './typescript/unsafe-deserialization';
import { tsWeakCipher } from './typescript/weak-cipher';
import { tsWeakPasswordHash } from './typescript/weak-password-hash';
import { tsWebviewUnsafe } from './typescript/webview-unsafe';
import { tsWebviewInjection } from './typescript/webview-injection';
import { tsXxe } from './typescript/xxe';
import { tsSqlInjection } from './typescript/sql-injection';
import { tsCommandInjection } from './typescript/command-injection';
import { tsPathTraversal } from './typescript/path-traversal';
import { tsNosqlInjection } from './typescript/nosql-injection';
import { tsSsrf } from './typescript/ssrf';
import { tsOpenRedirect } from './typescript/open-redirect';
import { tsDomXss } from './typescript/dom-xss';
import { tsJavascriptUrl } from './typescript/javascript-url';
import { tsAuthFailureUnlogged } from './typescript/auth-failure-unlogged';
import { tsExpressMissingHelmet } from './typescript/express-missing-helmet';
import { tsNextRouteMissingAuth } from './typescript/next-route-missing-auth';
import { privilegedContainer } from './yaml/privileged-container';
import { runAsNonRoot } from './yaml/run-as-non-root';
import { k8sAllowPrivilegeEscalation } from './yaml/k8s-allow-privilege-escalation';
import { k8sDangerousCapabilities } from './yaml/k8s-dangerous-capabilities';
import { k8sCapabilitiesNotDropped } from './yaml/k8s-capabilities-not-dropped';
import { k8sHostNamespaces } from './yaml/k8s-host-namespaces';
import { k8sHostPathVolume } from './yaml/k8s-host-path-volume';
import { k8sWritableRootFilesystem } from './yaml/k8s-writable-root-filesystem';
import { k8sMissingResourceLimits } from './yaml/k8s-missing-resource-limits';
import { k8sImageLatestTag } from './yaml/k8s-image-latest-tag';
import { k8sImageWithoutDigest } from './yaml/k8s-image-without-digest';
import { k8sSecretInEnv } from './yaml/k8s-secret-in-env';
import { k8sAutomountServiceAccountToken } from './yaml/k8s-automount-service-account-token';
import { k8sRbacWildcard } from './yaml/k8s-rbac-wildcard';
import { k8sClusterAdminBinding } from './yaml/k8s-cluster-admin-binding';
import { k8sExposedDatabaseService } from './yaml/k8s-exposed-database-service';
import { k8sMysqlInsecureEnv } from './yaml/k8s-mysql-insecure-env';
import { k8sMissingProbes } from './yaml/k8s-missing-probes';
import { cfnS3PublicAccess } from './yaml/cfn-s3-public-access';
import { cfnS3PublicAccessBlock } from './yaml/cfn-s3-public-access-block';
import { cfnS3Unencrypted } from './yaml/cfn-s3-unencrypted';
import { cfnS3AccessLogging } from './yaml/cfn-s3-access-logging';
import { cfnSecurityGroupOpen } from './yaml/cfn-security-group-open';
import { cfnRdsPubliclyAccessible } from './yaml/cfn-rds-publicly-accessible';
import { cfnRdsStorageUnencrypted } from './yaml/cfn-rds-storage-unencrypted';
import { cfnRdsDeletionProtection } from './yaml/cfn-rds-deletion-protection';
import { cfnRdsBackupsDisabled } from './yaml/cfn-rds-backups-disabled';
import { cfnRdsMasterPassword } from './yaml/cfn-rds-master-password';
import { cfnIamWildcardPolicy } from './yaml/cfn-iam-wildcard-policy';
import { cfnIamPassRoleAny } from './yaml/cfn-iam-pass-role-any';
import { cfnCloudtrailLoggingOff } from './yaml/cfn-cloudtrail-logging-off';
import { cfnCloudtrailMissing } from './yaml/cfn-cloudtrail-missing';
import { cfnLambdaEnvSecret } from './yaml/cfn-lambda-env-secret';
import { cfnKmsKeyRotation } from './yaml/cfn-kms-key-rotation';
import { cfnEksPublicEndpoint } from './yaml/cfn-eks-public-endpoint';
import { cfnAccessLoggingDisabled } from './yaml/cfn-access-logging-disabled';
import { ghaScriptInjection } from './yaml/gha-script-injection';
import { ghaUntrustedCheckout } from './yaml/gha-untrusted-checkout';
import { ghaExcessivePermissions } from './yaml/gha-excessive-permissions';
import { ghaUnpinnedAction } from './yaml/gha-unpinned-action';
import { ghaSecretEchoed } from './yaml/gha-secret-echoed';
import { composePrivileged } from './yaml/compose-privileged';
import { composeDockerSocket } from './yaml/compose-docker-socket';
import { composeSecretInEnv } from './yaml/compose-secret-in-env';
import { composeDatabasePortExposed } from './yaml/compose-database-port-exposed';
import { composeImageLatest } from './yaml/compose-image-latest';
import { eolContainerImage } from './deps/eol-container-image';
import { vulnerablePythonPackage } from './deps/vulnerable-python-package';
import { vulnerableNpmPackage } from './deps/vulnerable-npm-package';
import { dockerUnpinnedBaseImage } from './deps/docker-unpinned-base-image';
import { dockerEolBaseImage } from './deps/docker-eol-base-image';
import { androidCleartextTraffic } from './mobile/android-cleartext-traffic';
import { androidDebuggable } from './mobile/android-debuggable';
import { androidAllowBackup } from './mobile/android-allow-backup';
import { androidExportedComponent } from './mobile/android-exported-component';
import { iosArbitraryLoads } from './mobile/ios-arbitrary-loads';

/** Every built-in rule. A new rule is one file in a family folder and one line here. */
export const ALL_RULES: readonly Rule[] = [
  commandInjection,
  yamlLoad,
  sqlInjection,
  pyCodeInjection,
  pathTraversal,
  openRedirect,
  ssrf,
  xss,
  xxe,
  nosqlInjection,
  ldapInjection,
  xpathInjection,
  hardcodedSecret,
  weakPasswordHash,
  jwtUnverified,
  tlsVerifyDisabled,
  insecureRandom,
  weakCipher,
  sensitiveLog,
  xxeParser,
  missingAuth,
  missingRateLimit,
  insecureSessionCookie,
  cleartextHttpUrl,
  devModeInProduction,
  trustedHostWildcard,
  templateSafeFilter,
  authFailureUnlogged,
  sensitiveErrorResponse,
  corsWildcardCredentials,
  debugEnabled,
  jinjaAutoescape,
  unsafeDeserialization,
  swallowedException,
  loggingDisabled,
  codeInjection,
  dangerouslySetInnerHtml,
  tsBcryptLowCost,
  tsCleartextHttpUrl,
  tsCorsWildcardCredentials,
  tsCorsPermissiveOrigin,
  tsEmptyCatch,
  tsHardcodedSecret,
  tsInsecureCookie,
  tsInsecureRandom,
  tsJwtDecodeAsVerify,
  tsJwtVerifyAlgorithms,
  tsNextPublicSecret,
  tsNextSecurityHeaders,
  tsSensitiveConsoleLog,
  tsTlsVerificationDisabled,
  tsTokenInWebStorage,
  tsUnsafeDeserialization,
  tsWeakCipher,
  tsWeakPasswordHash,
  tsWebviewUnsafe,
  tsWebviewInjection,
  tsXxe,
  tsSqlInjection,
  tsCommandInjection,
  tsPathTraversal,
  tsNosqlInjection,
  tsSsrf,
  tsOpenRedirect,
  tsDomXss,
  tsJavascriptUrl,
  tsAuthFailureUnlogged,
  tsExpressMissingHelmet,
  tsNextRouteMissingAuth,
  privilegedContainer,
  runAsNonRoot,
  k8sAllowPrivilegeEscalation,
  k8sDangerousCapabilities,
  k8sCapabilitiesNotDropped,
  k8sHostNamespaces,
  k8sHostPathVolume,
  k8sWritableRootFilesystem,
  k8sMissingResourceLimits,
  k8sImageLatestTag,
  k8sImageWithoutDigest,
  k8sSecretInEnv,
  k8sAutomountServiceAccountToken,
  k8sRbacWildcard,
  k8sClusterAdminBinding,
  k8sExposedDatabaseService,
  k8sMysqlInsecureEnv,
  k8sMissingProbes,
  cfnS3PublicAccess,
  cfnS3PublicAccessBlock,
  cfnS3Unencrypted,
  cfnS3AccessLogging,
  cfnSecurityGroupOpen,
  cfnRdsPubliclyAccessible,
  cfnRdsStorageUnencrypted,
  cfnRdsDeletionProtection,
  cfnRdsBackupsDisabled,
  cfnRdsMasterPassword,
  cfnIamWildcardPolicy,
  cfnIamPassRoleAny,
  cfnCloudtrailLoggingOff,
  cfnCloudtrailMissing,
  cfnLambdaEnvSecret,
  cfnKmsKeyRotation,
  cfnEksPublicEndpoint,
  cfnAccessLoggingDisabled,
  ghaScriptInjection,
  ghaUntrustedCheckout,
  ghaExcessivePermissions,
  ghaUnpinnedAction,
  ghaSecretEchoed,
  composePrivileged,
  composeDockerSocket,
  composeSecretInEnv,
  composeDatabasePortExposed,
  composeImageLatest,
  eolContainerImage,
  vulnerablePythonPackage,
  vulnerableNpmPackage,
  dockerUnpinnedBaseImage,
  dockerEolBaseImage,
  androidCleartextTraffic,
  androidDebuggable,
  androidAllowBackup,
  androidExportedComponent,
  iosArbitraryLoads,
];
