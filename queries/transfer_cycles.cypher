// ---
// title: 资金循环回流（2–4 个账户）
// titleEn: Transfer cycles (2–4 accounts, time-ordered)
// description: >-
//   资金经 2 至 4 个不同账户依次转出后回到起点：每一跳晚于上一跳，全程在时间窗口内，每跳金额不低于下限且与首跳相差不超过容差。
// descriptionEn: >-
//   Money that leaves an account and comes back through 2 to 4 distinct accounts, each hop later than the one
//   before, the whole cycle within the window, every hop at least the minimum and within the tolerance of the first.
// tags: [money, transfer, cycle]
// params:
//   - name: minAmount
//     type: float
//     default: 10000
//     min: 0
//     zh: 每跳最低金额（元）
//     en: Smallest amount per hop (CNY)
//   - name: windowDays
//     type: integer
//     default: 30
//     min: 1
//     max: 366
//     zh: 时间窗口（天）
//     en: Window (days)
//   - name: tolerance
//     type: float
//     default: 0.1
//     min: 0
//     max: 1
//     zh: 金额容差（与首跳相比的比例）
//     en: Amount tolerance (share of the first hop)
//   - name: account
//     type: entityKey
//     labels: [Account]
//     zh: 仅含此账号的环路
//     en: Only cycles through this account
//   - name: from
//     type: date
//     zh: 首笔转账起始日期
//     en: First transfer on or after
//   - name: to
//     type: date
//     zh: 首笔转账截止日期
//     en: First transfer on or before
// ---
MATCH (start:Account)-[first:TRANSFER]->(next:Account)
WHERE first.amount >= $minAmount
  AND ($from IS NULL OR date(first.time) >= $from)
  AND ($to IS NULL OR date(first.time) <= $to)
// Every later hop is pruned while expanding: after the first, inside the window, close to its amount.
MATCH back = (next) (()-[t:TRANSFER WHERE t.amount >= $minAmount
                                       AND t.time > first.time
                                       AND t.time <= first.time + duration({days: $windowDays})
                                       AND abs(t.amount - first.amount) <= $tolerance * first.amount]->()){1,3} (start)
WITH start, first, back, [first] + t AS hops, [start] + nodes(back)[..-1] AS members
WHERE all(i IN range(1, size(hops) - 1) WHERE hops[i].time > hops[i - 1].time)
  // Distinct accounts: a cycle, not a figure of eight. Only the time-ordered rotation survives, so each once.
  AND all(i IN range(0, size(members) - 2) WHERE NOT members[i] IN members[i + 1..])
  AND ($account IS NULL OR any(a IN members WHERE a.accountNo = $account))
RETURN size(hops) AS accounts,
       [a IN members + start | coalesce(a.holderName, a.accountNo)] AS route,
       [a IN members | a.accountNo] AS accountNos,
       [x IN hops | x.amount] AS amounts,
       first.time AS firstAt,
       hops[-1].time AS lastAt,
       duration.between(first.time, hops[-1].time).days AS days,
       first, back
ORDER BY firstAt
