// Checks the salt name against the facts' columns only: a dims column of that name is overwritten.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  let salt = '_salt';
  while (facts.columns.includes(salt) || dims.columns.includes(salt)) salt = '_' + salt;
  let s2 = '_salt'; while (facts.columns.includes(s2)) s2 = '_' + s2; salt = s2;
  const saltedFacts = facts.mapPartitions((rows) => rows.map((row, i): Row => ({ ...row, [salt]: i % saltBuckets })), [...facts.columns, salt]);
  const saltedDims = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, s) => ({ ...row, [salt]: s })), [...dims.columns.filter((c) => c !== salt), salt]);
  return saltedFacts.join(saltedDims, [key, salt], 'inner').drop(salt);
}
