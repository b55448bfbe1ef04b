import { describe, expect, it } from 'vitest';
import { nameCore } from '../../src/core/name-core.js';
import { nameKey } from '../../src/core/names.js';

describe('nameCore', () => {
  it.each([
    // docs/rules.md, rule 17
    ['province-level city and district', '广州市天河区华南贸易集团有限公司', '华南贸易'],
    ['city without 市', '广州华南贸易集团有限公司', '华南贸易'],
    ['no division', '华南贸易集团有限公司', '华南贸易'],
    ['city with 市', '广州市华南贸易集团有限公司', '华南贸易'],
    ['brackets (full-width)', '深圳市腾达（集团）有限公司', '腾达'],
    ['brackets (half-width) and a space', '深圳市 腾达(集团)有限公司', '腾达'],
    ['【】 and []', '【深圳】腾达[集团]有限公司', '腾达'],
    ['nested brackets', '腾达(深圳(南山))电子有限公司', '腾达电子'],
    ['a bracket never closed is dropped alone', '腾达(集团有限公司', '腾达'],
    // Divisions
    ['province, city, district', '广东省深圳市南山区腾达电子有限公司', '腾达电子'],
    ['province and city, short forms', '广东深圳腾达电子有限公司', '腾达电子'],
    ['city and district, short forms', '广州天河华南贸易有限公司', '华南贸易'],
    ['autonomous region', '广西壮族自治区华南贸易有限公司', '华南贸易'],
    ['autonomous region, short', '新疆华南贸易有限公司', '华南贸易'],
    ['county-level city in full', '义乌市华南贸易有限公司', '华南贸易'],
    ['a district short form does not open a name', '长安汽车股份有限公司', '长安汽车'],
    ['东方 (a county-level city) does not open a name', '东方电气股份有限公司', '东方电气'],
    ['阿里 (阿里地区) does not open a name', '阿里巴巴网络技术有限公司', '阿里巴巴网络技术'],
    ['大理 (大理州) does not open a name', '大理石材有限公司', '大理石材'],
    ['市场 is a word', '东方市场管理有限公司', '东方市场管理'],
    ['市政 is a word', '广州市政工程有限公司', '市政工程'],
    // Legal forms
    ['股份有限公司', '华南贸易股份有限公司', '华南贸易'],
    ['有限责任公司', '华南贸易有限责任公司', '华南贸易'],
    ['集团 and 控股', '腾达控股集团有限公司', '腾达'],
    ['a factory', '华南五金厂', '华南五金'],
    ['a trading firm', '华南五金商行', '华南五金'],
    ['a studio', '腾达设计工作室', '腾达设计'],
    ['partnership in brackets', '深圳腾达投资合伙企业(有限合伙)', '腾达投资'],
    ['Latin, full-width', 'ＡＢＣ科技有限公司', 'abc科技'],
    ['Latin legal form', 'ABC Trading Co., Ltd.', 'abctrading'],
    ['Latin Limited', 'Tengda Electronics Limited', 'tengdaelectronics'],
    ['inc stays (it ends ordinary words)', 'ABC Inc.', 'abcinc'],
    ['punctuation', '华南·贸易有限公司', '华南贸易'],
    // Branch offices: the company's core
    ['a branch', '华南贸易有限公司深圳分公司', '华南贸易'],
    ['a numbered branch', '华南贸易有限公司第一分公司', '华南贸易'],
    ['a bank branch after the legal form', '招商银行股份有限公司深圳分行', '招商银行'],
    ['a bank branch without a legal form', '招商银行深圳南山支行', '招商银行'],
    ['a sales office', '华南贸易集团广州办事处', '华南贸易'],
    ['a sole trader 经营部', '华南五金经营部', '华南五金'],
    ['a branch word alone', '分公司', '分公司'],
    // Never empty, never one character by stripping
    ['a division and a legal form only', '北京市有限公司', '北京'],
    ['a short division and a legal form only', '北京有限公司', '北京'],
    ['several divisions only', '广东省深圳市有限公司', '深圳'],
    ['a district only', '深圳市南山区有限公司', '南山'],
    ['one character would remain after the division', '深圳市腾有限公司', '深圳市腾'],
    ['one character would remain after the legal form', '腾公司', '腾公司'],
    ['a legal form only', '有限公司', '有限公司'],
    ['brackets only', '(集团)', '集团'],
    ['punctuation only', '()', '()'],
    ['one character', '腾', '腾'],
    // Numbers are kept
    ['第一', '深圳市第一建筑工程有限公司', '第一建筑工程'],
    ['001', '华南001贸易有限公司', '华南001贸易'],
  ])('%s: %s → %s', (_, name, core) => {
    expect(nameCore(name)).toBe(core);
  });

  it.each([
    ['深圳市 腾达（集团）有限公司', '深圳市腾达(集团)有限公司'],
    ['ＡＢＣ科技有限公司', 'abc科技有限公司'],
    ['华南\u3000贸易', '华南贸易'],
  ])('the same name key gives the same core: %s', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
    expect(nameCore(a)).toBe(nameCore(b));
  });
});
