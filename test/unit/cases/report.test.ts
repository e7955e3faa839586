// The report's pure parts: money and time formatting, SVG drawing, radial layout, and the HTML page itself.
import { describe, expect, it } from 'vitest';
import { maskDeep } from '../../../engine/auth/masking.ts';
import { chinaTime, esc, money, yuan } from '../../../engine/cases/report/format.ts';
import { radialLayout } from '../../../engine/cases/report/graph.ts';
import { describeEvent, renderReportHtml } from '../../../engine/cases/report/html.ts';
import type { ReportModel } from '../../../engine/cases/report/model.ts';
import { renderGraphSvg, safeColor } from '../../../engine/cases/report/svg.ts';
import { toCaseRecord } from '../../../engine/cases/store.ts';

/** A valid ID number (MOD 11-2 check digit computed). */
function validId(): string {
  const body = '11010119900307123';
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (w[i] ?? 0), 0);
  return body + '10X98765432'[sum % 11];
}
const PERSON = validId();

describe('formatting', () => {
  it('groups money without locale data and marks the currency per language', () => {
    expect(money(1234567.8)).toBe('1,234,567.80');
    expect(money(-5)).toBe('-5.00');
    expect(money(null)).toBe('—');
    expect(yuan(180000)).toBe('¥180,000.00');
    expect(yuan(3.5, 'en')).toBe('CNY 3.50');
  });

  it('shows instants in China time and escapes HTML', () => {
    expect(chinaTime('2026-03-01T17:30:00.000Z')).toBe('2026-03-02 01:30');
    expect(chinaTime('2026-03-01T17:30:00.123456789Z')).toBe('2026-03-02 01:30');
    expect(esc('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(PERSON).toHaveLength(18);
  });
});

describe('graph image', () => {
  const input = {
    nodes: [
      { id: 'a', x: 0, y: 10, label: '张三', type: 'Person', color: '#4e79a7', subject: true },
      { id: 'b', x: 10, y: 0, label: '<b>公司</b>', type: 'Company', color: '#f28e2b', subject: false },
    ],
    edges: [{ source: 'a', target: 'b', type: 'SHAREHOLDER', color: '#ffbe7d', count: 1, amount: 0 }],
    legend: [{ caption: '人员', color: '#4e79a7' }],
  };

  it('draws nodes, edges, labels and legend; the same input gives the same bytes', () => {
    const svg = renderGraphSvg(input);
    expect(svg).toBe(renderGraphSvg(structuredClone(input)));
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg.match(/<line /g)).toHaveLength(1);
    expect(svg).toContain('张三');
    expect(svg).toContain('&lt;b&gt;公司&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
  });

  it('flips graph coordinates that grow upward, and keeps page coordinates as they are', () => {
    const cy = (svg: string, label: string) => {
      const at = svg.indexOf(label);
      const text = svg.slice(svg.lastIndexOf('<text', at), at);
      return Number(/ y="([\d.]+)"/.exec(text)?.[1]);
    };
    const up = renderGraphSvg(input);
    const down = renderGraphSvg({ ...input, yUp: false });
    // y = 10 is above y = 0 when y grows upward, below it on a page.
    expect(cy(up, '张三')).toBeLessThan(cy(up, '公司'));
    expect(cy(down, '张三')).toBeGreaterThan(cy(down, '公司'));
  });

  it('accepts only plain hex colours from a view', () => {
    expect(safeColor('#aabbcc', '#000')).toBe('#aabbcc');
    expect(safeColor('red" onload="x', '#000')).toBe('#000');
    expect(safeColor(undefined, '#123')).toBe('#123');
  });

  it('lays subjects on a ring and their neighbours around them, deterministically', () => {
    const lists = new Map([
      ['s1', ['n1', 'n2', 'shared']],
      ['s2', ['shared', 'n3']],
    ]);
    const a = radialLayout(['s1', 's2'], lists);
    const b = radialLayout(['s1', 's2'], lists);
    expect([...a]).toEqual([...b]);
    expect(a.size).toBe(6);
    const d = (p: string, q: string) => Math.hypot(a.get(p)!.x - a.get(q)!.x, a.get(p)!.y - a.get(q)!.y);
    // A shared neighbour sits with the first subject that lists it.
    expect(d('shared', 's1')).toBeLessThan(d('shared', 's2'));
    expect(d('n3', 's2')).toBeLessThan(d('n3', 's1'));
    expect(radialLayout(['only'], new Map()).get('only')).toEqual({ x: 0, y: 0 });
  });
});

function model(): ReportModel {
  const c = toCaseRecord({
    caseId: 'QF-2026-0007',
    title: '石桥村补贴冒领案',
    status: 'investigation',
    lead: 'investigator',
    members: ['analyst'],
    fromClue: 'deceased_receiving:x',
    createdAt: '2026-02-01T01:00:00.000Z',
    createdBy: 'investigator',
    updatedAt: '2026-02-03T20:00:00.000Z',
    updatedBy: 'investigator',
    counts: { subjects: 1, clues: 1, notes: 1, views: 0 },
  });
  return {
    lang: 'zh',
    masked: false,
    classification: '内部资料 注意保密',
    date: '2026-02-04',
    case: c,
    summary: {
      subjects: 1,
      clues: 1,
      cluesAmount: 2400,
      notes: 1,
      views: 0,
      entities: 12,
      byType: [{ type: '人员', count: 1 }],
    },
    subjects: [
      {
        type: 'Person',
        typeLabel: '人员',
        name: '王五',
        key: PERSON,
        role: 'recipient',
        note: '',
        details: '性别：男',
        clues: 1,
      },
    ],
    keyPersons: [],
    communities: [],
    funds: [],
    equity: [],
    clues: [
      {
        clueId: 'deceased_receiving:x',
        modelTitle: '死亡人员领取补贴',
        status: '核查中',
        score: 0.9,
        amount: 2400,
        period: '2025-01-01 — 2025-06-30',
        summary: `王五（${PERSON}）死亡后仍领取补贴 2400 元`,
        facts: ['死亡登记：2024-12-01'],
        evidence: [{ what: '补贴发放：民政局 → 王五 ¥600.00 2025-01-15', sources: ['subsidy.csv#12'] }],
        moreEvidence: 0,
      },
    ],
    graph: {
      svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      source: { kind: 'layout' },
      nodes: 1,
      edges: 0,
    },
    notes: [
      {
        noteId: 'n1',
        author: 'investigator',
        at: '2026-02-02T02:00:00.000Z',
        text: '走访村委 <script>',
        editedAt: null,
      },
    ],
    history: [
      {
        at: '2026-02-01T01:00:00.000Z',
        by: 'investigator',
        event: 'created',
        title: '石桥村补贴冒领案',
        lead: 'investigator',
      },
      {
        at: '2026-02-02T01:00:00.000Z',
        by: 'investigator',
        event: 'status',
        status: { from: 'preliminary', to: 'investigation', comment: null },
      },
    ],
    appendix: [
      {
        at: '2026-02-02 10:00',
        user: 'analyst',
        action: 'template.run',
        target: 'relatives',
        params: `{"idNumber":"${PERSON}"}`,
        rows: 3,
      },
    ],
    moreAppendix: 0,
    problems: [],
  };
}

describe('report HTML', () => {
  it('is one self-contained page: inline style and SVG, no script, no link out', () => {
    const html = renderReportHtml(model());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).toContain('@page { size: A4');
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|\bhref=|url\(/i);
    expect(html.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:/);
    expect(html).toContain('走访村委 &lt;script&gt;');
  });

  it('carries the cover, the sections, the provenance and the classification mark', () => {
    const html = renderReportHtml(model());
    for (const text of [
      '内部资料 注意保密',
      'QF-2026-0007',
      '2026年02月04日',
      '立案审查',
      '一、案件概况',
      '八、问题线索及证据来源',
      'subsidy.csv#12',
      '¥2,400.00',
      '附录：查询与模板运行记录',
      '初核 → 立案审查',
    ])
      expect(html).toContain(text);
  });

  it('renders the same model to the same bytes, and masked models show no ID number', () => {
    expect(renderReportHtml(model())).toBe(renderReportHtml(model()));
    const open = renderReportHtml(model());
    expect(open).toContain(PERSON);
    const masked = renderReportHtml(maskDeep({ ...model(), masked: true }));
    expect(masked).not.toContain(PERSON);
    expect(masked).toContain(`${PERSON.slice(0, 6)}********${PERSON.slice(14)}`);
    expect(masked).toContain('身份证号码已按阅读人权限脱敏');
  });

  it('speaks English when asked', () => {
    const html = renderReportHtml({ ...model(), lang: 'en', classification: 'INTERNAL — CONFIDENTIAL' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('1. Summary');
    expect(html).toContain('CNY 2,400.00');
  });

  it('describes history entries in words', () => {
    const [created, status] = model().history;
    expect(describeEvent(created!, 'zh')).toContain('创建案件');
    expect(describeEvent(status!, 'zh')).toBe('初核 → 立案审查');
    expect(describeEvent({ at: '', by: '', event: 'view.save', name: '资金图' }, 'zh')).toContain('资金图');
  });
});
