// ---
// title: 企业股权链（向上穿透）
// titleEn: A company's shareholding chain (upward)
// description: >-
//   从一家企业沿持股关系向上穿透至多六层，列出每一名直接或间接股东：最短层数、各条持股路径的比例、
//   穿透后的实际持股比例（各路径比例连乘后相加），并标出股东是否为干部或干部亲属。
// descriptionEn: >-
//   Follows shareholdings upward from one company, up to six layers: every direct or indirect shareholder with
//   the shortest depth, the ratios along each path, the effective share (products along paths, summed over paths),
//   and whether the owner is a cadre or a cadre's relative.
// tags: [company, equity, ubo]
// params:
//   - name: company
//     type: entityKey
//     labels: [Company]
//     required: true
//     zh: 统一社会信用代码
//     en: Credit code
//   - name: maxDepth
//     type: integer
//     default: 6
//     min: 1
//     max: 6
//     zh: 最多层数
//     en: Most layers
//   - name: minShare
//     type: float
//     min: 0
//     max: 1
//     zh: 最低实际持股比例（0–1）
//     en: Smallest effective share (0–1)
// ---
MATCH (company:Company {creditCode: $company})
MATCH chain = (holder)-[:SHAREHOLDER*1..6]->(company)
WHERE length(chain) <= $maxDepth
OPTIONAL MATCH (holder:PersonMention)-[:SAME_AS]->(resolved:Person)
WITH coalesce(resolved, holder) AS owner, holder, chain,
     reduce(share = 1.0, r IN relationships(chain) | share * coalesce(r.ratio, 0.0)) AS pathShare
// One row per owner: shares held through several companies add up.
WITH owner, collect(chain) AS chains, collect(holder) AS holders, sum(pathShare) AS effectiveShare,
     min(length(chain)) AS depth
WHERE $minShare IS NULL OR effectiveShare >= $minShare
RETURN owner.name AS ownerName,
       coalesce(owner.idNumber, owner.creditCode, owner.mentionId) AS ownerKey,
       head(labels(owner)) AS ownerType,
       depth,
       size(chains) AS paths,
       [c IN chains | [r IN relationships(c) | r.ratio]] AS ratios,
       round(effectiveShare, 4) AS effectiveShare,
       all(h IN holders WHERE NOT EXISTS { ()-[:SHAREHOLDER]->(h) }) AS topOfChain,
       EXISTS { (owner)-[:HOLDS_POST]->() } AS isCadre,
       [(owner)-[f:FAMILY]-(c:Person) WHERE EXISTS { (c)-[:HOLDS_POST]->() } |
         c.name + '（' + coalesce(f.relation, '亲属') + '）'] AS cadreKin,
       owner, chains
ORDER BY effectiveShare DESC, depth, ownerName
