// Feedback form ratings: the three spellings of a level (README, "Commands" `form return`) and `indicator=level` pairs.
import { describe, expect, it } from 'vitest';
import { FORM_KINDS, LEVELS, levelName, parseLevel, parseRatings } from '../../src/core/forms.js';

describe('parseLevel', () => {
  it.each([
    ['excellent', 4],
    ['good', 3],
    ['average', 2],
    ['poor', 1],
    ['4', 4],
    ['3', 3],
    ['2', 2],
    ['1', 1],
    ['优秀', 4],
    ['良好', 3],
    ['一般', 2],
    ['较差', 1],
    ['Excellent', 4],
    ['  GOOD ', 3],
    ['４', 4],
    [' 良好 ', 3],
  ])('%j → %i', (text, level) => {
    expect(parseLevel(text)).toBe(level);
  });

  it.each(['5', '0', '-1', '3.5', 'great', 'bad', '优', '很好', '', '   ', 'excellent!', '4 good'])('rejects %j', (text) => {
    expect(parseLevel(text)).toBeNull();
  });

  it('names the levels 1..4 in English', () => {
    expect([1, 2, 3, 4].map(levelName)).toEqual(['poor', 'average', 'good', 'excellent']);
    expect(LEVELS).toEqual(['poor', 'average', 'good', 'excellent']);
    expect(FORM_KINDS).toEqual(['initial', 'periodic', 'revisit']);
  });
});

describe('parseRatings', () => {
  it('reads indicator=level pairs in any spelling', () => {
    expect(parseRatings(['质量=优秀', '交期=good', '服务=3', '价格 = 较差'])).toEqual({ ratings: { 质量: 4, 交期: 3, 服务: 3, 价格: 1 } });
  });

  it('accepts a full-width equals sign and no ratings at all', () => {
    expect(parseRatings(['质量＝4'])).toEqual({ ratings: { 质量: 4 } });
    expect(parseRatings([])).toEqual({ ratings: {} });
  });

  it.each([
    ['no equals sign', ['质量'], { kind: 'syntax', text: '质量' }],
    ['no indicator', ['=good'], { kind: 'syntax', text: '=good' }],
    ['a blank indicator', ['  =good'], { kind: 'syntax', text: '  =good' }],
    ['an unknown level', ['质量=great'], { kind: 'level', indicator: '质量', level: 'great' }],
    ['a level out of range', ['服务=5'], { kind: 'level', indicator: '服务', level: '5' }],
    ['an empty level', ['服务='], { kind: 'level', indicator: '服务', level: '' }],
    ['the same indicator twice', ['质量=4', '质量=good'], { kind: 'duplicate', indicator: '质量' }],
    ['the same indicator twice after trimming', ['质量=4', ' 质量 =1'], { kind: 'duplicate', indicator: '质量' }],
  ])('%s is a problem', (_label, pairs, problem) => {
    expect(parseRatings(pairs)).toEqual({ problem });
  });

  it('reports the first problem', () => {
    expect(parseRatings(['a=1', 'b', 'c=9'])).toEqual({ problem: { kind: 'syntax', text: 'b' } });
  });
});
