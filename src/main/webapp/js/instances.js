/* The start page: sign-in form, then the instances list with its activity columns. */
document.addEventListener('alpine:init', () => {
  Alpine.data('instancesPage', () => ({
    signedIn: !!changewire.credentials(),
    userSecret: '',
    organizationSecret: '',
    signInError: '',
    busy: false,
    loading: false,
    error: '',
    instances: [],
    keys: [],
    tags: [],
    search: '',
    tag: '',
    deleted: changewire.param('deleted'),

    init() {
      if (this.signedIn) this.load();
    },

    async signIn() {
      this.busy = true;
      this.signInError = '';
      try {
        await changewire.signIn(this.userSecret, this.organizationSecret);
        this.userSecret = this.organizationSecret = '';
        const next = changewire.sameOriginUrl(changewire.param('next'));
        if (next) {
          location.href = next;
          return;
        }
        this.signedIn = true;
        document.dispatchEvent(new CustomEvent('changewire-signed-in'));
        await this.load();
        this.$nextTick(() => document.getElementById('instances-title').focus());
      } catch (e) {
        this.signInError = e.message;
      } finally {
        this.busy = false;
      }
    },

    /** A value or a dash when the API has none (null or absent). */
    orDash(value) {
      return value === null || value === undefined ? '—' : value;
    },

    shown() {
      const q = this.search.trim().toLowerCase();
      return this.instances.filter(i => (!q || i.name.toLowerCase().includes(q)) && (!this.tag || i.tags.includes(this.tag)));
    },

    async load() {
      this.loading = true;
      this.error = '';
      try {
        const list = await changewire.all('/instances?pageSize=200');
        this.instances = list.items.map(i => Object.assign(i, {
          pollState: undefined, lastSuccess: undefined, events24h: undefined, failed: undefined, stretchedTo: null, stretchReason: ''
        }));
        this.tags = [...new Set(this.instances.flatMap(i => i.tags || []))].sort();
      } catch (e) {
        if (e.status === 401) { location.reload(); return; }
        this.error = e.message;
      } finally {
        this.loading = false;
      }
      // the activity columns come from the poller and delivery APIs; a server without them shows "—"
      const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
      await Promise.all(this.instances.map(i => this.activity(i, since)).concat([this.loadKeys()]));
    },

    /** The quota panel: the organization's API keys with their day; a server without the endpoint shows none. */
    async loadKeys() {
      try {
        this.keys = await changewire.get('/elements/constantcontact/keys');
      } catch (e) {
        this.keys = [];
      }
    },

    async activity(i, since) {
      const row = this.instances.find(x => x.id === i.id);
      const tasks = [
        changewire.get('/instances/' + i.id + '/events/poller').then(p => {
          const s = changewire.pollerStatus(p);
          row.pollState = s.stateText;
          row.lastSuccess = s.lastSuccess;
          // the quota planner polls it less often than configured: say so where the operator looks first
          row.stretchedTo = s.intervalReason ? s.effectiveInterval : null;
          row.stretchReason = s.intervalReason || '';
        }),
        changewire.all('/instances/' + i.id + '/events?pageSize=200&from=' + encodeURIComponent(since), 5).then(r => {
          row.events24h = r.items.length + (r.complete ? '' : '+');
        }),
        changewire.all('/instances/' + i.id + '/notifications?status=FAILED&pageSize=200', 5).then(r => {
          row.failed = r.items.length;
        })
      ];
      await Promise.all(tasks.map(t => t.catch(() => null)));
    }
  }));
});
