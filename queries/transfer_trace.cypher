// ---
// title: 资金三跳时序追踪
// titleEn: Three-hop time-ordered transfer trace
// description: >-
//   从一个账户出发，沿转账向下游追踪至多三跳；每一跳晚于上一跳，且整条链在首笔转账后若干天内完成。
//   每行一条链（含其前缀），按跳数从多到少排列。
// descriptionEn: >-
//   Follows transfers out of one account for up to three hops, each hop later than the one before and the
//   whole chain within a window after the first transfer. One row per chain (prefixes included), longest first.
// tags: [money, transfer, trace]
// params:
//   - name: account
//     type: entityKey
//     labels: [Account]
//     required: true
//     zh: 起始账号
//     en: Start account number
//   - name: windowDays
//     type: integer
//     default: 30
//     min: 1
//     max: 366
//     zh: 时间窗口（天）
//     en: Window (days)
//   - name: maxHops
//     type: integer
//     default: 3
//     min: 1
//     max: 3
//     zh: 最多跳数
//     en: Most hops
//   - name: minAmount
//     type: float
//     min: 0
//     zh: 每跳最低金额（元）
//     en: Smallest amount per hop (CNY)
//   - name: from
//     type: date
//     zh: 首笔转账起始日期
//     en: First transfer on or after
//   - name: to
//     type: date
//     zh: 首笔转账截止日期
//     en: First transfer on or before
// ---
MATCH (start:Account {accountNo: $account})-[first:TRANSFER]->(next:Account)
WHERE ($minAmount IS NULL OR first.amount >= $minAmount)
  AND ($from IS NULL OR date(first.time) >= $from)
  AND ($to IS NULL OR date(first.time) <= $to)
// Later hops are pruned while expanding: after the first transfer and inside the window.
MATCH onward = (next) (()-[t:TRANSFER WHERE ($minAmount IS NULL OR t.amount >= $minAmount)
                                         AND t.time > first.time
                                         AND t.time <= first.time + duration({days: $windowDays})]->()){0,2} (target:Account)
WITH start, first, onward, target, [first] + t AS hops
WHERE size(hops) <= $maxHops
  AND all(i IN range(1, size(hops) - 1) WHERE hops[i].time > hops[i - 1].time)
RETURN size(hops) AS hops,
       [a IN [start] + nodes(onward) | coalesce(a.holderName, a.accountNo)] AS route,
       [x IN hops | x.amount] AS amounts,
       first.time AS firstAt,
       hops[-1].time AS lastAt,
       target.accountNo AS targetAccount,
       target.holderName AS targetHolder,
       start, first, onward
ORDER BY hops DESC, firstAt
