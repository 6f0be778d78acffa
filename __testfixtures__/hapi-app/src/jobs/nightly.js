const { auditAndGo } = require('app/lib/audit');

module.exports = (toolkit) => auditAndGo('nightly', '/jobs', toolkit);
