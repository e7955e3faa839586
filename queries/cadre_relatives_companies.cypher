// ---
// title: 干部亲属及其关联企业
// titleEn: A cadre's relatives and their companies
// description: 列出一名干部的亲属（申报或户籍），以及这些亲属任法定代表人、股东或高管的企业。未识别人员按“疑似同一人”归并。
// descriptionEn: >-
//   The relatives of one cadre (declared or from the household register) and the companies where they are
//   legal representative, shareholder or executive. Unresolved mentions are followed to the person they match.
// tags: [cadre, family, company]
// params:
//   - name: cadre
//     type: entityKey
//     labels: [Person]
//     required: true
//     zh: 干部身份证号
//     en: Cadre's ID number
//   - name: onlyWithCompanies
//     type: enum
//     options: ['yes', 'no']
//     default: 'yes'
//     zh: 仅列出有关联企业的亲属
//     en: Only relatives with companies
// ---
MATCH (cadre:Person {idNumber: $cadre})
MATCH tie = (cadre)-[f:FAMILY]-(kin)
OPTIONAL MATCH same = (kin:PersonMention)-[:SAME_AS]->(resolved:Person)
WITH cadre, f, tie, same, coalesce(resolved, kin) AS relative
// Roles may hang off the person or off an unresolved mention of them.
OPTIONAL MATCH rolePath = (relative)<-[:SAME_AS*0..1]-()-[r:LEGAL_REP|SHAREHOLDER|EXECUTIVE]->(company:Company)
WITH cadre, f, tie, same, relative, rolePath, r, company
WHERE $onlyWithCompanies = 'no' OR company IS NOT NULL
RETURN relative.name AS relative,
       f.relation AS relation,
       f.basis AS basis,
       startNode(f) = cadre AS statedFromCadre,
       company.name AS company,
       company.creditCode AS creditCode,
       type(r) AS role,
       r.ratio AS shareRatio,
       r.post AS post,
       tie, same, rolePath
ORDER BY relative, company
