// electron-builder loads hooks as plain JavaScript; the hook itself is typed (after-pack.ts) and
// loaded through tsx, a devDependency present wherever installers are built.
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = tsxRequire('./after-pack.ts', __filename).default;
