import { strict as assert } from 'node:assert';
import { KEYWORDS as functionNameKeywords } from '../../../src/core/sourcemap/functionNames';
import { KEYWORDS as dataFlowKeywords } from '../../../src/core/suspects/dataFlow';
import { KEYWORDS as errorTokenKeywords } from '../../../src/core/suspects/errorTokens';
import { CALL_KEYWORDS } from '../../../src/core/suspects/namesUsed';

// Each scan's stop set is built from the shared language keywords plus its own words. These are the lists each
// scan was written and measured with: building them from shared parts must not add or drop a word.
const words = (text: string): string[] => [...new Set(text.trim().split(/\s+/))].sort();
const sorted = (set: ReadonlySet<string>): string[] => [...set].sort();

describe('keyword sets built from the shared language keywords', () => {
  it('function names: the ten words a definition pattern can catch', () => {
    assert.deepEqual(sorted(functionNameKeywords), words('if for while switch catch with return function else do'));
  });

  it('data flow: the words that are never a variable', () => {
    const expected = words(`
      if else for while do return function const let var new this self cls null undefined true false None True
      False class def import from export default async await try catch finally throw throws raise except in of is
      not and or public private protected static void int bool boolean final type interface extends implements
      instanceof typeof elif lambda with as yield pass break continue case switch nil super double float long short
      char byte val func`);
    assert.deepEqual(sorted(dataFlowKeywords), expected);
  });

  it('error tokens: the words never taken as a token', () => {
    const expected = words(`
      if else for while do return function const let var new this self null undefined true false none class def
      import from export default async await try catch finally throw raise except in of is not and or public
      private protected static void int string bool boolean final let type interface extends implements end then
      elif lambda with as yield pass break continue case switch nil err error object value data result get set len
      str list dict map print println fmt log console require module exports double float long short char byte var
      val func go defer string number any unknown readonly const`);
    assert.deepEqual(sorted(errorTokenKeywords), expected);
  });

  it('calls: the keywords that read like a call before a parenthesis', () => {
    const expected = words(`
      if elif elsif elseif else unless until for foreach while do switch match when case catch rescue except ensure
      return isset empty unset echo array list function func fn def lambda typeof sizeof instanceof new throw raise
      await async yield super this self using lock fixed checked unchecked not and or in is with del assert`);
    assert.deepEqual(sorted(CALL_KEYWORDS), expected);
  });
});
