import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.hardcoded-secret';

describe('py.hardcoded-secret', () => {
  it('reports secrets in assignments, settings defaults, keyword arguments and jwt keys', async () => {
    const text = lines(
      'import jwt, pymysql',
      'from pydantic_settings import BaseSettings',
      'SECRET_KEY = "django-insecure-8f3k2j4h5g6"',
      'class Settings(BaseSettings):',
      '    jwt_secret: str = "supersecretjwtkey123"',
      'conn = pymysql.connect(host="db", user="app", password="Hunter2Hunter2")',
      'config.api_key = "sk_live_51HxYzAbCdEf"',
      'token = jwt.encode({"sub": 1}, "my-signing-key-2024", algorithm="HS256")',
    );
    const found = await expectFindings(RULE, 'python', text, [
      { at: '"django-insecure', message: ['`SECRET_KEY`'] },
      { at: '"supersecretjwtkey123"', message: ['`jwt_secret`'] },
      { at: '"Hunter2Hunter2"', message: ['`password=`'] },
      { at: '"sk_live', message: ['`api_key`'] },
      { at: '"my-signing-key-2024"', message: ['jwt.encode()'] },
    ]);
    assert.ok(found.every((f) => f.category?.id === 'A2' && f.cwes[0] === 798));
  });

  it('stays quiet on environment lookups, placeholders, field names and short or empty values', async () => {
    const text = lines(
      'import os',
      'SECRET_KEY = os.environ["SECRET_KEY"]',
      'PASSWORD = ""',
      'DB_PASSWORD = "changeme"',
      'API_KEY = "<your-api-key>"',
      'TOKEN = "${TOKEN}"',
      'PASSWORD_FIELD = "password"',
      'token_type = "bearer"',
      'AUTH_TOKEN = "x-auth-token"',
      'password = input("Password: ")',
      'greeting = "a long string that is not secret"',
      'connect(password=os.environ["DB_PASSWORD"])',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
