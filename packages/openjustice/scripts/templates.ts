/** Decision templates per court type, written for the generator (structure of real French decisions). */
import { Builder, Gen, type GenDoc, type Person } from './generator.ts';

const P = 'personnePhysiquePrenom', N = 'personnePhysiqueNom', MAG = 'professionnelMagistratGreffier', AVO = 'professionnelAvocat';

function person(g: Gen, upperStyle: boolean): Person {
  const sex = g.chance(0.5) ? 'm' : 'f';
  return { first: g.firstName(sex), last: g.lastName(), sex, upper: upperStyle };
}
const civ = (g: Gen, p: Person, long = false) => (long || g.chance(0.15) ? (p.sex === 'm' ? 'Monsieur' : 'Madame') : p.sex === 'm' ? 'M.' : 'Mme');
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
  b.t(`${p.sex === 'm' ? 'né' : 'née'} le `).e('dateNaissance', g.date()).t(' à ').e('localite', g.chance(0.3) ? c.nom.toUpperCase() : c.nom);
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
  b.t(g.chance(0.8) ? 'Me ' : 'Maître ').e(AVO, g.chance(0.7) ? `${p.first} ${upper ? p.last.toUpperCase() : p.last}` : upper ? p.last.toUpperCase() : p.last);
  if (g.chance(0.3)) b.t(' de la SELARL ').e(AVO, `${g.lastName()}${g.chance(0.5) ? ' & Associés' : ''}`);
  b.t(`, avocat au barreau de ${g.chance(0.5) ? g.courtCity().toUpperCase() : g.courtCity()}`);
  return p;
}

const FACTS = [
  (b: Builder, g: Gen, a: Person, o: Person) => { b.t('Par acte du ' + g.date(2015, 2023) + ', '); re(b, g, a); b.t(' a fait assigner '); re(b, g, o); b.t(' devant le tribunal judiciaire de ' + g.courtCity() + '.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { re(b, g, a); b.t(` a été engagé${a.sex === 'f' ? 'e' : ''} le ${g.date(2000, 2020)} par la société `).e('personneMorale', g.company()).t(' en qualité de ' + g.pick(['chauffeur', 'comptable', 'vendeur', 'agent d\'entretien', 'cadre commercial']) + '.\n\n'); },
  (b: Builder, g: Gen, a: Person, o: Person) => { b.t('Il résulte des pièces produites que '); re(b, g, a); b.t(' et '); full(b, g, o); b.t(' se sont mariés le ').e('dateMariage', g.date(1980, 2015)).t(' à ').e('localite', g.commune().nom).t('.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { b.t('Le témoin, '); const w = person(g, a.upper); full(b, g, w); b.t(', demeurant '); address(b, g, ', '); b.t(', a déclaré avoir vu '); re(b, g, a); b.t(' sur les lieux.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { b.t('Les faits se sont déroulés le ' + g.date(2018, 2023) + ' à ').e('localite', g.commune().nom).t(', devant le ' + g.pick(['bar', 'restaurant', 'magasin']) + ' ').e('etablissement', g.etab()).t(', où '); re(b, g, a); b.t(' a été interpellé.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { b.t('Le véhicule immatriculé ').e('plaqueImmatriculation', g.plate()).t(' appartenant à '); re(b, g, a); b.t(' a été retrouvé.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { re(b, g, a); b.t(' peut être joint au ').e('telephoneFax', g.phone()).t(' ou par courriel à ').e('email', g.email(a.first, a.last)).t('.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { b.t('Les sommes seront versées sur le compte ').e('compteBancaire', g.iban()).t(' ouvert au nom de '); re(b, g, a); b.t('.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { re(b, g, a); b.t(', numéro de sécurité sociale ').e('numeroIdentifiant', g.nir(a.sex)).t(', conteste la décision de la caisse.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { b.t('Sa mère, '); const m = person(g, a.upper); m.sex = 'f'; full(b, g, m); b.t(', décédée le ').e('dateDeces', g.date(2000, 2023)).t(', vivait avec '); re(b, g, a); b.t('.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { b.t('De cette union est né '); const c = person(g, false); b.e(P, c.first).t(' ').e(N, a.last); b.t(', le ').e('dateNaissance', g.date(2005, 2020)).t('.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { b.t(`${a.sex === 'm' ? 'Il' : 'Elle'} soutient que `); b.e(P, a.first).t(' ').e(N, lastForm(a)); b.t(' a toujours respecté ses obligations, ce que conteste la partie adverse.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { b.t('La parcelle cadastrée ').e('cadastre', `${g.pick(['AB', 'ZK', 'C', 'AY'])} ${g.int(10, 2999)}`).t(' appartenant à '); re(b, g, a); b.t(' est située ').e('adresse', g.street()).t('.\n\n'); },
  (b: Builder, g: Gen, a: Person) => { b.t('Selon le rapport de l\'expert, '); const e = person(g, a.upper); full(b, g, e); b.t(', les désordres étaient apparents. '); re(b, g, a); b.t(' en a été informé le ' + g.date(2016, 2023) + '.\n\n'); },
];

function body(b: Builder, g: Gen, a: Person, o: Person, n: number) {
  for (let k = 0; k < n; k++) g.pick(FACTS)(b, g, g.chance(0.6) ? a : o, g.chance(0.5) ? o : a);
}

function cass(g: Gen): Builder {
  const b = new Builder();
  const upper = false;
  const pres = magName(g, false), rap = magName(g, false), av = magName(g, false), gr = magName(g, false);
  const a = person(g, upper), o = person(g, upper);
  b.t(`${g.pick(['CIV. 1', 'CIV. 2', 'CIV. 3', 'SOC.', 'COMM.', 'CRIM.'])}\n\n${g.pick(['FD', 'CF', 'SH'])}\n\nCOUR DE CASSATION\n\nAudience publique du ${g.date(2022, 2024)}\n\n${g.pick(['Cassation', 'Rejet', 'Cassation partielle'])}\n\n`);
  b.t(`${pres.p.sex === 'm' ? 'M.' : 'Mme'} `).e(MAG, pres.p.last).t(', président\n\n');
  b.t(`Arrêt n° ${g.int(100, 1200)} F-D\n\nPourvoi n° ${g.pick(['K', 'M', 'Y', 'Z'])} ${g.int(20, 24)}-${g.int(10, 99)}.${g.int(100, 999)}\n\nAU NOM DU PEUPLE FRANÇAIS\n\n`);
  full(b, g, a);
  b.t(`, domicilié${a.sex === 'f' ? 'e' : ''} `);
  if (g.chance(0.5)) address(b, g, ', ');
  else b.e('adresse', g.street());
  b.t(', a formé le pourvoi contre l\'arrêt rendu le ' + g.date(2020, 2023) + ' par la cour d\'appel de ' + g.courtCity() + ', dans le litige l\'opposant à ');
  full(b, g, o);
  b.t(', domicilié ').e('adresse', g.street()).t(', défendeur à la cassation.\n\n');
  b.t(`Sur le rapport de ${rap.p.sex === 'm' ? 'M.' : 'Mme'} `).e(MAG, rap.p.last).t(', conseiller, les observations de la SCP ').e(AVO, `${g.lastName()} et ${g.lastName()}`).t(', avocat de ');
  re(b, g, a);
  b.t(', et l\'avis de ' + (av.p.sex === 'm' ? 'M. ' : 'Mme ')).e(MAG, av.p.last).t(', avocat général, après débats en l\'audience publique où étaient présents ' + (pres.p.sex === 'm' ? 'M. ' : 'Mme ')).e(MAG, pres.p.last).t(', président, ' + (rap.p.sex === 'm' ? 'M. ' : 'Mme ')).e(MAG, rap.p.last).t(', conseiller rapporteur, et ' + (gr.p.sex === 'm' ? 'M. ' : 'Mme ')).e(MAG, gr.p.last).t(', greffier de chambre,\n\nFaits et procédure\n\n');
  body(b, g, a, o, g.int(3, 7));
  b.t('PAR CES MOTIFS, la Cour :\n\nCASSE ET ANNULE, en toutes ses dispositions, l\'arrêt rendu par la cour d\'appel de ' + g.courtCity() + ' ;\n\nCondamne ');
  re(b, g, o);
  b.t(' aux dépens.\n');
  return b;
}

function ca(g: Gen): Builder {
  const b = new Builder();
  const upper = g.chance(0.6);
  const a = person(g, upper), o = person(g, upper);
  const city = g.courtCity();
  b.t(`N° RG ${g.int(20, 24)}/${String(g.int(1, 9999)).padStart(5, '0')}\n\n`);
  b.e(N, a.last.toUpperCase()).t('\n\nC/\n\n');
  const corp = g.chance(0.5);
  let company = '';
  if (corp) { company = g.company(); b.t('SAS ').e('personneMorale', company).t('\n\n'); } else b.e(N, o.last.toUpperCase()).t('\n\n');
  b.t(`COUR D'APPEL DE ${city.toUpperCase()}\n\n${g.pick(['chambre sociale', '1ère chambre civile', '3ème chambre A', 'chambre commerciale'])}\n\nARRÊT DU ${g.date(2023, 2024).toUpperCase()}\n\nAPPELANT${a.sex === 'f' ? 'E' : ''} :\n\n`);
  full(b, g, a);
  b.t('\n');
  born(b, g, a);
  b.t('\n');
  address(b, g, '\n');
  b.t('\n\nReprésenté par ');
  lawyer(b, g, upper);
  b.t('\n\nINTIMÉ' + (corp ? 'E' : '') + ' :\n\n');
  if (corp) { b.t('SAS ').e('personneMorale', company).t('\n'); address(b, g, '\n'); }
  else { full(b, g, o); b.t('\n'); address(b, g, '\n'); }
  b.t('\n\nReprésentée par ');
  lawyer(b, g, upper);
  const pres = magName(g, true), c1 = magName(g, true), gr = magName(g, true);
  b.t('\n\nCOMPOSITION DE LA COUR :\n\n').e(MAG, `${pres.p.first} ${pres.p.last.toUpperCase()}`).t(', Présidente\n').e(MAG, `${c1.p.first} ${c1.p.last.toUpperCase()}`).t(', Conseiller\n\nGreffier : ').e(MAG, `${gr.p.first} ${gr.p.last.toUpperCase()}`).t('\n\nEXPOSÉ DU LITIGE\n\n');
  body(b, g, a, o, g.int(3, 8));
  b.t('MOTIFS DE LA DÉCISION\n\n');
  body(b, g, a, o, g.int(1, 3));
  b.t('PAR CES MOTIFS\n\nLa cour, statuant publiquement,\n\nCONFIRME le jugement ;\n\nCONDAMNE ');
  re(b, g, a);
  b.t(' aux dépens.\n\nLE GREFFIER LA PRÉSIDENTE\n\n').e(MAG, `${gr.p.first} ${gr.p.last.toUpperCase()}`).t('   ').e(MAG, `${pres.p.first} ${pres.p.last.toUpperCase()}`).t('\n');
  return b;
}

function tj(g: Gen): Builder {
  const b = new Builder();
  const a = person(g, true), v = person(g, true);
  const city = g.courtCity();
  const pres = magName(g, true), proc = magName(g, true), gr = magName(g, true);
  b.t(`TRIBUNAL JUDICIAIRE DE ${city.toUpperCase()}\n\nJUGEMENT CORRECTIONNEL\n\nJugement du ${g.date(2022, 2024)}\n\nCOMPOSITION DU TRIBUNAL :\n\nPrésident : `).e(MAG, pres.text).t(', vice-président\nMinistère public : ').e(MAG, proc.text).t(', substitut du procureur de la République\nGreffier : ').e(MAG, gr.text).t('\n\nPRÉVENU :\n\nNom : ').e(N, a.last.toUpperCase()).t('\nPrénoms : ').e(P, a.first).t('\n');
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
  const a = person(g, false), o = person(g, false);
  const rap = magName(g, false), pub = magName(g, false), pres = magName(g, false);
  b.t(`TRIBUNAL ADMINISTRATIF DE ${g.courtCity().toUpperCase()}\n\nN° ${g.int(2100000, 2399999)}\n\n`);
  full(b, g, a);
  b.t('\n\n' + (rap.p.sex === 'm' ? 'M. ' : 'Mme ')).e(MAG, `${rap.p.first} ${rap.p.last}`).t('\nRapporteur\n\n' + (pub.p.sex === 'm' ? 'M. ' : 'Mme ')).e(MAG, `${pub.p.first} ${pub.p.last}`).t('\nRapporteur public\n\nVu la procédure suivante :\n\nPar une requête, ');
  full(b, g, a);
  b.t(', représenté par ');
  lawyer(b, g, false);
  b.t(', demande au tribunal d\'annuler l\'arrêté par lequel le maire de la commune de ').e('localite', g.commune().nom).t(' a refusé sa demande.\n\n');
  body(b, g, a, o, g.int(2, 5));
  b.t('D É C I D E :\n\nArticle 1er : La requête de ');
  re(b, g, a);
  b.t(' est rejetée.\n\nDélibéré après l\'audience, à laquelle siégeaient :\n' + (pres.p.sex === 'm' ? 'M. ' : 'Mme ')).e(MAG, `${pres.p.first} ${pres.p.last}`).t(', président,\n' + (rap.p.sex === 'm' ? 'M. ' : 'Mme ')).e(MAG, `${rap.p.first} ${rap.p.last}`).t(', premier conseiller.\n');
  return b;
}

function tcom(g: Gen): Builder {
  const b = new Builder();
  const a = person(g, true);
  const company = g.company();
  const siren = g.siren();
  const pres = magName(g, true), j1 = magName(g, true), gr = magName(g, true);
  b.t(`TRIBUNAL DE COMMERCE DE ${g.courtCity().toUpperCase()}\n\nJUGEMENT DU ${g.date(2022, 2024).toUpperCase()}\n\nDÉBITEUR :\n\n${g.pick(['SARL', 'SAS', 'SCI', 'EURL'])} `).e('personneMorale', company).t('\nimmatriculée au RCS sous le numéro ').e('numeroSiretSiren', siren).t(', SIRET ').e('numeroSiretSiren', g.siret(siren)).t('\ndont le siège social est ');
  address(b, g, ', ');
  b.t('\nreprésentée par son gérant, ');
  full(b, g, a, true);
  b.t(', ');
  born(b, g, a);
  b.t(', demeurant ');
  address(b, g, ', ');
  b.t('\n\nLe Tribunal,\n\nAttendu que le dirigeant, joignable au ').e('telephoneFax', g.phone()).t(', indique que la société ne peut faire face à son passif ;\n\n');
  body(b, g, a, a, g.int(1, 3));
  b.t('PAR CES MOTIFS\n\nOUVRE une procédure de redressement judiciaire à l\'égard de la société ').e('personneMorale', company).t(' ;\n\nAinsi jugé par le Tribunal ainsi composé :\n' + (pres.p.sex === 'm' ? 'Monsieur ' : 'Madame ')).e(MAG, `${pres.p.first} ${pres.p.last.toUpperCase()}`).t(', Président,\n' + (j1.p.sex === 'm' ? 'Monsieur ' : 'Madame ')).e(MAG, `${j1.p.first} ${j1.p.last.toUpperCase()}`).t(', Juge,\nassistés de ' + (gr.p.sex === 'm' ? 'Monsieur ' : 'Madame ')).e(MAG, `${gr.p.first} ${gr.p.last.toUpperCase()}`).t(', Greffier.\n');
  return b;
}

function cph(g: Gen): Builder {
  const b = new Builder();
  const a = person(g, true);
  const company = g.company();
  const pres = magName(g, true), gr = magName(g, true);
  b.t(`CONSEIL DE PRUD'HOMMES DE ${g.courtCity().toUpperCase()}\n\nSection ${g.pick(['Commerce', 'Industrie', 'Encadrement'])}\n\nDEMANDEUR :\n\n`);
  full(b, g, a);
  b.t('\n');
  address(b, g, '\n');
  b.t('\nAssisté de ');
  lawyer(b, g, true);
  b.t('\n\nDÉFENDEUR :\n\nSAS ').e('personneMorale', company).t('\n');
  address(b, g, '\n');
  b.t('\n\nComposition du bureau de jugement :\n' + (pres.p.sex === 'm' ? 'Monsieur ' : 'Madame ')).e(MAG, `${pres.p.first} ${pres.p.last.toUpperCase()}`).t(', Président Conseiller (S)\nGreffier : ').e(MAG, `${gr.p.first} ${gr.p.last.toUpperCase()}`).t('\n\nFAITS ET PROCÉDURE\n\n');
  body(b, g, a, a, g.int(2, 5));
  b.t('PAR CES MOTIFS\n\nCONDAMNE la société ').e('personneMorale', company).t(' à payer à ');
  re(b, g, a);
  b.t(' la somme de ' + g.int(500, 20000) + ' euros.\n');
  return b;
}

const TEMPLATES: [string, (g: Gen) => Builder, number][] = [
  ['cass', cass, 3], ['ca', ca, 3], ['tj', tj, 1.5], ['ta', ta, 1], ['tcom', tcom, 1], ['cph', cph, 1],
];

export function generate(n: number, seed: number, pool: 'train' | 'heldout'): GenDoc[] {
  const g = new Gen(seed, pool);
  const total = TEMPLATES.reduce((s, t) => s + t[2], 0);
  const out: GenDoc[] = [];
  for (let i = 0; i < n; i++) {
    let x = g.rand() * total;
    const tpl = TEMPLATES.find((t) => (x -= t[2]) < 0) ?? TEMPLATES[0];
    const b = tpl[1](g);
    out.push({ id: `gen-${pool}-${seed}-${i}`, source: 'generated', court: tpl[0], text: b.text, entities: b.entities });
  }
  return out;
}
