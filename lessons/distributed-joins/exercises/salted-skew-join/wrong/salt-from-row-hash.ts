// Salts each row with a hash of the row itself: identical rows of the hot key all get one salt and stay together.
import type { DataFrame, Row } from '@sai/spark';
export function saltedJoin(facts: DataFrame, dims: DataFrame, key: string, saltBuckets: number): DataFrame {
  let salt = '_salt';
  while (facts.columns.includes(salt) || dims.columns.includes(salt)) salt = '_' + salt;
  const h = (s: string) => { let x = 0; for (let i = 0; i < s.length; i++) x = (Math.imul(x, 31) + s.charCodeAt(i)) | 0; return Math.abs(x); };
  const saltedFacts = facts.mapPartitions((rows) => rows.map((row): Row => ({ ...row, [salt]: h(JSON.stringify(row)) % saltBuckets })), [...facts.columns, salt]);
  const saltedDims = dims.flatMap((row): Row[] => Array.from({ length: saltBuckets }, (_, s) => ({ ...row, [salt]: s })), [...dims.columns, salt]);
  return saltedFacts.join(saltedDims, [key, salt], 'inner').drop(salt);
}
