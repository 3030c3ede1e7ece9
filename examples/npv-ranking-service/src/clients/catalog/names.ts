import type { SeededRandom } from './seededRandom.js';

export const GENRES = [
  'indie pop', 'synthwave', 'hip hop', 'techno', 'house', 'jazz', 'soul', 'folk', 'metal', 'punk',
  'ambient', 'classical', 'reggaeton', 'afrobeats', 'k-pop', 'country', 'blues', 'drum and bass', 'bossa nova', 'grime',
] as const;

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vo', 'sa', 'del', 'ri', 'an', 'mo', 'el', 'zu', 'par', 'ne', 'ty', 'os', 'ha'];
const ADJECTIVES = ['Silver', 'Quiet', 'Electric', 'Golden', 'Midnight', 'Paper', 'Velvet', 'Broken', 'Northern', 'Neon', 'Slow', 'Wild', 'Hollow', 'Bright', 'Second'];
const NOUNS = ['Rivers', 'Lights', 'Harbor', 'Echoes', 'Summer', 'Static', 'Gardens', 'Signals', 'Motel', 'Tides', 'Hearts', 'Engines', 'Letters', 'Skyline', 'Weather'];
const VENUES = ['Hall', 'Arena', 'Theatre', 'Club', 'Warehouse', 'Pavilion', 'Garden Stage', 'Ballroom'];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function artistName(random: SeededRandom): string {
  const first = random.pick(SYLLABLES) + random.pick(SYLLABLES);
  return random.next() < 0.5 ? capitalise(first) : `The ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
}

export function trackTitle(random: SeededRandom): string {
  return `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
}

export function showTitle(random: SeededRandom): string {
  return `${random.pick(NOUNS)} ${random.pick(['Radio', 'Sessions', 'Talks', 'Weekly', 'Deep Dive'])}`;
}

export function venueName(random: SeededRandom): string {
  return `${random.pick(ADJECTIVES)} ${random.pick(VENUES)}`;
}

export function cityName(random: SeededRandom): string {
  return capitalise(random.pick(SYLLABLES) + random.pick(SYLLABLES) + random.pick(['ton', 'burg', 'ville', 'port', 'stad']));
}

export function paddedId(prefix: string, index: number, width: number): string {
  return `${prefix}-${String(index).padStart(width, '0')}`;
}
