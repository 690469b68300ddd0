/* The organization's users: add (the secret shown once) and remove. */
document.addEventListener('alpine:init', () => {
  Alpine.data('organizationPage', () => ({
    users: [],
    email: '',
    firstName: '',
    lastName: '',
    role: 'user',
    created: null,
    error: '',
    busy: false,

    async init() {
      if (!changewire.requireSignIn()) return;
      await this.load();
    },

    fullName(u) {
      return [u.firstName, u.lastName].filter(Boolean).join(' ');
    },

    async load() {
      try {
        this.users = await changewire.get('/organizations/users');
      } catch (e) {
        this.error = e.message;
      }
    },

    async add() {
      this.error = '';
      this.created = null;
      if (!this.email.trim()) { this.error = 'Enter the new user\'s email address.'; return; }
      this.busy = true;
      try {
        this.created = (await changewire.call('POST', '/organizations/users', {
          emailAddress: this.email.trim(), firstName: this.firstName.trim() || null, lastName: this.lastName.trim() || null, role: this.role
        })).data;
        this.email = this.firstName = this.lastName = '';
        await this.load();
      } catch (e) {
        this.error = e.message;
      } finally {
        this.busy = false;
      }
    },

    async remove(u) {
      if (!confirm('Remove ' + u.emailAddress + '? Their secret stops working at once.')) return;
      this.error = '';
      this.busy = true;
      try {
        await changewire.call('DELETE', '/organizations/users/' + u.id);
        if (this.created && this.created.id === u.id) this.created = null;
        await this.load();
      } catch (e) {
        this.error = e.message;
      } finally {
        this.busy = false;
      }
    }
  }));
});
