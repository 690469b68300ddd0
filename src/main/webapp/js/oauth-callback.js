/* Constant Contact sends the browser back here with ?code&state: create the instance waiting in session storage. */
document.addEventListener('alpine:init', () => {
  Alpine.data('oauthCallbackPage', () => ({
    busy: true,
    progress: 'Completing the authorization…',
    error: '',
    canRetry: false,
    created: null,
    webhookSecret: null,

    async init() {
      if (!changewire.requireSignIn()) return;
      const params = new URLSearchParams(location.search);
      let pending;
      try { pending = JSON.parse(sessionStorage.getItem(changewire.PENDING_KEY) || 'null'); } catch (e) { pending = null; }
      const expectedState = sessionStorage.getItem(changewire.STATE_KEY);
      // the code must not linger in the address bar or the history
      history.replaceState(null, '', location.pathname);
      if (params.get('error')) {
        return this.fail('Constant Contact did not authorize the account: ' + params.get('error')
          + (params.get('error_description') ? ' (' + params.get('error_description') + ')' : ''), !!pending);
      }
      if (!pending) {
        return this.fail('No instance is waiting for an authorization in this browser tab. Start again from the New instance page.', false);
      }
      if (!params.get('code')) {
        return this.fail('Constant Contact came back without an authorization code.', true);
      }
      if (!expectedState || params.get('state') !== expectedState) {
        return this.fail('The authorization answer does not belong to this request (state mismatch); start again.', true);
      }
      pending.providerData = { code: params.get('code') };
      this.progress = 'Creating the instance: exchanging the code for Constant Contact tokens…';
      try {
        const instance = await changewire.call('POST', '/instances', pending);
        sessionStorage.removeItem(changewire.PENDING_KEY);
        sessionStorage.removeItem(changewire.STATE_KEY);
        this.created = instance.data;
        const secret = (instance.data.configuration || {})['event.notification.webhook.secret'];
        this.webhookSecret = secret && secret !== '********' ? secret : null;
        this.busy = false;
        this.$nextTick(() => document.getElementById('created-title').focus());
      } catch (e) {
        // keep the pending body (without the spent code) so the form can be corrected and sent again
        delete pending.providerData;
        sessionStorage.setItem(changewire.PENDING_KEY, JSON.stringify(pending));
        this.fail(e.message, true);
      }
    },

    fail(message, canRetry) {
      this.error = message;
      this.canRetry = canRetry;
      this.busy = false;
    }
  }));
});
