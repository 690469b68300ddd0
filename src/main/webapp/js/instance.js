/* One instance: settings edited in place, poller status, events and their chart, notifications, secret rotation. */
document.addEventListener('alpine:init', () => {
  let chart = null; // Chart.js keeps its own state; Alpine must not proxy it

  Alpine.data('instancePage', () => ({
    id: changewire.param('id'),
    instance: null,
    loading: true,
    working: false,
    saving: false,
    error: '',
    notice: '',
    form: { name: '', tags: '', eventsEnabled: false, notificationUrl: '', interval: 15, poller: '' },
    pollerProblem: null,
    poller: null,
    pollerMissing: false,
    polling: false,
    pollSummary: '',
    events: [],
    eventsNext: null,
    eventsLoading: false,
    eventsMissing: false,
    filters: { objectType: '', eventType: '', from: '', to: '' },
    chartSummary: 'No events in the last 24 hours',
    notifications: [],
    notificationsNext: null,
    notificationsMissing: false,
    subscription: null,
    redeliverSince: changewire.localInputValue(new Date(Date.now() - 24 * 3600 * 1000)),
    newSecret: null,
    previousExpires: null,

    async init() {
      if (!changewire.requireSignIn()) return;
      if (!this.id) { this.loading = false; this.error = 'No instance id in the address (instance.html?id=…).'; return; }
      try {
        await this.loadInstance();
      } catch (e) {
        this.error = e.message;
        this.loading = false;
        return;
      }
      this.loading = false;
      document.title = this.instance.name + ' · Changewire console';
      await Promise.all([this.loadPoller(), this.loadEvents(false), this.loadChart(), this.loadNotifications(false), this.loadSubscription()]);
    },

    async refreshActivity() {
      await Promise.all([this.loadPoller(), this.loadEvents(false), this.loadChart(), this.loadNotifications(false), this.loadSubscription()]);
    },

    async loadInstance() {
      this.instance = await changewire.get('/instances/' + encodeURIComponent(this.id));
      const c = this.instance.configuration || {};
      const poller = changewire.pollerConfiguration(c['event.poller.configuration']);
      const stored = changewire.intervalMinutes(c['event.poller.refresh_interval']);
      this.form = {
        name: this.instance.name,
        tags: (this.instance.tags || []).join(', '),
        eventsEnabled: changewire.boolean(c['event.notification.enabled']),
        notificationUrl: c['event.notification.callback.url'] || '',
        format: changewire.notificationFormat(c),
        interval: stored === null ? 15 : stored,
        // what the form showed when loaded: an unchanged interval is saved as it was stored
        shownInterval: stored === null ? 15 : stored,
        poller: poller ? JSON.stringify(poller, null, 2) : ''
      };
      this.pollerProblem = this.checkPoller(this.form.poller);
    },

    /**
     * The interval to save: the stored value as it was written (PT1S stays PT1S, and a spelling the form cannot
     * read stays as it is) unless the user changed what the form showed.
     */
    intervalToSave() {
      const stored = ((this.instance && this.instance.configuration) || {})['event.poller.refresh_interval'];
      return stored !== undefined && stored !== null && this.form.interval === this.form.shownInterval ? String(stored) : String(this.form.interval);
    },

    /** Empty means the element's defaults; otherwise every resource must look right. */
    checkPoller(text) {
      if (!text || !text.trim()) return null;
      let value;
      try { value = JSON.parse(text); } catch (e) { return 'Not valid JSON: ' + e.message; }
      if (!value || typeof value !== 'object' || Array.isArray(value)) return 'Must be a JSON object of resource name → configuration';
      if (Object.keys(value).length === 0) return 'Configure at least one resource (or leave empty for the defaults)';
      for (const [name, config] of Object.entries(value)) {
        const problem = changewire.resourceProblem(name, JSON.stringify(config));
        if (problem) return name + ': ' + problem;
      }
      return null;
    },

    /** Configuration values as text; JSON values (the poller configuration) indented. */
    /** A poll run's counts; CSP Alpine evaluates no '??' in the markup. */
    runCounts(r) {
      return (r.recordsRead ?? 0) + ' read, ' + (r.eventsRecorded ?? 0) + ' events'
        + (r.recordsSkipped ? ', ' + r.recordsSkipped + ' skipped' : '');
    },

    eventsText(n) {
      return (n.events || []).map(e => e.eventType + ' ' + e.objectId).join(', ');
    },

    attemptsText(n) {
      return (n.attemptCount ?? (n.attempts || []).length) + ' attempt(s)';
    },

    /** The configuration as {key, value} rows (the CSP build evaluates no destructuring in x-for). */
    configurationEntries() {
      return Object.entries((this.instance && this.instance.configuration) || {}).map(([key, value]) => ({ key: key, value: value }));
    },

    showValue(value) {
      const parsed = typeof value === 'string' && value.trim().startsWith('{') ? changewire.pollerConfiguration(value) : value;
      return parsed && typeof parsed === 'object' ? JSON.stringify(parsed, null, 2) : String(value);
    },

    objectTypes() {
      const poller = changewire.pollerConfiguration(this.form.poller);
      return poller ? Object.keys(poller) : ['campaigns', 'contacts', 'lists'];
    },

    async save() {
      this.error = ''; this.notice = '';
      this.pollerProblem = this.checkPoller(this.form.poller);
      if (this.pollerProblem) return;
      const configuration = {
        'event.notification.enabled': this.form.eventsEnabled,
        'event.notification.callback.url': this.form.notificationUrl.trim(),
        'event.poller.refresh_interval': this.intervalToSave()
      };
      Object.assign(configuration, changewire.notificationFormatKeys(this.form.format));
      if (this.form.poller.trim()) configuration['event.poller.configuration'] = JSON.parse(this.form.poller);
      const body = {
        name: this.form.name.trim(),
        tags: this.form.tags.split(',').map(t => t.trim()).filter(Boolean),
        configuration: configuration
      };
      this.working = this.saving = true;
      try {
        await changewire.call('PATCH', '/instances/' + this.instance.id, body);
        await this.loadInstance();
        this.notice = 'Saved. The poller uses the new settings from its next run.';
        await this.loadPoller();
      } catch (e) {
        this.error = e.message;
      } finally {
        this.working = this.saving = false;
      }
    },

    async toggleEnabled() {
      this.error = ''; this.notice = '';
      this.working = true;
      try {
        this.instance = (await changewire.call(this.instance.disabled ? 'PUT' : 'DELETE', '/instances/' + this.instance.id + '/enabled')).data;
        this.notice = this.instance.disabled ? 'The instance is disabled: no polling, its hub calls are refused.' : 'The instance is enabled again.';
        await this.loadPoller();
      } catch (e) {
        this.error = e.message;
      } finally {
        this.working = false;
      }
    },

    async remove() {
      this.working = true;
      try {
        await changewire.call('DELETE', '/instances/' + this.instance.id);
        this.$refs.confirmDelete.close();
        location.href = '/?deleted=' + encodeURIComponent(this.instance.name);
      } catch (e) {
        this.$refs.confirmDelete.close();
        this.error = e.message;
        this.working = false;
      }
    },

    async loadPoller() {
      try {
        this.poller = changewire.pollerStatus(await changewire.get('/instances/' + this.instance.id + '/events/poller'));
        this.pollerMissing = false;
      } catch (e) {
        if (e.missing || e.status === 405) { this.pollerMissing = true; return; }
        this.error = e.message;
      }
    },

    async pollNow() {
      this.error = ''; this.pollSummary = '';
      this.polling = true;
      try {
        const run = (await changewire.call('POST', '/instances/' + this.instance.id + '/events/poller/run')).data || {};
        const resources = Array.isArray(run.resources) ? run.resources : [];
        const read = resources.reduce((sum, r) => sum + (r.recordsRead || 0), 0);
        const events = changewire.pick(run, 'eventsRecorded') ?? resources.reduce((sum, r) => sum + (r.eventsRecorded || 0), 0);
        const failed = resources.filter(r => r.error).map(r => r.name + ': ' + r.error);
        this.pollSummary = 'Poll ' + String(run.outcome || 'finished').toLowerCase().replace(/_/g, ' ') + ': ' + read + ' records read, '
          + events + ' new event(s).' + (run.error ? ' ' + run.error : '') + (failed.length ? ' ' + failed.join('; ') : '');
        await this.refreshActivity();
        this.watchDeliveries();
      } catch (e) {
        this.error = e.message;
      } finally {
        this.polling = false;
      }
    },

    eventsQuery() {
      const q = new URLSearchParams({ pageSize: '50' });
      if (this.filters.objectType) q.set('objectType', this.filters.objectType);
      if (this.filters.eventType) q.set('eventType', this.filters.eventType);
      const from = changewire.isoFromLocal(this.filters.from);
      const to = changewire.isoFromLocal(this.filters.to);
      if (from) q.set('from', from);
      if (to) q.set('to', to);
      return q;
    },

    async loadEvents(more) {
      this.eventsLoading = true;
      try {
        const q = this.eventsQuery();
        if (more && this.eventsNext) q.set('nextPage', this.eventsNext);
        const r = await changewire.call('GET', '/instances/' + this.instance.id + '/events?' + q.toString());
        this.events = more ? this.events.concat(r.data || []) : (r.data || []);
        this.eventsNext = r.headers.get('Elements-Next-Page-Token');
        this.eventsMissing = false;
      } catch (e) {
        if (e.missing || e.status === 405) { this.eventsMissing = true; } else { this.error = e.message; }
      } finally {
        this.eventsLoading = false;
      }
    },

    /** Events per hour and type over the last day, counted from the events themselves. */
    async loadChart() {
      const now = new Date();
      const end = new Date(now); end.setMinutes(0, 0, 0); end.setHours(end.getHours() + 1);
      const start = new Date(end.getTime() - 24 * 3600 * 1000);
      let items = [];
      try {
        items = (await changewire.all('/instances/' + this.instance.id + '/events?pageSize=200&from=' + encodeURIComponent(start.toISOString()), 10)).items;
      } catch (e) {
        if (!(e.missing || e.status === 405)) this.error = e.message;
      }
      const hours = [...Array(24).keys()].map(h => new Date(start.getTime() + h * 3600 * 1000));
      const types = ['CREATED', 'UPDATED', 'DELETED'];
      items.forEach(e => { if (e.eventType && !types.includes(e.eventType)) types.push(e.eventType); });
      const colours = { CREATED: '#198754', UPDATED: '#0d6efd', DELETED: '#dc3545' };
      const datasets = types.map(t => ({
        label: t,
        backgroundColor: colours[t] || '#6c757d',
        data: hours.map(h => items.filter(e => e.eventType === t && this.detected(e) >= h.getTime() && this.detected(e) < h.getTime() + 3600 * 1000).length)
      }));
      this.chartSummary = items.length + ' events in the last 24 hours: ' + types.map(t => t + ' ' + items.filter(e => e.eventType === t).length).join(', ');
      const labels = hours.map(h => h.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
      await this.$nextTick();
      const canvas = document.getElementById('events-chart');
      if (!canvas || !window.Chart) return;
      if (chart) chart.destroy();
      chart = new window.Chart(canvas, {
        type: 'bar',
        data: { labels: labels, datasets: datasets },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: 'bottom' } }
        }
      });
    },

    /** When the event was detected (Cloud Elements' eventDate), else the record's date. */
    detected(e) {
      return new Date(e.eventDate || e.detectedDate || e.date).getTime();
    },

    async loadNotifications(more) {
      try {
        const q = new URLSearchParams({ pageSize: '50' });
        if (more && this.notificationsNext) q.set('nextPage', this.notificationsNext);
        const r = await changewire.call('GET', '/instances/' + this.instance.id + '/notifications?' + q.toString());
        const open = new Set(this.notifications.filter(n => n.open).map(n => n.id));
        const list = (r.data || []).map(n => Object.assign(n, { open: open.has(n.id) }));
        this.notifications = more ? this.notifications.concat(list) : list;
        this.notificationsNext = r.headers.get('Elements-Next-Page-Token');
        this.notificationsMissing = false;
      } catch (e) {
        if (e.missing || e.status === 405) { this.notificationsMissing = true; } else { this.error = e.message; }
      }
    },

    async loadSubscription() {
      try {
        this.subscription = await changewire.get('/instances/' + this.instance.id + '/events/subscription');
      } catch (e) {
        this.subscription = null;
      }
    },

    async toggleSubscription() {
      this.error = ''; this.notice = '';
      this.working = true;
      try {
        this.subscription = (await changewire.call(this.subscription.active ? 'DELETE' : 'PUT', '/instances/' + this.instance.id + '/events/subscription')).data;
        this.notice = this.subscription.active ? 'Delivery resumed.' : 'Delivery paused: new notifications wait until it is resumed.';
      } catch (e) {
        this.error = e.message;
      } finally {
        this.working = false;
      }
    },

    async redeliver(n) {
      this.error = ''; this.notice = '';
      this.working = true;
      try {
        await changewire.call('POST', '/instances/notifications/' + encodeURIComponent(n.id) + '/redeliver');
        this.notice = 'Notification ' + n.id + ' is queued for redelivery.';
        await this.loadNotifications(false);
        this.watchDeliveries();
      } catch (e) {
        this.error = e.message;
      } finally {
        this.working = false;
      }
    },

    async redeliverAll() {
      this.error = ''; this.notice = '';
      const since = changewire.isoFromLocal(this.redeliverSince);
      if (!since) { this.error = 'Enter the time from which failed notifications are sent again.'; return; }
      this.working = true;
      try {
        const r = (await changewire.call('POST', '/instances/' + this.instance.id + '/notifications/redeliver?status=FAILED,QUEUED&since='
          + encodeURIComponent(since))).data;
        this.notice = (r && r.redelivered !== undefined ? r.redelivered : 'All') + ' failed or queued notification(s) since '
          + changewire.date(since) + ' will be sent again.';
        await Promise.all([this.loadNotifications(false), this.loadSubscription()]);
        this.watchDeliveries();
      } catch (e) {
        this.error = e.message;
      } finally {
        this.working = false;
      }
    },

    /** Deliveries happen in the background: refresh the list a few times so their outcome shows up. */
    watchDeliveries() {
      let rounds = 0;
      const timer = setInterval(async () => {
        rounds++;
        await this.loadNotifications(false);
        if (rounds >= 10 || !this.notifications.some(n => ['PENDING', 'RETRYING'].includes(n.status))) clearInterval(timer);
      }, 1500);
    },

    async rotate() {
      if (!confirm('Rotate the webhook signing secret? Receivers must be given the new secret.')) return;
      this.error = ''; this.notice = '';
      this.working = true;
      try {
        const r = (await changewire.call('POST', '/instances/' + this.instance.id + '/events/webhook-secret/rotate')).data;
        this.newSecret = r.secret;
        this.previousExpires = r.previousSecretExpiresDate;
      } catch (e) {
        this.error = e.missing ? 'Secret rotation is not available on this server.' : e.message;
      } finally {
        this.working = false;
      }
    }
  }));
});
