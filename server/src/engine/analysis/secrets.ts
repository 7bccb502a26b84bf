/** What names say about the values they hold: shared by the Kubernetes, CloudFormation and Compose secret rules. */

/** Environment variable names that hold a secret by convention (PASSWORD, SECRET, TOKEN, API_KEY, ...). */
const SECRET_NAME = /(PASSW(OR)?D|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|(^|_)(API|SECRET|ACCESS|PRIVATE|SIGNING|ENCRYPTION|AUTH|MASTER|CLIENT|LICENSE)_?KEY($|_))/i;
/** Names that hold where a secret is or how it is used, not the secret (`DB_PASSWORD_FILE`, `TOKEN_TABLE`, `JWT_SECRET_TTL`). */
const SECRET_LOCATION = /_(FILE|PATH|DIR|NAME|REF|ARN|ID|URL|ENDPOINT|LENGTH|POLICY|ENABLED|TABLE|BUCKET|QUEUE|TOPIC|HEADER|TYPE|TTL|EXPIRY|TIMEOUT|ALGORITHM|ISSUER|AUDIENCE)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !SECRET_LOCATION.test(name);
}
