import { describe, expect, it } from 'vitest';
import { normalizeRegistry, tokenize } from './normalize.ts';
import { editDistance } from './fuzzy.ts';

const cases: [string, string, string][] = [
  // The examples.
  ['reneau clioRT', 'RENAULT', 'CLIO'],
  ['MERCEDES benz C 220 BLUETECH', 'MERCEDES', 'CLASSE C'],
  // Case, accents, separators, company words.
  ['  citroën   c3  ', 'CITROEN', 'C3'],
  ['RENAULT SAS Mégane Scénic', 'RENAULT', 'SCENIC'],
  ['AUTOMOBILES PEUGEOT 3008 1.6 BlueHDi', 'PEUGEOT', '3008'],
  ['vw / golf vii gti', 'VOLKSWAGEN', 'GOLF'],
  ['B.M.W. 320d touring', 'BMW', 'SERIE 3'],
  ['BMW M135i', 'BMW', 'SERIE 1'],
  ['BMW 1er Reihe', 'BMW', 'SERIE 1'],
  ['BMW X5 xDrive', 'BMW', 'X5'],
  // Typos in make and model, digits never corrected.
  ['DACCIA SANNDERO stepway', 'DACIA', 'SANDERO'],
  ['TOYOTTA YRAIS', 'TOYOTA', 'YARIS'],
  ['PEUGEOT 2O8', 'PEUGEOT', '208'],
  ['PEUGEOT 408', 'PEUGEOT', '408'],
  // Naming schemes.
  ['MERCEDES-BENZ ML 350 CDI', 'MERCEDES', 'CLASSE M'],
  ['MERCEDES GLC220D', 'MERCEDES', 'CLASSE GLC'],
  ['mercedes classe a', 'MERCEDES', 'CLASSE A'],
  ['AUDI RS3 SPORTBACK', 'AUDI', 'A3'],
  ['AUDI SQ5', 'AUDI', 'Q5'],
  ['MAZDA3 SKYACTIV', 'MAZDA', '3'],
  ['HYUNDAI I 30', 'HYUNDAI', 'I30'],
  ["KIA CEE'D SW", 'KIA', 'CEED'],
  ['CITROEN DS3 THP', 'DS', 'DS 3'],
  ['DS 7 CROSSBACK', 'DS', 'DS 7'],
  ['DS 3 CROSSBACK', 'DS', 'DS 3 CROSSBACK'],
  ['CITROEN GRAND C4 SPACETOURER', 'CITROEN', 'C4 PICASSO'],
  ['LEXUS RX450H', 'LEXUS', 'RX'],
  // Make inferred from a model only one make sells.
  ['CLIO 4', 'RENAULT', 'CLIO'],
  ['model 3', 'TESLA', 'MODEL 3'],
];

const undetermined: [string, string][] = [
  ['RENAULT', 'RENAULT'],
  ['PEUGEOT BERLINE', 'PEUGEOT'],
  ['MERCEDES CLASSE', 'MERCEDES'],
  ['BMW SERIE X', 'BMW'],
  ['CITROEN PICASSO', 'CITROEN'],
  ['FORD TOURNEO', 'FORD'],
  ['PEUGEOT CLIO', 'PEUGEOT'],
  ['AZERTY', 'UNDETERMINED'],
  ['NC', 'UNDETERMINED'],
  ['', 'UNDETERMINED'],
];

describe('normalizeRegistry', () => {
  it.each(cases)('%s → %s %s', (raw, make, model) => {
    expect(normalizeRegistry(raw)).toEqual({ make, model, status: 'OK' });
  });

  it.each(undetermined)('%s → model UNDETERMINED (make %s)', (raw, make) => {
    expect(normalizeRegistry(raw)).toEqual({ make, model: 'UNDETERMINED', status: 'UNDETERMINED' });
  });

  it('survives hostile input', () => {
    expect(normalizeRegistry('\u0000\u202e<script>'.repeat(500)).status).toBe('UNDETERMINED');
    expect(normalizeRegistry(undefined).make).toBe('UNDETERMINED');
  });
});

describe('helpers', () => {
  it('tokenizes and fixes O/0 in numbers', () => {
    expect(tokenize('Peugeot 3O08 / e-HDi')).toEqual(['PEUGEOT', '3008', 'E', 'HDI']);
  });
  it('counts transpositions as one edit', () => {
    expect(editDistance('CITREON', 'CITROEN')).toBe(1);
    expect(editDistance('UDSTER', 'DUSTER')).toBe(1);
  });
});
