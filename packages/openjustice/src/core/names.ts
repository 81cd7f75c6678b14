/**
 * The vocabulary of person names: civilities, lawyers' titles, name particles, and the capitalised
 * words that are never (HARD_STOP) or only in context (SOFT_STOP) part of a person's name.
 * persons.ts reads the names themselves.
 */
import { fold } from './text.ts';

export const CIVILITY = new Set([
  'm',
  'mm',
  'mme',
  'mmes',
  'mlle',
  'mlles',
  'melle',
  'monsieur',
  'madame',
  'mademoiselle',
  'messieurs',
  'mesdames',
  'dr',
  'docteur',
  'pr',
  'professeur',
]);
export const LAWYER_TITLE = new Set(['me', 'maitre', 'mes', 'maitres']);
export const PARTICLES = new Set([
  'de',
  'du',
  'des',
  'd',
  'le',
  'la',
  'les',
  'van',
  'von',
  'der',
  'den',
  'da',
  'dos',
  'das',
  'di',
  'del',
  'della',
  'el',
  'al',
  'ben',
  'bin',
  'ibn',
  'ould',
  'ter',
  'ten',
  'mac',
  'mc',
  'st',
  'ste',
  'y',
  'e',
  'zu',
  'af',
  'lo',
  'bou',
  'abd',
  'abou',
  'ait',
  'aït',
]);
/** Capitalised words that never belong to a person name in decisions (function words, titles, legal words). */
export const NOT_NAME = new Set(
  (
    'le la les l un une des du de d et ou en au aux a à par pour sur sous dans avec sans contre entre chez vers selon ' +
    'ce cet cette ces son sa ses leur leurs il elle ils elles qui que quoi dont où ne pas plus si mais donc or ni car ' +
    'vu attendu considérant statuant dit dit condamne déboute ordonne rejette confirme infirme casse annule renvoie ' +
    'constate déclare fixe juge prononce donne reçoit réserve sursoit alloue ' +
    'monsieur madame mademoiselle messieurs mesdames maître me mme mlle mm m dr docteur professeur ' +
    'président présidente vice premier première conseiller conseillère greffier greffière juge juges magistrat avocat avocate ' +
    'général générale procureur substitut rapporteur rapporteure doyen assesseur auditeur membre ministère public ' +
    'cour tribunal conseil chambre section audience arrêt jugement ordonnance décision pourvoi appel appelant appelante ' +
    'intimé intimée intimés demandeur demanderesse défendeur défenderesse partie parties civile prévenu prévenue témoin victime ' +
    'république française français france état préfet préfecture département région commune ville mairie maire ' +
    'société sarl sas sasu sa sci scp selarl selas eurl snc scea gaec earl association syndicat caisse banque compagnie mutuelle ' +
    'code article articles loi décret alinéa titre livre chapitre annexe pièce pièces ' +
    'janvier février mars avril mai juin juillet août septembre octobre novembre décembre ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'nom prénom prénoms né née nés nées épouse époux veuve divorcé divorcée ' +
    'rg n no numéro portalis minute copie expédition grosse ' +
    'motifs exposé litige faits procédure moyens moyen discussion dispositif sur réponse examen énoncé ' +
    'par ces composition débats délibéré prononcé signé signée ainsi fait jugé ' +
    'les madame monsieur mesdames madame cedex bp cs tél téléphone fax courriel email ' +
    'sociétés urssaf carsat cpam caf pôle emploi travail ' +
    // titles and functions that follow a civility without being a name ("M. LE PRÉFET", "Mme la Directrice")
    'préfet préfète prefete directeur directrice bâtonnier maire ministre procureure défenseur défenseure délégué déléguée ' +
    'représentant représentante gérant gérante liquidateur mandataire administrateur administratrice expert experte interprète ' +
    'huissier notaire commissaire agent inspecteur inspectrice officier capitaine lieutenant brigadier gardien commandant ' +
    'colonel adjudant gendarme sergent chef secrétaire trésorier trésorière sénateur député ' +
    // organisation nouns: a capitalised word of a company or body name, never a first name
    'groupe cabinet agence hôtel garage boulangerie restaurant bar café clinique pharmacie crédit assurances assurance ' +
    'transports entreprise établissements établissement éts ets holding immobilier immobilière résidence fédération fondation ' +
    'institut centre hôpital lycée collège école université office service services direction ministère ordre barreau ' +
    'gouvernement administration trésor douanes gendarmerie police commissariat parquet greffe tribunaux juridiction ' +
    'portalis dbvx minute arrêts ordonnances jugements conclusions requête requérant requérante intimées appelantes ' +
    'demandeurs défendeurs prévenus madame monsieur messieurs mesdames mademoiselle avocats avocates conseillers conseillères ' +
    'greffiers greffières magistrats juge-commissaire juges-commissaires commissaire-priseur organisme fonds métropole ' +
    'polyclinique club affaire désistement radiation jonction caducité causes toutes volontaire intervenant intervenante ' +
    'interprète recherchée es-qualité ès-qualité es-qualités ès-qualités appelant intimé syndic copropriétaires copropriété ' +
    'mutuelle assureur assureurs société-civile scp sarl'
  )
    .split(/\s+/)
    .map(fold),
);
/** Capitalised words that may still be names in a name position (months, "France"): checked by context instead. */
export const SOFT_STOP = new Set(
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre france'.split(' ').map(fold),
);
/** Institutional acronyms met next to names ("CHU Lyon", "CPAM DU RHÔNE"): never a surname. */
export const ACRONYMS = new Set(
  (
    'chu chru cpam caf crs ghu ehpad tgi tj ca cph jld jaf jex ofii ofpra cra cada ase pmi dgfip drfip ddfip ars ags cgea unedic ' +
    'urssaf msa rsi cnav carsat edf gdf sncf ratp sdis onf bnp lcl cic hlm opac oph cse chsct dp rh drh pdg dg ppdc cgt cfdt ' +
    'fo cgc unsa sud rpva ue cedh cjue cesda ceseda ccass rg ecli mjpm udaf aje ap hp aphp ap-hp spip jap tcom tc ta caa cnda ' +
    'ddpp dreets direccte ofb ign insee inpi rcs siret siren tva ttc ht sasu sa sas sarl eurl sci snc scp selarl selas gie gaec ' +
    'earl scea cgi cga css cass civ soc crim com fp fs fd sh cf ccc ccp cpc cpp cp cjm cch cdt ctrav zac za zi zup plu pos scot ' +
    'iard smabtp maaf macif maif gmf axa mma sdc asl aarpi selafa selurl selas selca scpa bp cs cedex tsa sip sie dgi ofce bpi ' +
    'selarlu selafa selca seleurl selurl sasu eurl tp btp sci mp pg jcp expro pôle poles mjpm jld cra cesf ccas cias epci sivom siren rne bodacc'
  ).split(/\s+/),
);
/** Hard stops: never part of a person name, whatever the context. */
export const HARD_STOP = new Set(
  [
    ...NOT_NAME,
    ...ACRONYMS,
    ...CIVILITY,
    ...LAWYER_TITLE,
    'mr',
    'mrs',
    'ms',
    'alias',
    'assistée',
    'assisté',
    'représentée',
    'représenté',
  ].filter((w) => !SOFT_STOP.has(w)),
);
