// Passkey ceremonies (ADR 0048). The page carries the server's options as JSON in data-options; this hands them to
// navigator.credentials and posts the authenticator's answer back through the page's own form (CSRF token included),
// so the server renders the outcome. Options, signatures and public keys; and for sign-in with a passkey alone
// (ADR 0051) the authenticator's PRF output, which goes only into the form's own "prf" field, over the same
// connection as a typed password would.
'use strict';
(() => {
  const bytes = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const b64url = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

  // what the browser's refusals mean for the user, in the page's language (data-* of #passkey-error, from the
  // bundles); nothing is sent to the server for these
  const TEXTS = {
    NotAllowedError: 'notAllowed', InvalidStateError: 'invalidState', SecurityError: 'security',
    NotSupportedError: 'notSupported', AbortError: 'abort',
  };

  function showError(error) {
    const box = document.getElementById('passkey-error');
    box.textContent = box.dataset[TEXTS[error && error.name]] || box.dataset.failed;
    box.hidden = false;
  }

  function supported() {
    return window.PublicKeyCredential && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function';
  }

  async function create(button) {
    const section = document.getElementById('passkey-ceremony');
    const options = PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(section.dataset.options));
    // ask whether the authenticator can evaluate PRF: the list then says which passkeys can sign in on their own
    options.extensions = { ...(options.extensions || {}), prf: {} };
    const credential = await navigator.credentials.create({ publicKey: options });
    const prf = (credential.getClientExtensionResults() || {}).prf;
    const r = credential.response;
    const answer = {
      id: credential.id, rawId: b64url(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment,
      response: {
        attestationObject: b64url(r.attestationObject), clientDataJSON: b64url(r.clientDataJSON),
        transports: typeof r.getTransports === 'function' ? r.getTransports() : [],
      },
      clientExtensionResults: {},
    };
    const form = button.form;
    form.elements.credential.value = JSON.stringify(answer);
    if (form.elements.prf) form.elements.prf.value = prf && prf.enabled ? 'yes' : 'no';
    form.submit();
  }

  async function get(button) {
    const form = button.form;
    const section = document.getElementById('passkey-signin');
    // the password-changed step (ADR 0051) has a password field to fill first
    if (section.dataset.prf && !form.reportValidity()) {
      button.disabled = false;
      return;
    }
    const options = PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(section.dataset.options));
    if (section.dataset.prf) options.extensions = { ...(options.extensions || {}), prf: { eval: { first: bytes(section.dataset.prf) } } };
    const assertion = await navigator.credentials.get({ publicKey: options });
    if (section.dataset.prf) {
      const results = ((assertion.getClientExtensionResults() || {}).prf || {}).results;
      form.elements.prf.value = results && results.first ? b64url(results.first) : '';
    }
    const r = assertion.response;
    const answer = {
      id: assertion.id, rawId: b64url(assertion.rawId), type: assertion.type,
      authenticatorAttachment: assertion.authenticatorAttachment,
      response: {
        authenticatorData: b64url(r.authenticatorData), clientDataJSON: b64url(r.clientDataJSON),
        signature: b64url(r.signature), userHandle: r.userHandle ? b64url(r.userHandle) : null,
      },
      clientExtensionResults: {},
    };
    // the confirmation page (sudo mode) names its field, as the request it posts again may have a "credential" of its own
    form.elements[button.dataset.field || 'credential'].value = JSON.stringify(answer);
    form.submit();
  }

  document.addEventListener('click', (event) => {
    const button = event.target.closest('[data-passkey]');
    if (!button) return;
    event.preventDefault();
    if (!supported()) {
      showError({ name: 'NotSupportedError' });
      return;
    }
    button.disabled = true;
    const ceremony = button.dataset.passkey === 'create' ? create(button) : get(button);
    ceremony.catch((error) => {
      button.disabled = false;
      showError(error);
    });
  });
})();
