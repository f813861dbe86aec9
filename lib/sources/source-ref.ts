/**
 * What a user can point the app at: a hub repo id (`hf:owner/name[@revision]`) or an http(s) URL
 * of a file or of a repo folder. Hub ids resolve to `<hub>/<owner>/<name>/resolve/<revision>/<file>`;
 * the hub's base URL is a setting, so tests use a local server and users a mirror.
 */
export const DEFAULT_HUB_URL = 'https://huggingface.co';

export type SourceRef = { kind: 'hub'; owner: string; name: string; revision: string } | { kind: 'url'; url: string };

export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

const HUB_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const REVISION = /^[A-Za-z0-9][A-Za-z0-9._\/-]{0,199}$/;

export function parseSource(text: string): SourceRef {
  const t = text.trim();
  if (t.startsWith('hf:')) {
    const m = /^hf:([^/@\s]+)\/([^/@\s]+)(?:@(\S+))?$/.exec(t);
    if (!m || !HUB_PART.test(m[1]) || !HUB_PART.test(m[2]) || (m[3] !== undefined && (!REVISION.test(m[3]) || m[3].includes('..'))))
      throw new SourceError(`"${t.slice(0, 80)}" is not a hub repo id: write hf:owner/name or hf:owner/name@revision`);
    return { kind: 'hub', owner: m[1], name: m[2], revision: m[3] ?? 'main' };
  }
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    throw new SourceError(`"${t.slice(0, 80)}" is neither a hub repo id (hf:owner/name) nor an http(s) URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SourceError(`only http(s) URLs can be loaded, not ${url.protocol}`);
  if (url.username || url.password) throw new SourceError('URLs with a user name or password are not accepted: the link would carry them');
  return { kind: 'url', url: url.toString() };
}

/** The URL of one file of a source; a URL source that names a file is that file. */
export function fileUrl(ref: SourceRef, file: string, hubUrl = DEFAULT_HUB_URL): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  if (ref.kind === 'hub') {
    const base = hubUrl.replace(/\/+$/, '');
    return `${base}/${ref.owner}/${ref.name}/resolve/${ref.revision.split('/').map(encodeURIComponent).join('/')}/${path}`;
  }
  return new URL(path, ref.url.endsWith('/') ? ref.url : ref.url + '/').toString();
}

/** True when a URL source names one file rather than a folder. */
export const namesFile = (ref: SourceRef) => ref.kind === 'url' && /\.(safetensors|json)$/i.test(new URL(ref.url).pathname);

export const describeSource = (ref: SourceRef) => (ref.kind === 'hub' ? `hf:${ref.owner}/${ref.name}@${ref.revision}` : ref.url);
