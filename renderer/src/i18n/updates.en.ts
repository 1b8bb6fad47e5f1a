/** Releases and updates (issue 18): the desk's update banner and the admin's update settings. Mounted under `updates` in en.ts. */
const updatesEn = {
  banner: {
    available: 'Partner Desk {{version}} is available (you have {{running}}).',
    notes: 'What’s new',
    download: 'Download',
    downloading: 'Downloading {{version}}: {{percent}} %',
    cancel: 'Cancel download',
    downloaded:
      'Partner Desk {{version}} is ready. Restarting first sends (or pauses) the sync queue, then installs it.',
    restart: 'Restart to install',
    installing: 'Installing the update…',
    refused: 'Update refused: {{message}}',
    dismiss: 'Later',
  },
  desk: {
    title: 'Updates on this desk',
    running: 'Running version',
    channel: 'Channel',
    web: 'Updates are installed by the desktop app. This page is served by the server and always shows its version.',
    checkNow: 'Check for updates',
    checking: 'Checking…',
    upToDate: 'No update is offered for this desk.',
    lastCheck: 'Last check: {{time}}',
  },
  admin: {
    title: 'Desktop updates',
    description:
      'Releases published with “npm run cli -- release publish”. Desks download them from this server and install only what is signed with the release key below.',
    channel: 'Channel',
    channels: { stable: 'Stable', beta: 'Beta' },
    policy: 'What desks do with an update',
    policies: {
      automatic: 'Download by itself, then offer the restart',
      ask: 'Ask the user',
      never: 'Nothing (updates paused)',
    },
    pinned: 'Pinned version',
    pinnedHint:
      'Desks on this channel go to exactly this version, older or newer. Empty: the newest published version.',
    notPinned: 'Newest',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved and re-signed: desks see it at their next check.',
    releaseKey: 'Release public key (config.json updates.releaseKey on every desk)',
    noKey: 'No release published yet: the key is created with the first one.',
    releases: 'Published releases',
    noReleases: 'No release published on this channel.',
    cols: {
      version: 'Version',
      platform: 'Platform file',
      rollout: 'Rollout',
      served: 'Served',
      published: 'Published',
    },
    servedYes: 'Served',
    servedNo: '—',
    rolloutPercent: '{{percent}} %',
  },
};
export default updatesEn;
