/**
 * Everyday questions shown where a visitor needs an idea of what to ask: the empty search page, the
 * honest "no answer" of an off-topic or nonsense query (API `examples`), and the home. Curated, in the
 * words people use (not the Code's), each one answered by a fiche or a question-réponse.
 */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  'Combien de jours de congés payés par an ?',
  'Mon employeur peut-il refuser mes congés ?',
  'Quel préavis en cas de démission ?',
  'Comment se passe une rupture conventionnelle ?',
  'Heures supplémentaires : comment sont-elles payées ?',
  'Arrêt maladie pendant la période d’essai',
  'Indemnité de licenciement : combien ?',
  'Télétravail : quels droits ?',
];

/** Short frequent searches (tags on the home). */
export const POPULAR_QUERIES: readonly string[] = [
  'congés payés',
  'rupture conventionnelle',
  'licenciement économique',
  'période d’essai',
  'heures supplémentaires',
  'arrêt maladie',
  'démission préavis',
  'travail de nuit',
  'harcèlement moral',
  'télétravail',
];
