import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFindings, expectNoFindings, lines } from '../../../helpers/scan';

const RULE = 'ts.nosql-injection';
const EXPRESS_MONGO = ["import express from 'express';", "import { MongoClient, ObjectId } from 'mongodb';", 'const app = express();', "const users = new MongoClient('mongodb://db').db('app').collection('users');"];

describe('ts.nosql-injection', () => {
  it('reports filter values and whole filters from the body or query string, and $where code', async () => {
    const text = lines(
      ...EXPRESS_MONGO,
      "app.post('/login', async (req, res) => {",
      '  const user = await users.findOne({ email: req.body.email });',
      '  await users.deleteMany(req.query);',
      '  const filter = req.body.filter;',
      '  await users.find({ ...filter }).toArray();',
      "  await users.find({ $where: `this.name == '${String(req.body.name)}'` }).toArray();",
      '  res.json(user);',
      '});',
    );
    const [first] = await expectFindings(RULE, 'typescript', text, [
      { at: 'req.body.email', message: ['req.body', 'findOne()', 'object of operators'] },
      { at: 'req.query);', message: ['deleteMany()'] },
      { at: 'filter }', message: ['find()'] },
      { at: '`this.name', message: ['$where'] },
    ]);
    assert.equal(first.confidence, 'high');
    assert.deepEqual(first.category, { edition: '2017', id: 'A1', name: 'Injection' });
  });

  it('reports a Mongoose model queried with a JSON body in a Next.js API route', async () => {
    const text = lines("import mongoose from 'mongoose';", "import type { NextApiRequest, NextApiResponse } from 'next';", "const User = mongoose.model('User', new mongoose.Schema({}));", 'export default async function handler(req: NextApiRequest, res: NextApiResponse) {', '  res.json(await User.find(req.body));', '}');
    await expectFindings(RULE, 'typescript', text, [{ at: 'req.body)', message: ['req.body'] }]);
  });

  it('leaves coerced values, path parameters, ObjectIds, string query values of Next.js and array find alone', async () => {
    const text = lines(
      ...EXPRESS_MONGO,
      "app.get('/users/:id', async (req, res) => {",
      '  await users.findOne({ email: String(req.body.email) });',
      '  await users.findOne({ _id: new ObjectId(req.params.id) });',
      '  await users.findOne({ slug: req.params.id, age: Number(req.query.age) });',
      "  await users.updateOne({ name: 'x' }, { $set: { bio: req.body.bio } });",
      '  const ids = [1, 2].find((id) => id === Number(req.query.id));',
      '  const picked = [{ a: 1 }].find((row) => req.query.key);',
      '  res.json(ids);',
      '});',
    );
    await expectNoFindings(RULE, 'typescript', text);
  });
});
