/** Desk ↔ server sync (issue 14): header bar, queue, join, sign-in to the server, settings. Mounted under `sync` in en.ts. */
const syncEn = {
  state: {
    online: 'Online',
    offline: 'Offline',
    signInNeeded: 'Sign-in needed',
    frozen: 'Frozen',
    syncing: 'Syncing…',
  },
  bar: {
    label: 'Server sync',
    pending: 'Pending: {{count}}',
    conflicts: 'Refused: {{count}}',
    lastSync: 'Last sync: {{time}}',
    never: 'Not synced yet',
    syncNow: 'Sync now',
    cancel: 'Cancel',
    signIn: 'Sign in to the server',
    queue: 'Sync queue',
    freezesIn: 'Changes stop in {{time}} unless this desk syncs',
    frozen: 'This desk has not synced for {{days}} days: changes are refused until it syncs.',
    countdown: '{{days}} d {{hours}} h {{minutes}} min',
    paused: 'Sync is paused. Press “Sync now” to resume.',
    firstSync: 'First full sync',
    pull: 'Downloading',
    push: 'Sending',
    progress: '{{done}} of {{total}}',
    progressUnknown: 'starting…',
    lastError: 'Last attempt: {{message}}',
  },
  signIn: {
    title: 'Sign in to the server',
    description:
      'The server ended this desk’s session. Enter your server password to sync again; this desk keeps working offline meanwhile.',
    password: 'Server password',
    submit: 'Sign in and sync',
    submitting: 'Signing in…',
    close: 'Close',
  },
  queue: {
    title: 'Sync queue',
    description:
      'Every change made on this desk, as the server decided it. A refused change is undone here; the server’s reason says why.',
    status: 'Status',
    empty: 'No changes made on this desk yet.',
    cols: {
      seq: 'No.',
      change: 'Change',
      status: 'Status',
      verdict: 'Server’s answer',
      time: 'Made on this desk',
      serverTime: 'Decided by the server',
      object: 'Object',
    },
    statuses: { pending: 'Pending', applied: 'Applied', conflict: 'Refused' },
    waiting: 'Waiting to be sent',
    appliedOk: 'Applied as made here',
    notHere: 'Not applied here now: {{message}}',
    open: 'Open',
    total_zero: '{{count}} changes',
    total_one: '{{count}} change',
    total_two: '{{count}} changes',
    total_few: '{{count}} changes',
    total_many: '{{count}} changes',
    total_other: '{{count}} changes',
  },
  join: {
    title: 'Join a server',
    description:
      'This desk is empty. Join your deployment’s Partner Desk server: your data comes from the server, you sign in with your server account, and you can work offline afterwards.',
    serverUrl: 'Server address',
    serverUrlHint: 'https://… as your administrator gave it (http:// only for a server on this machine).',
    fingerprint: 'Server certificate fingerprint (SHA-256)',
    fingerprintHint:
      'The 64 hexadecimal digits the server prints at start; colons are fine. This desk talks only to the server with this certificate.',
    login: 'Your server username or e-mail',
    password: 'Your server password',
    deskName: 'Name of this desk',
    deskNameHint: 'How the server lists this desk (for example “Registry office laptop”).',
    submit: 'Join the server',
    joining: 'Joining…',
    cancel: 'Cancel joining',
    cancelled: 'Joining was cancelled: this desk is empty again and can join later.',
    progress: 'Downloading the server’s data: {{done}} of {{total}}',
    progressUnknown: 'Signing in to the server…',
    codesTitle: 'What the sync errors mean',
    explain: 'What to do',
  },
  codes: {
    PD_SYNC_001:
      'The server does not know this desk for your account (it was removed, or the desk key is wrong). Join again from an empty desk.',
    PD_SYNC_002:
      'The server is missing earlier changes from this desk (it was restored from a backup). The desk sends them again by itself.',
    PD_SYNC_003:
      'Changes were sent that do not belong to this desk or its user. Only the user who joined the desk can make changes on it.',
    PD_SYNC_004:
      'This change can only be made on the server (for example the freeze setting or test roots); make it there.',
    PD_SYNC_005:
      'On a joined desk the server does this (registration, scheduled jobs, the MOSIP-signed certificate). Sync the desk to get the result.',
    PD_SYNC_006:
      'The desk stayed unsynced longer than the administrator allows. Connect to the network and press “Sync now”; changes work again after the sync.',
    PD_SYNC_007:
      'The server did not answer (network down, server stopped, wrong address or port). Nothing is lost: changes wait in the queue and go when the server is back.',
    PD_SYNC_008:
      'The server’s certificate is not the one whose fingerprint you entered, or a remote server was given without https and a fingerprint. Check the fingerprint with your administrator; never join a server you cannot verify.',
    PD_SYNC_009:
      'This desk is not joined to a server, or this Partner Desk cannot join one (the server itself, or a browser page of the server).',
    PD_SYNC_010:
      'Only a new, empty desk can join: this one already has an administrator or data. Use a fresh data folder.',
    PD_SYNC_011: 'The address answers, but it is not a Partner Desk server serving desks. Check the address.',
    PD_SYNC_012:
      'The server was restored to an earlier state. The desk downloads everything again; changes still pending are sent again.',
    PD_SYNC_013: 'The sync was cancelled on this desk. Nothing is lost; “Sync now” continues where it stopped.',
  },
  settings: {
    title: 'Settings',
    description: 'Settings of this deployment.',
    syncTitle: 'Desk sync',
    freezeDays: 'Days a desk may stay unsynced',
    freezeHint:
      '0 means never. Past this many days without a complete sync, a desk refuses new changes until it syncs (the registration client’s freeze).',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved: desks apply it at their next sync.',
    onDesk: 'This desk is joined to a server: the freeze is set there. This is the value of its last sync.',
  },
  apiKey: {
    offline:
      'This desk is joined to a server: the key works only once the server has accepted it. Until then, authentication services refuse it.',
    pending_zero: 'It has not reached the server yet: {{count}} changes are waiting to be sent (see the sync queue).',
    pending_one: 'It has not reached the server yet: {{count}} change is waiting to be sent (see the sync queue).',
    pending_two: 'It has not reached the server yet: {{count}} changes are waiting to be sent (see the sync queue).',
    pending_few: 'It has not reached the server yet: {{count}} changes are waiting to be sent (see the sync queue).',
    pending_many: 'It has not reached the server yet: {{count}} changes are waiting to be sent (see the sync queue).',
    pending_other: 'It has not reached the server yet: {{count}} changes are waiting to be sent (see the sync queue).',
  },
};

export default syncEn;
