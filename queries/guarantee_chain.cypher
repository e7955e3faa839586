// ---
// title: 担保链
// titleEn: Guarantee chain
// description: >-
//   参照 LDBC FinBench 的担保链查询：从一名人员或一家企业出发，沿担保关系追踪至多六层（向下：其担保的对象；
//   向上：为其担保的一方），可限定担保日期区间；列出链上每一方、层数与链上担保金额合计。
// descriptionEn: >-
//   After LDBC FinBench's guarantee-chain read: from a person or company, follows GUARANTEES up to six layers
//   (down: whom it guarantees; up: who guarantees it), optionally within a date window; every party on the
//   chain with its depth and the guaranteed amounts summed along the chain.
// tags: [guarantee, finbench, company]
// params:
//   - name: party
//     type: entityKey
//     labels: [Person, Company]
//     required: true
//     zh: 身份证号或统一社会信用代码
//     en: ID number or credit code
//   - name: direction
//     type: enum
//     options: [down, up]
//     default: down
//     zh: 方向（down 其担保的对象 / up 为其担保的一方）
//     en: Direction (down whom it guarantees / up who guarantees it)
//   - name: maxDepth
//     type: integer
//     default: 6
//     min: 1
//     max: 6
//     zh: 最多层数
//     en: Most layers
//   - name: from
//     type: date
//     zh: 担保起始日期
//     en: Guaranteed on or after
//   - name: to
//     type: date
//     zh: 担保截止日期
//     en: Guaranteed on or before
// ---
// Each label on its own (a unique-index seek): an unlabelled MATCH (start) is refused by the query guard.
CALL () {
  MATCH (start:Person {idNumber: $party}) RETURN start
  UNION
  MATCH (start:Company {creditCode: $party}) RETURN start
}
CALL (start) {
  MATCH chain = (start) (()-[g:GUARANTEES WHERE ($from IS NULL OR g.date >= $from) AND ($to IS NULL OR g.date <= $to)]->()){1,6} (party)
  WHERE $direction = 'down'
  RETURN chain, g, party
  UNION
  MATCH chain = (party) (()-[g:GUARANTEES WHERE ($from IS NULL OR g.date >= $from) AND ($to IS NULL OR g.date <= $to)]->()){1,6} (start)
  WHERE $direction = 'up'
  RETURN chain, g, party
}
WITH start, chain, g, party
WHERE size(g) <= $maxDepth AND party <> start
RETURN party.name AS party,
       coalesce(party.idNumber, party.creditCode) AS partyKey,
       head(labels(party)) AS partyType,
       size(g) AS depth,
       [n IN nodes(chain) | n.name] AS route,
       [x IN g | x.amount] AS amounts,
       reduce(total = 0.0, x IN g | total + coalesce(x.amount, 0.0)) AS chainAmount,
       [x IN g | x.date] AS dates,
       chain
ORDER BY depth, party
