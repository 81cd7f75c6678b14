/** Decision templates per court type, written for the generator (structure of real French decisions). */
import { Builder, Gen, type GenDoc, type Person } from './generator.ts';

const P = 'personnePhysiquePrenom',
  N = 'personnePhysiqueNom',
  MAG = 'professionnelMagistratGreffier',
  AVO = 'professionnelAvocat';

function person(g: Gen, upperStyle: boolean): Person {
  const sex = g.chance(0.5) ? 'm' : 'f';
  return { first: g.firstName(sex), last: g.lastName(), sex, upper: upperStyle };
}
const civ = (g: Gen, p: Person, long = false) =>
  long || g.chance(0.15) ? (p.sex === 'm' ? 'Monsieur' : 'Madame') : p.sex === 'm' ? 'M.' : 'Mme';
const lastForm = (p: Person) => (p.upper ? p.last.toUpperCase() : p.last);
function full(b: Builder, g: Gen, p: Person, withCiv = true) {
  if (withCiv) b.t(`${civ(g, p)} `);
  if (g.chance(0.1) && p.upper) return b.e(N, lastForm(p)).t(' ').e(P, p.first);
  return b.e(P, p.first).t(' ').e(N, lastForm(p));
}
function re(b: Builder, g: Gen, p: Person) {
  b.t(`${civ(g, p)} `);
  return b.e(N, g.chance(0.3) ? p.last.toUpperCase() : lastForm(p));
}
function magName(g: Gen, upper: boolean) {
  const p = person(g, upper);
  return { p, text: g.chance(0.5) ? `${p.first} ${upper ? p.last.toUpperCase() : p.last}` : p.last };
}
function born(b: Builder, g: Gen, p: Person) {
  const c = g.commune();
  b.t(`${p.sex === 'm' ? 'né' : 'née'} le `)
    .e('dateNaissance', g.date())
    .t(' à ')
    .e('localite', g.chance(0.3) ? c.nom.toUpperCase() : c.nom);
  if (g.chance(0.2)) b.t(` (${c.cp.slice(0, 2)})`);
}
function address(b: Builder, g: Gen, sep: string) {
  const c = g.commune();
  b.e('adresse', g.street()).t(sep);
  if (g.chance(0.7)) b.e('localite', `${c.cp} ${g.chance(0.4) ? c.nom.toUpperCase() : c.nom}`);
  else b.e('localite', c.nom);
}
function lawyer(b: Builder, g: Gen, upper: boolean) {
  const p = person(g, upper);
  b.t(g.chance(0.8) ? 'Me ' : 'Maître ').e(
    AVO,
    g.chance(0.7) ? `${p.first} ${upper ? p.last.toUpperCase() : p.last}` : upper ? p.last.toUpperCase() : p.last,
  );
  if (g.chance(0.3)) b.t(' de la SELARL ').e(AVO, `${g.lastName()}${g.chance(0.5) ? ' & Associés' : ''}`);
  b.t(`, avocat au barreau de ${g.chance(0.5) ? g.courtCity().toUpperCase() : g.courtCity()}`);
  return p;
}

const FACTS = [
  (b: Builder, g: Gen, a: Person, o: Person) => {
    b.t('Par acte du ' + g.date(2015, 2023) + ', ');
    re(b, g, a);
    b.t(' a fait assigner ');
    re(b, g, o);
    b.t(' devant le tribunal judiciaire de ' + g.courtCity() + '.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    re(b, g, a);
    b.t(` a été engagé${a.sex === 'f' ? 'e' : ''} le ${g.date(2000, 2020)} par la société `)
      .e('personneMorale', g.company())
      .t(' en qualité de ' + g.pick(['chauffeur', 'comptable', 'vendeur', "agent d'entretien", 'cadre commercial']) + '.\n\n');
  },
  (b: Builder, g: Gen, a: Person, o: Person) => {
    b.t('Il résulte des pièces produites que ');
    re(b, g, a);
    b.t(' et ');
    full(b, g, o);
    b.t(' se sont mariés le ').e('dateMariage', g.date(1980, 2015)).t(' à ').e('localite', g.commune().nom).t('.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    b.t('Le témoin, ');
    const w = person(g, a.upper);
    full(b, g, w);
    b.t(', demeurant ');
    address(b, g, ', ');
    b.t(', a déclaré avoir vu ');
    re(b, g, a);
    b.t(' sur les lieux.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    b.t('Les faits se sont déroulés le ' + g.date(2018, 2023) + ' à ')
      .e('localite', g.commune().nom)
      .t(', devant le ' + g.pick(['bar', 'restaurant', 'magasin']) + ' ')
      .e('etablissement', g.etab())
      .t(', où ');
    re(b, g, a);
    b.t(' a été interpellé.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    b.t('Le véhicule immatriculé ').e('plaqueImmatriculation', g.plate()).t(' appartenant à ');
    re(b, g, a);
    b.t(' a été retrouvé.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    re(b, g, a);
    b.t(' peut être joint au ').e('telephoneFax', g.phone()).t(' ou par courriel à ').e('email', g.email(a.first, a.last)).t('.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    b.t('Les sommes seront versées sur le compte ').e('compteBancaire', g.iban()).t(' ouvert au nom de ');
    re(b, g, a);
    b.t('.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    re(b, g, a);
    b.t(', numéro de sécurité sociale ').e('numeroIdentifiant', g.nir(a.sex)).t(', conteste la décision de la caisse.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    b.t('Sa mère, ');
    const m = person(g, a.upper);
    m.sex = 'f';
    full(b, g, m);
    b.t(', décédée le ').e('dateDeces', g.date(2000, 2023)).t(', vivait avec ');
    re(b, g, a);
    b.t('.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    b.t('De cette union est né ');
    const c = person(g, false);
    b.e(P, c.first).t(' ').e(N, a.last);
    b.t(', le ').e('dateNaissance', g.date(2005, 2020)).t('.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    b.t(`${a.sex === 'm' ? 'Il' : 'Elle'} soutient que `);
    b.e(P, a.first).t(' ').e(N, lastForm(a));
    b.t(' a toujours respecté ses obligations, ce que conteste la partie adverse.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    b.t('La parcelle cadastrée ')
      .e('cadastre', `${g.pick(['AB', 'ZK', 'C', 'AY'])} ${g.int(10, 2999)}`)
      .t(' appartenant à ');
    re(b, g, a);
    b.t(' est située ').e('adresse', g.street()).t('.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    b.t("Selon le rapport de l'expert, ");
    const e = person(g, a.upper);
    full(b, g, e);
    b.t(', les désordres étaient apparents. ');
    re(b, g, a);
    b.t(' en a été informé le ' + g.date(2016, 2023) + '.\n\n');
  },
  // bare names, experts, doctors, interpreters, judicial representatives, spouses: all masked
  (b: Builder, g: Gen, a: Person) => {
    b.t('Le conseil de ');
    b.e(P, a.first).t(' ').e(N, lastForm(a));
    b.t(' soutient que la procédure est irrégulière.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    const e = person(g, false);
    b.t(`L'expertise a été confiée ${g.chance(0.5) ? 'au docteur' : "à l'expert"} `);
    b.e(N, e.last);
    b.t(', qui a déposé son rapport le ' + g.date(2018, 2023) + '. ');
    re(b, g, a);
    b.t(' en conteste les conclusions.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    const m = person(g, a.upper);
    b.t('La SELARL ')
      .e(N, m.last)
      .t(', prise en la personne de Me ')
      .e(P, m.first)
      .t(' ')
      .e(N, m.last)
      .t(', ès qualités de mandataire judiciaire de la société ')
      .e('personneMorale', g.company())
      .t(', a déclaré la créance de ');
    re(b, g, a);
    b.t('.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    b.t('M. et Mme ')
      .e(N, lastForm(a))
      .t(' ont acquis le bien situé ')
      .e('adresse', g.street())
      .t(' à ')
      .e('localite', g.commune().nom)
      .t('.\n\n');
  },
  (b: Builder, g: Gen, a: Person) => {
    const s2 = person(g, a.upper);
    s2.sex = 'f';
    b.t('Mme ')
      .e(P, s2.first)
      .t(' ')
      .e(N, lastForm(s2))
      .t(` épouse `)
      .e(N, lastForm(a))
      .t(" est intervenue volontairement à l'instance.\n\n");
  },
  (b: Builder, g: Gen, a: Person) => {
    re(b, g, a);
    b.t(', se disant également ');
    const x = person(g, a.upper);
    b.e(P, x.first).t(' ').e(N, lastForm(x));
    b.t(", ne justifie d'aucune garantie de représentation.\n\n");
  },
];

/** the bench quotes a magistrate again in the body ("Madame X a été entendue en son rapport") */
function magRemention(b: Builder, g: Gen, m: { p: Person }) {
  b.t(`A l'audience publique du ${g.date(2023, 2024)}, ${m.p.sex === 'm' ? 'Monsieur' : 'Madame'} `)
    .e(MAG, m.p.upper ? m.p.last.toUpperCase() : m.p.last)
    .t(' a été entendu' + (m.p.sex === 'f' ? 'e' : '') + ' en son rapport.\n\n');
}

function body(b: Builder, g: Gen, a: Person, o: Person, n: number) {
  for (let k = 0; k < n; k++) g.pick(FACTS)(b, g, g.chance(0.6) ? a : o, g.chance(0.5) ? o : a);
}

function cass(g: Gen): Builder {
  const b = new Builder();
  const upper = false;
  const pres = magName(g, false),
    rap = magName(g, false),
    av = magName(g, false),
    gr = magName(g, false);
  const a = person(g, upper),
    o = person(g, upper);
  b.t(
    `${g.pick(['CIV. 1', 'CIV. 2', 'CIV. 3', 'SOC.', 'COMM.', 'CRIM.'])}\n\n${g.pick(['FD', 'CF', 'SH'])}\n\nCOUR DE CASSATION\n\nAudience publique du ${g.date(2022, 2024)}\n\n${g.pick(['Cassation', 'Rejet', 'Cassation partielle'])}\n\n`,
  );
  b.t(`${pres.p.sex === 'm' ? 'M.' : 'Mme'} `)
    .e(MAG, pres.p.last)
    .t(', président\n\n');
  b.t(
    `Arrêt n° ${g.int(100, 1200)} F-D\n\nPourvoi n° ${g.pick(['K', 'M', 'Y', 'Z'])} ${g.int(20, 24)}-${g.int(10, 99)}.${g.int(100, 999)}\n\nAU NOM DU PEUPLE FRANÇAIS\n\n`,
  );
  full(b, g, a);
  b.t(`, domicilié${a.sex === 'f' ? 'e' : ''} `);
  if (g.chance(0.5)) address(b, g, ', ');
  else b.e('adresse', g.street());
  b.t(
    ", a formé le pourvoi contre l'arrêt rendu le " +
      g.date(2020, 2023) +
      " par la cour d'appel de " +
      g.courtCity() +
      ", dans le litige l'opposant à ",
  );
  full(b, g, o);
  b.t(', domicilié ').e('adresse', g.street()).t(', défendeur à la cassation.\n\n');
  b.t(`Sur le rapport de ${rap.p.sex === 'm' ? 'M.' : 'Mme'} `)
    .e(MAG, rap.p.last)
    .t(', conseiller, les observations de la SCP ')
    .e(AVO, `${g.lastName()} et ${g.lastName()}`)
    .t(', avocat de ');
  re(b, g, a);
  b.t(", et l'avis de " + (av.p.sex === 'm' ? 'M. ' : 'Mme '))
    .e(MAG, av.p.last)
    .t(", avocat général, après débats en l'audience publique où étaient présents " + (pres.p.sex === 'm' ? 'M. ' : 'Mme '))
    .e(MAG, pres.p.last)
    .t(', président, ' + (rap.p.sex === 'm' ? 'M. ' : 'Mme '))
    .e(MAG, rap.p.last)
    .t(', conseiller rapporteur, et ' + (gr.p.sex === 'm' ? 'M. ' : 'Mme '))
    .e(MAG, gr.p.last)
    .t(', greffier de chambre,\n\nFaits et procédure\n\n');
  body(b, g, a, o, g.int(3, 7));
  b.t(
    "PAR CES MOTIFS, la Cour :\n\nCASSE ET ANNULE, en toutes ses dispositions, l'arrêt rendu par la cour d'appel de " +
      g.courtCity() +
      ' ;\n\nCondamne ',
  );
  re(b, g, o);
  b.t(' aux dépens.\n');
  return b;
}

function ca(g: Gen): Builder {
  const b = new Builder();
  const upper = g.chance(0.6);
  const a = person(g, upper),
    o = person(g, upper);
  const city = g.courtCity();
  b.t(`N° RG ${g.int(20, 24)}/${String(g.int(1, 9999)).padStart(5, '0')}\n\n`);
  b.e(N, a.last.toUpperCase()).t('\n\nC/\n\n');
  const corp = g.chance(0.5);
  let company = '';
  if (corp) {
    company = g.company();
    b.t('SAS ').e('personneMorale', company).t('\n\n');
  } else b.e(N, o.last.toUpperCase()).t('\n\n');
  b.t(
    `COUR D'APPEL DE ${city.toUpperCase()}\n\n${g.pick(['chambre sociale', '1ère chambre civile', '3ème chambre A', 'chambre commerciale'])}\n\nARRÊT DU ${g.date(2023, 2024).toUpperCase()}\n\nAPPELANT${a.sex === 'f' ? 'E' : ''} :\n\n`,
  );
  full(b, g, a);
  b.t('\n');
  born(b, g, a);
  b.t('\n');
  address(b, g, '\n');
  b.t('\n\nReprésenté par ');
  lawyer(b, g, upper);
  b.t('\n\nINTIMÉ' + (corp ? 'E' : '') + ' :\n\n');
  if (corp) {
    b.t('SAS ').e('personneMorale', company).t('\n');
    address(b, g, '\n');
  } else {
    full(b, g, o);
    b.t('\n');
    address(b, g, '\n');
  }
  b.t('\n\nReprésentée par ');
  lawyer(b, g, upper);
  const pres = magName(g, true),
    c1 = magName(g, true),
    gr = magName(g, true);
  b.t('\n\nCOMPOSITION DE LA COUR :\n\n')
    .e(MAG, `${pres.p.first} ${pres.p.last.toUpperCase()}`)
    .t(', Présidente\n')
    .e(MAG, `${c1.p.first} ${c1.p.last.toUpperCase()}`)
    .t(', Conseiller\n\nGreffier : ')
    .e(MAG, `${gr.p.first} ${gr.p.last.toUpperCase()}`)
    .t('\n\nEXPOSÉ DU LITIGE\n\n');
  body(b, g, a, o, g.int(3, 8));
  b.t('MOTIFS DE LA DÉCISION\n\n');
  body(b, g, a, o, g.int(1, 3));
  b.t('PAR CES MOTIFS\n\nLa cour, statuant publiquement,\n\nCONFIRME le jugement ;\n\nCONDAMNE ');
  re(b, g, a);
  b.t(' aux dépens.\n\nLE GREFFIER LA PRÉSIDENTE\n\n')
    .e(MAG, `${gr.p.first} ${gr.p.last.toUpperCase()}`)
    .t('   ')
    .e(MAG, `${pres.p.first} ${pres.p.last.toUpperCase()}`)
    .t('\n');
  return b;
}

function tj(g: Gen): Builder {
  const b = new Builder();
  const a = person(g, true),
    v = person(g, true);
  const city = g.courtCity();
  const pres = magName(g, true),
    proc = magName(g, true),
    gr = magName(g, true);
  b.t(
    `TRIBUNAL JUDICIAIRE DE ${city.toUpperCase()}\n\nJUGEMENT CORRECTIONNEL\n\nJugement du ${g.date(2022, 2024)}\n\nCOMPOSITION DU TRIBUNAL :\n\nPrésident : `,
  )
    .e(MAG, pres.text)
    .t(', vice-président\nMinistère public : ')
    .e(MAG, proc.text)
    .t(', substitut du procureur de la République\nGreffier : ')
    .e(MAG, gr.text)
    .t('\n\nPRÉVENU :\n\nNom : ')
    .e(N, a.last.toUpperCase())
    .t('\nPrénoms : ')
    .e(P, a.first)
    .t('\n');
  born(b, g, a);
  b.t('\nDemeurant : ');
  address(b, g, ', ');
  b.t('\nTéléphone : ').e('telephoneFax', g.phone()).t('\nAssisté de ');
  lawyer(b, g, true);
  b.t('\n\nPARTIE CIVILE :\n\n');
  full(b, g, v);
  b.t(', demeurant ');
  address(b, g, ', ');
  b.t('\n\nDÉBATS\n\n');
  body(b, g, a, v, g.int(2, 6));
  b.t('PAR CES MOTIFS\n\nLe tribunal DÉCLARE ');
  full(b, g, a);
  b.t(' coupable des faits reprochés.\n\nLE GREFFIER LE PRÉSIDENT\n').e(MAG, gr.text).t('   ').e(MAG, pres.text).t('\n');
  return b;
}

function ta(g: Gen): Builder {
  const b = new Builder();
  const a = person(g, false),
    o = person(g, false);
  const rap = magName(g, false),
    pub = magName(g, false),
    pres = magName(g, false);
  b.t(`TRIBUNAL ADMINISTRATIF DE ${g.courtCity().toUpperCase()}\n\nN° ${g.int(2100000, 2399999)}\n\n`);
  full(b, g, a);
  b.t('\n\n' + (rap.p.sex === 'm' ? 'M. ' : 'Mme '))
    .e(MAG, `${rap.p.first} ${rap.p.last}`)
    .t('\nRapporteur\n\n' + (pub.p.sex === 'm' ? 'M. ' : 'Mme '))
    .e(MAG, `${pub.p.first} ${pub.p.last}`)
    .t('\nRapporteur public\n\nVu la procédure suivante :\n\nPar une requête, ');
  full(b, g, a);
  b.t(', représenté par ');
  lawyer(b, g, false);
  b.t(", demande au tribunal d'annuler l'arrêté par lequel le maire de la commune de ")
    .e('localite', g.commune().nom)
    .t(' a refusé sa demande.\n\n');
  body(b, g, a, o, g.int(2, 5));
  b.t('D É C I D E :\n\nArticle 1er : La requête de ');
  re(b, g, a);
  b.t(" est rejetée.\n\nDélibéré après l'audience, à laquelle siégeaient :\n" + (pres.p.sex === 'm' ? 'M. ' : 'Mme '))
    .e(MAG, `${pres.p.first} ${pres.p.last}`)
    .t(', président,\n' + (rap.p.sex === 'm' ? 'M. ' : 'Mme '))
    .e(MAG, `${rap.p.first} ${rap.p.last}`)
    .t(', premier conseiller.\n');
  return b;
}

function tcom(g: Gen): Builder {
  const b = new Builder();
  const a = person(g, true);
  const company = g.company();
  const siren = g.siren();
  const pres = magName(g, true),
    j1 = magName(g, true),
    gr = magName(g, true);
  b.t(
    `TRIBUNAL DE COMMERCE DE ${g.courtCity().toUpperCase()}\n\nJUGEMENT DU ${g.date(2022, 2024).toUpperCase()}\n\nDÉBITEUR :\n\n${g.pick(['SARL', 'SAS', 'SCI', 'EURL'])} `,
  )
    .e('personneMorale', company)
    .t('\nimmatriculée au RCS sous le numéro ')
    .e('numeroSiretSiren', siren)
    .t(', SIRET ')
    .e('numeroSiretSiren', g.siret(siren))
    .t('\ndont le siège social est ');
  address(b, g, ', ');
  b.t('\nreprésentée par son gérant, ');
  full(b, g, a, true);
  b.t(', ');
  born(b, g, a);
  b.t(', demeurant ');
  address(b, g, ', ');
  b.t('\n\nLe Tribunal,\n\nAttendu que le dirigeant, joignable au ')
    .e('telephoneFax', g.phone())
    .t(', indique que la société ne peut faire face à son passif ;\n\n');
  body(b, g, a, a, g.int(1, 3));
  b.t("PAR CES MOTIFS\n\nOUVRE une procédure de redressement judiciaire à l'égard de la société ")
    .e('personneMorale', company)
    .t(' ;\n\nAinsi jugé par le Tribunal ainsi composé :\n' + (pres.p.sex === 'm' ? 'Monsieur ' : 'Madame '))
    .e(MAG, `${pres.p.first} ${pres.p.last.toUpperCase()}`)
    .t(', Président,\n' + (j1.p.sex === 'm' ? 'Monsieur ' : 'Madame '))
    .e(MAG, `${j1.p.first} ${j1.p.last.toUpperCase()}`)
    .t(', Juge,\nassistés de ' + (gr.p.sex === 'm' ? 'Monsieur ' : 'Madame '))
    .e(MAG, `${gr.p.first} ${gr.p.last.toUpperCase()}`)
    .t(', Greffier.\n');
  return b;
}

function cph(g: Gen): Builder {
  const b = new Builder();
  const a = person(g, true);
  const company = g.company();
  const pres = magName(g, true),
    gr = magName(g, true);
  b.t(
    `CONSEIL DE PRUD'HOMMES DE ${g.courtCity().toUpperCase()}\n\nSection ${g.pick(['Commerce', 'Industrie', 'Encadrement'])}\n\nDEMANDEUR :\n\n`,
  );
  full(b, g, a);
  b.t('\n');
  address(b, g, '\n');
  b.t('\nAssisté de ');
  lawyer(b, g, true);
  b.t('\n\nDÉFENDEUR :\n\nSAS ').e('personneMorale', company).t('\n');
  address(b, g, '\n');
  b.t('\n\nComposition du bureau de jugement :\n' + (pres.p.sex === 'm' ? 'Monsieur ' : 'Madame '))
    .e(MAG, `${pres.p.first} ${pres.p.last.toUpperCase()}`)
    .t(', Président Conseiller (S)\nGreffier : ')
    .e(MAG, `${gr.p.first} ${gr.p.last.toUpperCase()}`)
    .t('\n\nFAITS ET PROCÉDURE\n\n');
  body(b, g, a, a, g.int(2, 5));
  b.t('PAR CES MOTIFS\n\nCONDAMNE la société ').e('personneMorale', company).t(' à payer à ');
  re(b, g, a);
  b.t(' la somme de ' + g.int(500, 20000) + ' euros.\n');
  return b;
}

/** Cour d'appel, order on administrative detention: "Nous, X, conseiller délégué…", interpreter, foreign birthplace. */
function caRetention(g: Gen): Builder {
  const b = new Builder();
  const upper = g.chance(0.7);
  const a = person(g, upper),
    itp = person(g, upper);
  const del = magName(g, true),
    gr = magName(g, true);
  const country = g.pick(['ALGERIE', 'MAROC', 'TUNISIE', 'MALI', 'SÉNÉGAL', 'GUINÉE', 'ROUMANIE', 'ALBANIE', 'GÉORGIE', 'AFGHANISTAN']);
  b.t(
    `COUR D'APPEL DE ${g.courtCity().toUpperCase()}\n\nChambre des libertés individuelles\n\nN° RG ${g.int(20, 25)}/${String(g.int(1, 9999)).padStart(5, '0')}\n\nORDONNANCE DU ${g.date(2023, 2025).toUpperCase()}\n\n`,
  );
  b.t('Nous, ')
    .e(MAG, `${del.p.first} ${del.p.last.toUpperCase()}`)
    .t(", conseiller à la cour d'appel, agissant sur délégation du premier président, assisté de ")
    .e(MAG, `${gr.p.first} ${gr.p.last.toUpperCase()}`)
    .t(', greffier,\n\n');
  b.t(g.chance(0.5) ? 'APPELANT :\n\n' : 'ETRANGER :\n\n');
  full(b, g, a);
  b.t(`\n${a.sex === 'm' ? 'né' : 'née'} le `)
    .e('dateNaissance', g.date(1970, 2005))
    .t(' à ')
    .e(
      'localite',
      g.pick([
        'Alger',
        'Oran',
        'Annaba',
        'Casablanca',
        'Tanger',
        'Tunis',
        'Bamako',
        'Dakar',
        'Conakry',
        'Tirana',
        'Tbilissi',
        'Kaboul',
        'Bucarest',
      ]),
    )
    .t(
      ` (${country})\nde nationalité ${g.pick(['algérienne', 'marocaine', 'tunisienne', 'malienne', 'sénégalaise'])}\n\nActuellement retenu au centre de rétention administrative de ${g.courtCity()}\n\ncomparant en personne, assisté de `,
    );
  lawyer(b, g, upper);
  b.t(", avocat commis d'office, et de " + civ(g, itp) + ' ')
    .e(P, itp.first)
    .t(' ')
    .e(N, lastForm(itp))
    .t(
      `, interprète en langue ${g.pick(['arabe', 'bambara', 'roumaine', 'albanaise', 'géorgienne', 'dari'])}\n\nINTIMÉ :\n\nM. LE PRÉFET ${g.pick(['DU NORD', 'DU RHÔNE', 'DE POLICE', "DE L'ISÈRE"])}\n\nreprésenté par `,
    );
  lawyer(b, g, upper);
  b.t('\n\nMOTIFS\n\n');
  body(b, g, a, a, g.int(1, 3));
  b.t("PAR CES MOTIFS\n\nConfirmons l'ordonnance déférée.\n\nLe greffier, Le conseiller délégué,\n\n")
    .e(MAG, `${gr.p.first} ${gr.p.last.toUpperCase()}`)
    .t('  ')
    .e(MAG, `${del.p.first} ${del.p.last.toUpperCase()}`)
    .t('\n');
  return b;
}

/** Cour d'appel, "ENTRE / ET" layout with "Audience tenue par" and "Signé par". */
function caEntre(g: Gen): Builder {
  const b = new Builder();
  const upper = g.chance(0.5);
  const a = person(g, upper),
    o = person(g, upper);
  const pres = magName(g, upper),
    gr = magName(g, upper);
  b.t(`${lastForm(a).toUpperCase()}\n\nC/\n\n${g.pick(['S.A.S.', 'SARL', 'SCI'])} `)
    .e('personneMorale', g.company())
    .t(
      `\n\nCOUR D'APPEL DE ${g.courtCity().toUpperCase()}\n\n${g.pick(['CHAMBRE SOCIALE', '2ème chambre', 'Pôle 4 - Chambre 9'])}\n\nARRÊT DU ${g.date(2023, 2024).toUpperCase()}\n\nENTRE :\n\n`,
    );
  full(b, g, a);
  b.t('\n');
  born(b, g, a);
  b.t('\n');
  address(b, g, '\n');
  b.t('\n\nReprésenté par ');
  lawyer(b, g, upper);
  b.t(`, toque : ${g.int(100, 999)}\n\nAPPELANT\n\nET :\n\n`);
  full(b, g, o);
  b.t('\n');
  address(b, g, '\n');
  b.t('\n\nINTIMÉ\n\nAudience tenue par ')
    .e(MAG, `${pres.p.first} ${lastForm(pres.p)}`)
    .t(', Présidente chargée de la mise en état, assistée de ')
    .e(MAG, `${gr.p.first} ${lastForm(gr.p)}`)
    .t(', greffière.\n\n');
  magRemention(b, g, pres);
  body(b, g, a, o, g.int(2, 6));
  b.t('PAR CES MOTIFS\n\nINFIRME le jugement.\n\nSigné par ')
    .e(MAG, `${pres.p.first} ${lastForm(pres.p)}`)
    .t(', président, et par ')
    .e(MAG, `${gr.p.first} ${lastForm(gr.p)}`)
    .t(', greffier.\n');
  return b;
}

/** Cour de cassation, several defendants ("1°/ à M. X, domicilié …, 2°/ à la société Y") and a long bench list. */
function cassList(g: Gen): Builder {
  const b = new Builder();
  const a = person(g, false),
    o = person(g, false),
    o2 = person(g, false);
  const bench = Array.from({ length: g.int(4, 8) }, () => magName(g, false));
  const civOf = (p: Person) => (p.sex === 'm' ? 'M.' : 'Mme');
  b.t(
    ` \n COUR DE CASSATION\n ______________________\n \n Audience publique du ${g.date(2023, 2024)}\n \n ${g.pick(['Rejet', 'Cassation'])}\n \n ${civOf(bench[0].p)} `,
  )
    .e(MAG, bench[0].p.last.toUpperCase())
    .t(', président\n \n Arrêt n° ' + g.int(100, 1200) + ' F-B\n \n ');
  full(b, g, a);
  b.t(', domicilié' + (a.sex === 'f' ? 'e' : '') + ' ')
    .e('adresse', g.street())
    .t(', ')
    .e('localite', g.commune().nom)
    .t(", a formé le pourvoi contre l'arrêt rendu par la cour d'appel de " + g.courtCity() + ", dans le litige l'opposant :\n \n 1°/ à ");
  full(b, g, o);
  b.t(', domicilié' + (o.sex === 'f' ? 'e' : '') + ' ')
    .e('adresse', g.street())
    .t(', ')
    .e('localite', g.commune().nom)
    .t(',\n \n 2°/ à ');
  full(b, g, o2);
  b.t(', pris' + (o2.sex === 'f' ? 'e' : '') + ' en qualité de liquidateur judiciaire de la société ')
    .e('personneMorale', g.company())
    .t(',\n \n défendeurs à la cassation.\n \n Sur le rapport de ' + civOf(bench[1].p) + ' ')
    .e(MAG, bench[1].p.last)
    .t(', conseiller, les observations de la SCP ')
    .e(AVO, `${g.lastName()}, ${g.lastName()} et ${g.lastName()}`)
    .t(', avocat de ');
  re(b, g, a);
  b.t(", et l'avis de " + civOf(bench[2].p) + ' ')
    .e(MAG, bench[2].p.last)
    .t(", avocat général, après débats en l'audience publique où étaient présents " + civOf(bench[0].p) + ' ')
    .e(MAG, bench[0].p.last)
    .t(', président, ');
  const rest = bench.slice(3);
  rest.forEach((m, k) => {
    b.t(`${k === 0 ? civOf(m.p) + ' ' : ''}`)
      .e(MAG, m.p.last)
      .t(k === rest.length - 1 ? ', conseillers, ' : ', ');
  });
  b.t('et ' + civOf(bench[1].p) + ' ')
    .e(MAG, bench[1].p.last)
    .t(', greffier de chambre,\n \n Faits et procédure\n \n ');
  body(b, g, a, o, g.int(2, 5));
  b.t(' PAR CES MOTIFS, la Cour :\n \n REJETTE le pourvoi ;\n \n Condamne ');
  re(b, g, a);
  b.t(' aux dépens ;\n');
  return b;
}

const TEMPLATES: [string, (g: Gen) => Builder, number][] = [
  ['cass', cass, 2],
  ['cass', cassList, 2],
  ['ca', ca, 2],
  ['ca', caEntre, 1.5],
  ['ca', caRetention, 1.5],
  ['tj', tj, 1.5],
  ['ta', ta, 1],
  ['tcom', tcom, 1],
  ['cph', cph, 1],
];

const PORTALIS = (g: Gen) =>
  `DB${g.pick(['VX', 'VS', 'VT', 'VL', 'VM', 'V3', 'VQ', 'VH'])}-V-B7${g.pick(['G', 'H', 'I'])}-${Array.from({ length: 4 }, () => g.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'])).join('')}`;
/** unannotated boilerplate of real decisions: docket numbers, codes, service lines, capitalised acronyms */
const BOILERPLATE: ((g: Gen) => string)[] = [
  (g) => `N° RG ${g.int(20, 25)}/${String(g.int(1, 9999)).padStart(5, '0')} - N° Portalis ${PORTALIS(g)}`,
  (g) => `Code nac : ${g.int(10, 99)}${g.pick(['A', 'B', 'C', 'Z'])}`,
  (g) => `N° Minute : ${g.int(1, 3000)}`,
  () => 'Copie exécutoire délivrée\nle :\nà :',
  (g) =>
    `Décision déférée à la cour : Jugement rendu le ${g.date(2020, 2023)} par le Tribunal judiciaire de ${g.courtCity().toUpperCase()}`,
  (g) => `RG ABSORBÉ N° : ${g.int(20, 24)}/${String(g.int(1, 9999)).padStart(5, '0')}`,
  () => 'ORDONNANCE DE RADIATION (TOUTES CAUSES)',
  (g) => `TJ hors JAF, JEX, JLD, J. EXPRO, JCP de ${g.courtCity()}`,
  () => 'AU NOM DU PEUPLE FRANÇAIS',
  () => 'R É P U B L I Q U E F R A N Ç A I S E',
  (g) =>
    `${g.pick(['URSSAF', 'CPAM', 'CARSAT', 'SMABTP', 'AGS CGEA', 'UNEDIC', 'OFII', 'CAF'])} ${g.pick(['RHÔNE-ALPES', 'DU NORD', 'ILE DE FRANCE', "PROVENCE-ALPES-CÔTE D'AZUR"])}`,
  () => 'Le présent document est un fichier au format PDF signé électroniquement.',
  (g) =>
    `Affaire : ${g.pick(['Jugement Au fond', 'Ordonnance de référé', "Appel d'une décision"])}, origine ${g.pick(['TJ', 'CPH', 'TC'])} de ${g.courtCity().toUpperCase()}`,
  (g) =>
    `la société de droit ${g.pick(['monégasque', 'luxembourgeois', 'belge'])} ${g.pick(['Cosmetic Laboratories', 'Global Trading Limited', 'Euro Invest Holding'])}`,
  (g) => `Centre de rétention administrative de ${g.courtCity()} ${g.pick(['Saint-Exupéry', 'Mesnil-Amelot', 'Lesquin', 'Coquelles'])}`,
];

/** unannotated sentences of the body: capitalised words that are not names */
const BODY_NOISE: ((g: Gen) => string)[] = [
  () => "C'est donc à tort que le premier juge a statué ainsi.",
  () => 'Elle est, en tout état de cause, prescrite.',
  () => "Vu le code de l'entrée et du séjour des étrangers et du droit d'asile (CESEDA) et spécialement ses articles L. 741-1 et suivants.",
  (g) => `Il est constant que nul ne doit causer à autrui un trouble anormal de voisinage (Civ. ${g.int(1, 3)}ème, ${g.date(1980, 2020)}).`,
  (g) =>
    `L'association ${g.pick(['Fédération de charité Caritas Alsace', 'Secours Catholique', "France Terre d'Asile", 'La Cimade'])} est intervenue au soutien de la demande.`,
  (g) =>
    `Le Fonds de garantie des victimes des actes de terrorisme et d'autres infractions (FGTI) a réglé la somme de ${g.int(1000, 90000)} euros.`,
  (g) => `La société ${g.pick(['BNP Paribas', 'Crédit Agricole', 'La Poste', 'EDF', 'SNCF Voyageurs', 'Orange'])} a produit ses pièces.`,
  (g) =>
    `Les faits relèvent du département de ${g.pick(["l'Isère", 'la Loire', "l'Aube", 'Saône-et-Loire', 'la Haute-Savoie'])} et de la région ${g.pick(['Auvergne-Rhône-Alpes', 'Grand Est', 'Occitanie'])}.`,
  () => 'Le Tribunal Judiciaire a rappelé que la Cour de Cassation juge de manière constante ce point.',
];

/** Boilerplate lines before the decision and between paragraphs (not annotated). */
function withBoilerplate(g: Gen, b: Builder): Builder {
  const out = new Builder();
  for (let k = g.int(1, 4); k > 0; k--) out.t(g.pick(BOILERPLATE)(g) + '\n\n');
  let last = 0;
  for (const e of b.entities) {
    const seg = b.text.slice(last, e.start);
    // a boilerplate line at some paragraph breaks
    out.t(
      seg.replace(/\n\n/g, () =>
        g.chance(0.05) ? `\n\n${g.pick(BOILERPLATE)(g)}\n\n` : g.chance(0.08) ? `\n\n${g.pick(BODY_NOISE)(g)}\n\n` : '\n\n',
      ),
    );
    out.e(e.category, e.text);
    last = e.end;
  }
  out.t(b.text.slice(last));
  return out;
}

/**
 * Layout noise of real decisions, applied outside entities so offsets stay exact: blank-line runs, the
 * " \n " lines of Cour de cassation exports, a missing space after "M.", capitals in headings.
 */
function noisy(g: Gen, b: Builder): Builder {
  const out = new Builder();
  const style = g.int(0, 3);
  let last = 0;
  const gap = (s: string) => {
    if (style === 1) s = s.replace(/\n\n/g, '\n\n\n\n');
    else if (style === 2) s = s.replace(/\n/g, ' \n ');
    else if (style === 3) s = s.replace(/\n\n/g, '\n');
    if (g.chance(0.1)) s = s.replace(/\bM\. $/, 'M.');
    return s;
  };
  for (const e of b.entities) {
    out.t(gap(b.text.slice(last, e.start)));
    out.e(e.category, e.text);
    last = e.end;
  }
  out.t(gap(b.text.slice(last)));
  return out;
}

export function generate(n: number, seed: number, pool: 'train' | 'heldout'): GenDoc[] {
  const g = new Gen(seed, pool);
  const total = TEMPLATES.reduce((s, t) => s + t[2], 0);
  const out: GenDoc[] = [];
  for (let i = 0; i < n; i++) {
    let x = g.rand() * total;
    const tpl = TEMPLATES.find((t) => (x -= t[2]) < 0) ?? TEMPLATES[0];
    const b = noisy(g, withBoilerplate(g, tpl[1](g)));
    out.push({ id: `gen-${pool}-${seed}-${i}`, source: 'generated', court: tpl[0], text: b.text, entities: b.entities });
  }
  return out;
}
