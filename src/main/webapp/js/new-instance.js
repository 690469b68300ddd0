/* Creating an instance, following the seed's "Configure Polling Through the UI" steps 1-7. */
document.addEventListener('alpine:init', () => {
  Alpine.data('newInstancePage', () => ({
    name: '',
    clientId: '',
    clientSecret: '',
    callbackUrl: location.origin + '/oauth-callback.html',
    eventsEnabled: true,
    notificationUrl: '',
    interval: 15,
    resources: [],
    copyFrom: 'campaigns',
    copyName: '',
    tags: [],
    tagInput: '',
    knownTags: [],
    keys: [],
    editing: null,
    editText: '',
    editProblem: null,
    invalid: {},
    error: '',
    progress: '',
    busy: false,
    restored: false,
    submitted: false,

    async init() {
      if (!changewire.requireSignIn()) return;
      try {
        const defaults = await changewire.elementDefaults();
        this.resources = Object.entries(defaults.resources).map(([name, config]) => ({
          name: name, text: JSON.stringify(config, null, 2), selected: true, custom: false
        }));
        this.copyFrom = this.resources.length ? this.resources[0].name : '';
      } catch (e) {
        this.error = e.message;
      }
      // the organization's API keys with their day, for the quota warning under the interval
      changewire.get('/elements/constantcontact/keys').then(k => { this.keys = k; }).catch(() => null);
      changewire.all('/instances?pageSize=200').then(r => {
        this.knownTags = [...new Set(r.items.flatMap(i => i.tags || []))].sort();
      }).catch(() => null);
      this.restore();
    },

    /**
     * A warning when the new instance would not fit its API key's day (docs/quota.md): the key's projected
     * requests plus this instance's (its resources and the unsubscribes sweep a run, at its interval, until
     * the key's day ends, 00:00 UTC) against the key's budget less the reserve. Empty for a key none of the organization's instances uses yet.
     */
    quotaWarning() {
      const minutes = Number(this.interval);
      const key = this.keys.find(k => k.apiKey === this.clientId.trim());
      if (!this.eventsEnabled || !(minutes > 0) || !key) return '';
      const now = new Date();
      const dayEnds = Date.parse(key.dayEnds) || Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
      const minutesLeft = Math.max(0, dayEnds - now.getTime()) / 60000;
      const perRun = this.resources.filter(r => r.selected).length + 1;
      const added = Math.ceil(perRun * minutesLeft / minutes + minutesLeft / 1440);
      if (key.stretched) {
        return 'The polling intervals of API key ' + key.apiKey + ' are already stretched to fit its ' + key.requestsPerDay.toLocaleString()
          + ' requests a day; this instance will be polled less often than every ' + minutes + ' minutes too, and the others a little less often.';
      }
      if (key.projected + added > key.requestsPerDay - key.reserve) {
        return 'With this instance, API key ' + key.apiKey + ' would need about ' + (key.projected + added).toLocaleString()
          + ' requests today, more than its ' + key.requestsPerDay.toLocaleString() + ' a day less the ' + key.reserve.toLocaleString()
          + ' kept for hub calls: Changewire will poll every instance on it less often than configured.';
      }
      return '';
    },

    /** After a failed or abandoned authorization the form comes back as it was. */
    restore() {
      let pending;
      try { pending = JSON.parse(sessionStorage.getItem(changewire.PENDING_KEY) || 'null'); } catch (e) { pending = null; }
      if (!pending) return;
      const c = pending.configuration || {};
      this.name = pending.name || '';
      this.tags = pending.tags || [];
      this.clientId = c['oauth.api.key'] || '';
      this.clientSecret = c['oauth.api.secret'] || '';
      this.callbackUrl = c['oauth.callback.url'] || this.callbackUrl;
      this.eventsEnabled = changewire.boolean(c['event.notification.enabled']);
      this.notificationUrl = c['event.notification.callback.url'] || '';
      this.interval = changewire.intervalMinutes(c['event.poller.refresh_interval']) || this.interval;
      const poller = changewire.pollerConfiguration(c['event.poller.configuration']) || {};
      this.resources.forEach(r => { r.selected = !!poller[r.name]; if (poller[r.name]) r.text = JSON.stringify(poller[r.name], null, 2); });
      Object.entries(poller).filter(([n]) => !this.resources.some(r => r.name === n)).forEach(([n, config]) => {
        this.resources.push({ name: n, text: JSON.stringify(config, null, 2), selected: true, custom: true });
      });
      sessionStorage.removeItem(changewire.PENDING_KEY);
      this.restored = true;
    },

    urlOf(r) {
      try { return JSON.parse(r.text).url || ''; } catch (e) { return '(invalid JSON)'; }
    },

    edit(r) {
      this.editing = r;
      this.editText = r.text;
      this.editProblem = changewire.resourceProblem(r.name, r.text);
      this.$refs.editor.showModal();
      this.$nextTick(() => document.getElementById('resource-json').focus());
    },

    saveEdit() {
      this.editProblem = changewire.resourceProblem(this.editing.name, this.editText);
      if (this.editProblem) return;
      this.editing.text = JSON.stringify(JSON.parse(this.editText), null, 2);
      const name = this.editing.name;
      this.$refs.editor.close();
      this.$nextTick(() => document.getElementById('edit-' + name).focus());
    },

    copyResource() {
      const name = this.copyName.trim();
      this.invalid = Object.assign({}, this.invalid, { resources: '' });
      const source = this.resources.find(r => r.name === this.copyFrom);
      if (!source) return;
      if (!/^[A-Za-z0-9_.-]{1,100}$/.test(name)) {
        this.invalid.resources = 'Name the new resource with 1 to 100 letters, digits, "_", "-" or ".".';
        return;
      }
      if (this.resources.some(r => r.name === name)) {
        this.invalid.resources = 'There is already a resource named ' + name + '.';
        return;
      }
      const copy = { name: name, text: source.text, selected: true, custom: true };
      this.resources.push(copy);
      this.copyName = '';
      this.$nextTick(() => this.edit(this.resources[this.resources.length - 1]));
    },

    remove(r) {
      this.resources = this.resources.filter(x => x !== r);
    },

    removeTag(tag) {
      this.tags = this.tags.filter(x => x !== tag);
    },

    addTag() {
      const tag = this.tagInput.trim();
      if (tag && !this.tags.includes(tag)) this.tags.push(tag);
      this.tagInput = '';
    },

    validate() {
      const invalid = {};
      const url = v => { try { const u = new URL(v); return u.protocol === 'http:' || u.protocol === 'https:'; } catch (e) { return false; } };
      if (!this.name.trim()) invalid.name = 'Name the instance.';
      if (!this.clientId.trim()) invalid.clientId = 'Enter the Constant Contact app\'s client ID.';
      if (!this.clientSecret) invalid.clientSecret = 'Enter the Constant Contact app\'s client secret.';
      if (!url(this.callbackUrl.trim())) invalid.callbackUrl = 'Enter an absolute http or https URL.';
      if (this.eventsEnabled) {
        if (!url(this.notificationUrl.trim())) invalid.notificationUrl = 'Enter the absolute http or https URL that receives the notifications.';
        if (!(Number(this.interval) > 0)) invalid.interval = 'Enter a number of minutes greater than 0.';
        const chosen = this.resources.filter(r => r.selected);
        if (chosen.length === 0) invalid.resources = 'Select at least one resource to poll.';
        const broken = chosen.find(r => changewire.resourceProblem(r.name, r.text));
        if (broken) invalid.resources = broken.name + ': ' + changewire.resourceProblem(broken.name, broken.text);
      }
      this.invalid = invalid;
      const valid = Object.keys(invalid).length === 0;
      if (valid && this.error === 'Please correct the highlighted fields.') this.error = '';
      return valid;
    },

    body() {
      const configuration = {
        'oauth.api.key': this.clientId.trim(),
        'oauth.api.secret': this.clientSecret,
        'oauth.callback.url': this.callbackUrl.trim(),
        'event.notification.enabled': this.eventsEnabled
      };
      if (this.eventsEnabled) {
        configuration['event.notification.callback.url'] = this.notificationUrl.trim();
        configuration['event.poller.refresh_interval'] = String(this.interval);
        const poller = {};
        this.resources.filter(r => r.selected).forEach(r => { poller[r.name] = JSON.parse(r.text); });
        configuration['event.poller.configuration'] = poller;
      }
      return {
        element: { key: 'constantcontact' },
        providerData: {},
        configuration: configuration,
        tags: this.tags,
        name: this.name.trim()
      };
    },

    async create() {
      this.error = '';
      this.submitted = true;
      if (!this.validate()) {
        this.error = 'Please correct the highlighted fields.';
        this.$nextTick(() => { const first = document.querySelector('.is-invalid'); if (first) first.focus(); });
        return;
      }
      this.busy = true;
      this.progress = 'Asking the server for Constant Contact\'s authorization URL…';
      try {
        const state = crypto.getRandomValues(new Uint32Array(4)).join('-');
        const query = new URLSearchParams({
          apiKey: this.clientId.trim(), callbackUrl: this.callbackUrl.trim(), state: state
        });
        const answer = await changewire.get('/elements/constantcontact/oauth/url?' + query.toString());
        // the pending body waits in this tab's session storage until the authorization comes back
        sessionStorage.setItem(changewire.PENDING_KEY, JSON.stringify(this.body()));
        sessionStorage.setItem(changewire.STATE_KEY, state);
        this.progress = 'Sending you to Constant Contact to authorize the account…';
        location.assign(answer.oauthUrl);
      } catch (e) {
        this.error = e.message;
        this.progress = '';
        this.busy = false;
      }
    }
  }));
});
