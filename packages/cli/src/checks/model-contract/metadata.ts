import { NpvError } from '@npvguard/core';

/** `GET <url>/v2/models/<name>` of an OIP v2 server, over real HTTP; anything but a 200 with JSON is NPV2104. */
export async function fetchModelMetadata(baseUrl: string, name: string): Promise<unknown> {
  const url = `${baseUrl.replace(/\/+$/, '')}/v2/models/${encodeURIComponent(name)}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { accept: 'application/json' } });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    throw new NpvError('NPV2104', `Could not fetch the metadata of model ${name} from ${url}: ${cause}.`, { url });
  }
  const text = await response.text();
  if (response.status !== 200) throw new NpvError('NPV2104', `The model server answered ${response.status} for ${url}; expected 200 with the model's metadata.`, { url, status: response.status });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new NpvError('NPV2104', `The model server's answer for ${url} is not JSON.`, { url });
  }
}
