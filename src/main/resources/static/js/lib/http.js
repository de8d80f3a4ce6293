/*
 * The one place that talks to the server outside htmx: the CSRF header (the cookie is HttpOnly, the token comes from
 * a <meta> tag) and a JSON call that turns a problem answer into an Error carrying the problem.
 */

function meta(name) {
  const m = document.querySelector('meta[name="' + name + '"]');
  return m ? m.getAttribute('content') : null;
}

/** The CSRF header (and a JSON content type when asked) for a request that changes something. */
export function csrfHeaders(json) {
  const headers = {};
  const token = meta('csrf-token');
  if (token) headers[meta('csrf-header') || 'X-XSRF-TOKEN'] = token;
  if (json) headers['Content-Type'] = 'application/json';
  return headers;
}

/** A JSON API call: the parsed answer, or an Error with {@code status} and {@code problem} (the problem+json body). */
export function api(method, url, body) {
  return fetch(url, {
    method, headers: csrfHeaders(body !== undefined), credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body)
  }).then((r) => r.text().then((t) => {
    let data = null;
    try { data = t ? JSON.parse(t) : null; } catch (e) { data = null; }
    if (!r.ok) {
      const err = new Error('HTTP ' + r.status);
      err.status = r.status;
      err.problem = data;
      throw err;
    }
    return data;
  }));
}

/** An HTML fragment the way htmx would ask for it (the server answers only the fragment). */
export function fragment(url) {
  return fetch(url, { headers: { 'HX-Request': 'true' }, credentials: 'same-origin' })
    .then((r) => { if (!r.ok) throw new Error('status ' + r.status); return r.text(); });
}

/** htmx requests carry the CSRF header too. */
export function installCsrfForHtmx() {
  document.addEventListener('htmx:configRequest', (e) => Object.assign(e.detail.headers, csrfHeaders(false)));
}

/**
 * A post the htmx way ({@code htmx.ajax} from {@code source}: a form sends its fields, {@code values} are added;
 * only what the answer marks out of band is swapped). Resolves with the request once the answer is swapped in,
 * whatever its status, or rejects when no answer came (offline).
 */
export function postForm(url, source, values) {
  let xhr = null;
  const seen = (e) => { xhr = e.detail.xhr; };
  source.addEventListener('htmx:afterRequest', seen);
  const done = () => source.removeEventListener('htmx:afterRequest', seen);
  return htmx.ajax('POST', url, { source, values, swap: 'none' }).then(() => { done(); return xhr; }, (e) => { done(); throw e; });
}
