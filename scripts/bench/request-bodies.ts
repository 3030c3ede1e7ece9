import { seededRandom } from '@npvguard/harness';

/** Markets the synthetic catalog licenses to, so most requests find candidates. */
const MARKETS = ['SE', 'US', 'GB', 'DE', 'BR', 'JP', 'IN', 'FR', 'MX', 'AU', 'NO', 'ES', 'IT', 'KR', 'ZA'];
const PLATFORMS = ['ios', 'android', 'web', 'desktop'];
/** The synthetic catalog's tracks are trk-00000 to trk-23999. */
const CATALOG_TRACKS = 24_000;

/** Serialised request bodies for POST /v1/npv/cards: different listeners, seed tracks, markets, platforms and limits. */
export function requestBodies(count: number, seed = 7): string[] {
  const random = seededRandom(seed);
  const pick = <Item>(items: readonly Item[]): Item => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, () => {
    // Popular tracks are requested more often, as on a real player.
    const track = Math.floor(random() ** 2 * CATALOG_TRACKS);
    return JSON.stringify({
      listenerId: `l-${String(Math.floor(random() * 50_000)).padStart(5, '0')}`,
      trackId: `trk-${String(track).padStart(5, '0')}`,
      market: pick(MARKETS),
      platform: pick(PLATFORMS),
      limit: 10 + Math.floor(random() * 11),
    });
  });
}
