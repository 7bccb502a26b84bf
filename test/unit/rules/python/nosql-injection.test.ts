import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'py.nosql-injection';

describe('py.nosql-injection', () => {
  it('reports a filter taken from the request and request data in $where', async () => {
    const text = lines(
      'from fastapi import FastAPI, Request',
      'app = FastAPI()',
      '@app.post("/users/search")',
      'async def search(request: Request, name: str):',
      '    filt = await request.json()',
      '    db.users.find(filt)',
      '    db.users.find_one({"$where": f"this.name == \'{name}\'"})',
    );
    await expectFindings(RULE, 'python', text, [
      { at: 'filt)', message: ['find()', 'request.json'] },
      { at: 'f"this.name', message: ['find_one()'] },
    ]);
  });

  it('stays quiet on filters of typed values and constant $where', async () => {
    const text = lines(
      'from fastapi import FastAPI',
      'app = FastAPI()',
      '@app.get("/users")',
      'def users(email: str, age: int):',
      '    db.users.find({"email": email})',
      '    db.users.find({"age": {"$gt": age}})',
      '    db.users.find({"$where": "this.active == true"})',
    );
    await expectNoFindings(RULE, 'python', text);
  });
});
