// ---
// title: 村集体向干部关联企业付款
// titleEn: Village payments to companies linked to its cadres
// description: >-
//   某村集体资金支付给企业，而该企业的法定代表人、股东或高管是在该村（或该村所在单位）任职的干部本人或其亲属。
//   每行为一家企业与一名干部（或亲属）的关联，附付款笔数与金额。
// descriptionEn: >-
//   Collective payments from a village to companies whose legal representative, shareholder or executive is a
//   cadre holding a post there (at the village or an organisation located in it) or a relative of that cadre.
//   One row per company and linked person, with the payments.
// tags: [cadre, family, company, collective, payment]
// params:
//   - name: village
//     type: entityKey
//     labels: [Village]
//     required: true
//     zh: 村集体标识（乡镇/村）
//     en: Village key (town/village)
//   - name: from
//     type: date
//     zh: 付款起始日期
//     en: Paid on or after
//   - name: to
//     type: date
//     zh: 付款截止日期
//     en: Paid on or before
//   - name: minAmount
//     type: float
//     default: 0
//     min: 0
//     zh: 单笔最低金额（元）
//     en: Smallest payment (CNY)
// ---
MATCH (village:Village {villageKey: $village})
MATCH (cadre:Person)-[h:HOLDS_POST]->(org)
WHERE org = village OR (org)-[:LOCATED_IN]->(village)
WITH village, cadre, collect(h) AS posts, collect(org) AS orgs, collect(DISTINCT h.post) AS postTitles
CALL (cadre) {
  RETURN cadre AS linked, null AS tie, '本人' AS relation
  UNION
  MATCH tie = (cadre)-[f:FAMILY]-(kin)
  OPTIONAL MATCH (kin:PersonMention)-[:SAME_AS]->(resolved:Person)
  RETURN coalesce(resolved, kin) AS linked, tie, f.relation AS relation
}
MATCH rolePath = (linked)<-[:SAME_AS*0..1]-()-[r:LEGAL_REP|SHAREHOLDER|EXECUTIVE]->(company:Company)
WITH village, cadre, posts, orgs, postTitles, linked, tie, relation, company,
     collect(rolePath) AS rolePaths, collect(DISTINCT type(r)) AS roles, max(r.ratio) AS shareRatio
MATCH (village)-[pay:COLLECTIVE_PAYMENT]->(company)
WHERE ($from IS NULL OR pay.date >= $from)
  AND ($to IS NULL OR pay.date <= $to)
  AND ($minAmount IS NULL OR pay.amount >= $minAmount)
WITH village, cadre, posts, orgs, postTitles, linked, tie, relation, company, rolePaths, roles, shareRatio,
     collect(pay) AS payments
RETURN company.name AS company,
       company.creditCode AS creditCode,
       cadre.name AS cadre,
       postTitles,
       linked.name AS linkedPerson,
       relation,
       roles,
       shareRatio,
       size(payments) AS paymentCount,
       reduce(total = 0.0, p IN payments | total + p.amount) AS totalAmount,
       village AS villageNode, company AS companyNode, orgs, posts, tie, rolePaths, payments
ORDER BY totalAmount DESC, company, cadre
