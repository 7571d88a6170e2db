// Hard-codes the salt column name '__salt__' instead of picking one that is in neither table.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  let salt = '_salt';
  while (facts.columns.includes(salt) || dims.columns.includes(salt)) salt = '_' + salt;
  const saltedFacts = facts.mapPartitions((rows) => rows.map((row, i): Row => ({ ...row, __salt__: i % saltBuckets })), [...facts.columns, '__salt__']);
  const saltedDims = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, s) => ({ ...row, __salt__: s })), [...dims.columns, '__salt__']);
  return saltedFacts.join(saltedDims, [key, '__salt__'], 'inner').drop('__salt__');
}
