import { describe, expect, it } from 'vitest';
import { blocksToText, textToBlocks, textToUnit, unitToText } from './block-text.ts';

describe('block text (contributors’ forms)', () => {
  it('round-trips paragraphs, lists and steps', () => {
    const blocks = [
      'Un **paragraphe** avec [un lien](https://www.service-public.fr).',
      { list: ['un', 'deux'] },
      { steps: ['Appelez.', 'Venez.'] },
      'Fin.',
    ];
    expect(textToBlocks(blocksToText(blocks))).toEqual(blocks);
  });
  it('joins wrapped lines of a paragraph and ignores extra blank lines', () => {
    expect(textToBlocks('Une phrase\ncoupée.\n\n\n\nAutre.')).toEqual(['Une phrase coupée.', 'Autre.']);
  });
  it('gives back the shape of the French unit', () => {
    expect(textToUnit('  titre  ', 'Titre')).toBe('titre');
    expect(textToUnit('- a\n- b', ['x', 'y'])).toEqual(['a', 'b']);
    expect(textToUnit('a\n\n1. b', ['x', { steps: ['y'] }])).toEqual(['a', { steps: ['b'] }]);
    expect(unitToText(['a', 'b'])).toBe('a\n\nb');
  });
});
