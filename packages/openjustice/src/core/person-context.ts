/**
 * The words around a name that tell its role: a magistrate or clerk (role words after it, "Président :"
 * labels before it, bench lists), a lawyer ("Me", "avocat au barreau"), a party or another masked person
 * ("né le", "demeurant", "avocat de M. X", "ès qualités de mandataire", "interprète", "l'expert X").
 * Every expression is applied to a bounded window around a mention (persons.ts).
 */
/** "président(e)" as a role of the bench, not "président de la société X" (a party's representative) */
const PRESIDENT =
  "pr[ée]sident(?:e)?(?![ \\t]+(?:de[ \\t]+(?:la\\s+|l['’])?(?:société|association|SAS|SARL|SA\\b|syndicat|fédération|fondation|mutuelle|caisse|club|comité|groupe|holding|CSE|conseil d['’]administration|conseil de surveillance|directoire|collectif|union|chambre de commerce|chambre des métiers|communauté|SCI|entreprise|fédération)|du\\s+(?:conseil d['’]administration|conseil de surveillance|directoire|syndicat|groupe|comité|club|CSE)|directeur|-directeur|d['’]honneur))";
const CONSEILLER =
  "conseill(?:er|ère)s?\\b(?![ \\t]+(?:municipal|général|régional|départemental|en\\s|financier|clientèle|commercial|principal|d['’]orientation|juridique|technique|prud|d['’]état|du salarié|syndical))";
const MAG_ROLE = `(?:(?:en qualité de|faisant fonctions? de|f\\.f\\.|ff)\\s+)?(?:premi(?:er|ère)\\s+|1(?:er|ère)\\s+|vice-)?(?:${PRESIDENT}|${CONSEILLER}|greffi(?:er|ère)s?\\b(?![ \\t]+stagiaire)|juges?\\b|juge-commissaire|magistrat|avocat(?:e)?s?\\s+généra|procureur|substitut|rapporteu|assesseu|doyen|auditeu|directeur de greffe|directrice de greffe|adjointe? administrati|secrétaire (?:de chambre|greffier)|membres? de la (?:cour|chambre|formation))`;
/** role words right after a name: "Mme X, conseillère", "X (président)", "Mme Royer\nRapporteure" */
export const MAG_AFTER = new RegExp(`^[ \\t]*(?:[,(–-][ \\t]*)?(?:\\n[ \\t]*)?${MAG_ROLE}`, 'iu');
/** "M. X, Mme Y, conseillers": a list of names closed by a role word */
const NAME_ITEM =
  "(?:(?:M\\.|Mme|Mmes|MM\\.|Monsieur|Madame|Me)\\s+)?[\\p{Lu}][\\p{L}'’.]{0,40}(?:[ -]+(?:de |d['’]|le |la |du )?[\\p{Lu}][\\p{L}'’.]{0,40}){0,3}";
export const MAG_LIST_AFTER = new RegExp(`^(?:\\s*(?:,|et|,\\s*et)\\s*${NAME_ITEM})+\\s*,?\\s*(?:${MAG_ROLE})`, 'u');
export const MAG_LIST_AFTER_OR_ROLE = new RegExp(
  `^(?:[ \\t]*,[ \\t]*${MAG_ROLE}|(?:\\s*(?:,|et|,\\s*et)\\s*${NAME_ITEM})+\\s*,\\s*(?:${MAG_ROLE}))`,
  'iu',
);
export const AVO_AFTER = /^[ \t]*(?:[,(–-][ \t]*)?(?:avocat(?:e)?s?\b(?!\s+généra)|plaidant|postulant|toque|société d['’]avocats)/iu;
export const PARTY_AFTER = new RegExp(
  '^[ \\t]*(?:[,(–-][ \\t]*)?(?:' +
    [
      "n[ée]e?s?\\s+(?:le|à|en|au|vers|d['’]|de)(?!\\p{L})",
      'N[ÉE]E?S?\\s',
      'demeurant',
      'domicili',
      'résid',
      'épou',
      'veuve',
      'divorc',
      'de nationalité',
      'agissant',
      'pris(?:e)?\\s+en',
      '(?:ès|es|en\\s+sa|en\\s+son|en\\s+leur)[ -]?qualit',
      'mandataire',
      'liquidateur',
      'administrat(?:eur|rice)\\s+(?:judiciaire|provisoire|ad hoc)',
      'commissaire (?:à l|au plan|de justice)',
      'interpr[èe]te',
      'expert',
      'témoin',
      'huissier',
      'notaire',
      'médecin',
      'gérante?',
      'directeur',
      'directrice',
      'salarié',
      'employé',
      'prévenu',
      'partie civile',
      'appelant',
      'intimé',
      'demandeu',
      'défendeu',
      'requérant',
      'comparant',
      'non comparant',
      'retenu',
      'sans profession',
      '(?:a|ont|avait|avaient|aurait)\\s+(?:formé|interjeté|relevé|saisi)\\b',
      'ci-après',
      'fils',
      'fille',
      'mère',
      'père',
      'frère',
      'sœur',
      'soeur',
      'époux',
      'conjoint',
      'compagne',
      'compagnon',
      'tuteur',
      'curateur',
      'héritier',
      'ayant droit',
      'représentant légal',
      'en sa qualité',
      'associé',
      'dirigeant',
      'victime',
      'greffi(?:er|ère) stagiaire',
      'stagiaire',
    ].join('|') +
    ')',
  'iu',
);
/** the end of the text before a name that makes it a magistrate or clerk */
export const MAG_BEFORE =
  /(?:présidée? par|tenue par|signée? par|composée? de|Nous,|(?:^|\n)[ \t\-–•]*(?:Pr[ée]sidente?|PR[ÉE]SIDENTE?|Assesseurs?|ASSESSEURS?|Conseill(?:er|ère)s?|CONSEILL(?:ER|ÈRE)S?|Greffi(?:er|ère)(?:\s+lors[^:\n]{0,40})?|GREFFI(?:ER|ÈRE)(?:\s+LORS[^:\n]{0,40})?|Juges?(?:\s+[^:\n]{0,40})?|JUGES?|Magistrats?(?:\s+[^:\n]{0,40})?|MAGISTRATS?(?:\s+[^:\n]{0,40})?|Minist[èe]re public|MINIST[ÈE]RE PUBLIC|Rapporteu\w*(?:\s+public\w*)?|Composition[^:\n]{0,80}|COMPOSITION[^:\n]{0,80})\s*:)\s*(?:M\.|Mme|Monsieur|Madame|Maître)?\s*$/iu;
/** the end of the text before a name that makes it a party (or a masked third person) */
export const PARTY_BEFORE =
  /(?:avocats?\s+(?:de|du|des|pour)|conseil\s+de|représentant\s+(?:de|légal)|pour le compte de|en la personne de|à l['’]encontre de|\bcontre|\bC\s*\/|l['’]opposant\s+(?:à|aux)|opposant\s+(?:à|aux)|au profit de|aux intérêts de|au nom de|l['’]expert(?:e)?|expert(?:e)? judiciaire|interprète|le docteur|la docteure?|l['’]huissier|le notaire|épouse|époux|veuve|se disant(?: également)?|alias|dite?|connue? sous le nom de|fils de|fille de|enfants?|Nom du ressortissant\s*:|[ÉE]tranger\s*:|ETRANGER\s*:)\s*(?:M\.|Mme|Monsieur|Madame|Mademoiselle|MM\.|Mmes)?\s*$/iu;
/** a name inside a law firm's name: "la SELARL BALAVOINE et DAVID", "SCP Célice, Texidor, Périer" */
export const FIRM_BEFORE =
  /\b(?:SCP|S\.C\.P\.|SELARL|S\.E\.L\.A\.R\.L\.|SELAS|SELAFA|AARPI|SELEURL|SELURL|SCPA|Selarl|Scp|société d['’]avocats|cabinet d['’]avocats)\s[^;:\n]{0,60}$/u;
const PARTNER_NAME = "[\\p{Lu}][\\p{L}'’-]*(?:[ \\t]+(?:(?:[Dd]e|[Ll]e|[Ll]a|[Dd]u|[Dd]es)[ \\t]+)?[\\p{Lu}][\\p{L}'’-]*)+";
export const PARTNER_LIST = new RegExp(
  `(?:[Ss]ociété|SCP|S\\.C\\.P\\.)[ \\t]+((?:${PARTNER_NAME}[ \\t]*(?:,[ \\t]*|[ \\t]+et[ \\t]+))+${PARTNER_NAME})[ \\t]*,?[ \\t]*(?:société civile professionnelle|notaires?\\b|huissiers?\\b|commissaires? de justice)`,
  'gu',
);
export const FIRM_FORM_TOKEN = /^(?:SCP|SELARL|SELARLU|SELAS|SELAFA|AARPI|SCPA|SELEURL|SELURL|Selarl|Selarlu|Scp)$/u;
export const NOTARY_AFTER =
  /^[^;\n]{0,40}\b(?:notaires?|huissiers?|commissaires? de justice|commissaires?-priseurs?|mandataires?|liquidateurs?|administrateurs? judiciaires?|géomètres?|experts?)/iu;
/** introducers of a masked third person, enough for a single unknown word ("l'expert Parvu", "en la personne de FABIEN ANDRE") */
export const STRONG_INTRO =
  /(?:l['’]expert(?:e)?|expert(?:e)?\s+judiciaire|interprète|le témoin|la témoin|l['’]huissier|le notaire|(?:le|au|du)\s+(?:docteur|professeur)|en la personne de|Nom du ressortissant\s*:|se disant(?: également)?|alias|(?:est|sont)\s+n[ée]e?s?\s*:?\s*(?:[-–]\s*)?)\s*$/iu;
/** "Me X, mandataire judiciaire", "en la personne de Me X": a lawyer's title on someone acting as a party */
export const MANDATAIRE_AFTER =
  /^[\s,]*(?:\(|pris(?:e)?\s+en\s+|comme\s+|en qualité de\s+|agissant\s+)?(?:syndic|ès[ -]?qualit|es[ -]?qualit|mandataire|liquidateur|administrat(?:eur|rice)|commissaire|huissier|notaire|pris en sa qualité|en sa qualité|agissant)/iu;
export const MANDATAIRE_BEFORE =
  /(?:en la personne de|mandataire|liquidateur|administrateur judiciaire|notaire|huissier|commissaire de justice)\s*(?:Me|Maître|maître)?\s*$/iu;
/** label of a colon field naming a masked third person: "l'interprète ... : Mme X" */
export const PARTY_LABEL = /(?:interprète|expert|témoin)[^:\n]{0,120}:\s*(?:M\.|Mme|Monsieur|Madame)?\s*$/iu;
/** zones where every name is a member of the bench ("où étaient présents ...", "siégeaient : ...") */
export const BENCH_ZONE = /(?:étaient présents|siégeaient|ainsi composée?|composée lors des débats|composée de)/giu;

export const PLACE_BEFORE =
  /(?:\b\d{5}|\b(?:barreau|cour d'appel|tribunal|conseil|chambre|pôle|centre|maison d'arrêt|hôpital|clinique|lycée|collège|école|université|commune|ville|département|région)\s+(?:de|d['’]|du|des)|\b(?:rue|avenue|av\.|boulevard|bd|place|allée|chemin|impasse|quai|square|cours|route|voie|passage|rond-point|résidence|lycée|collège|école|stade|salle|hôpital|clinique|centre|parc|pont|port|gare|aéroport|lieu-dit|mail|esplanade|promenade|cité|hameau|faubourg|sentier|montée|parvis)\s+(?:du\s+|de\s+la\s+|de\s+l['’]|des\s+|de\s+|d['’])?)\s*$/iu;
