// ---
// title: 共用电话或地址的人员与企业
// titleEn: People and companies sharing a phone or address
// description: >-
//   多个人员或企业登记了同一电话号码或地址。默认略去仅由同一户成员组成的组（同户共用地址属正常）。
//   “登记关联”表示组内某人是组内企业的法定代表人、股东或高管；无登记关联而共用联系方式更值得关注。
// descriptionEn: >-
//   Several people or companies registered with one phone number or address. Groups made only of members of one
//   household are left out by default (a household shares its address). `registeredTie` says whether someone in
//   the group is legal representative, shareholder or executive of a company in it; sharing without a tie stands out.
// tags: [contact, phone, address, company]
// params:
//   - name: via
//     type: enum
//     options: [both, phone, address]
//     default: both
//     zh: 共用的联系方式
//     en: Shared contact
//   - name: minHolders
//     type: integer
//     default: 2
//     min: 2
//     max: 1000
//     zh: 最少共用方数
//     en: Fewest holders
//   - name: sameHousehold
//     type: enum
//     options: [exclude, include]
//     default: exclude
//     zh: 同户成员组成的组
//     en: Groups of one household
// ---
MATCH (holder)-[link:HAS_PHONE|HAS_ADDRESS]->(contact)
WHERE ((contact:Phone AND $via IN ['phone', 'both']) OR (contact:Address AND $via IN ['address', 'both']))
  AND (holder:Person OR holder:Company OR holder:PersonMention)
WITH contact, collect(DISTINCT holder) AS holders, collect(link) AS links
WHERE size(holders) >= $minHolders
// Look-ups per holder as CALL subqueries, not inside list expressions: the query guard refuses subqueries
// nested in expressions (their plan is hidden from it). One household number (or null) per person holder.
CALL (holders) {
  UNWIND holders AS h
  WITH h WHERE h:Person
  OPTIONAL MATCH (h)-[:MEMBER_OF]->(hh:Household)
  WITH h, head(collect(hh.householdNo)) AS householdNo
  RETURN [x IN collect([householdNo]) | x[0]] AS households
}
CALL (holders) {
  UNWIND holders AS h
  WITH h WHERE EXISTS { (h)-[:FAMILY]-(:Person)-[:HOLDS_POST]->() }
  RETURN [x IN collect([h.name]) | x[0]] AS cadreRelatives
}
WITH contact, holders, links, households, cadreRelatives,
     reduce(seen = [], x IN households | CASE WHEN x IS NULL OR x IN seen THEN seen ELSE seen + x END) AS distinctHouseholds
WHERE $sameHousehold = 'include'
   OR any(h IN holders WHERE NOT h:Person)
   OR size(distinctHouseholds) <> 1
   OR size(households) <> size(holders)
RETURN CASE WHEN contact:Phone THEN 'phone' ELSE 'address' END AS via,
       coalesce(contact.number, contact.text) AS contactValue,
       size(holders) AS holderCount,
       [h IN holders | coalesce(h.name, h.idNumber, h.creditCode)] AS names,
       size([h IN holders WHERE h:Company]) AS companies,
       EXISTS {
         MATCH (p)-[:LEGAL_REP|SHAREHOLDER|EXECUTIVE]->(c:Company) WHERE p IN holders AND c IN holders
       } AS registeredTie,
       [h IN holders WHERE EXISTS { (h)-[:HOLDS_POST]->() } | h.name] AS cadres,
       cadreRelatives,
       contact, holders, links
ORDER BY registeredTie, companies DESC, holderCount DESC, contactValue
