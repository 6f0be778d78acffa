// A test calls the helper with a double of `h` (through a path alias): it does not decide what `h` is.
const assert = require('node:assert');
const { sendToPermit } = require('lib/send-to-permit');

const toolkit = { redirect: (to) => ({ to, code: () => ({ to }) }) };
assert.deepStrictEqual(sendToPermit('7', { view: 'list' }, toolkit), { to: '/permits' });
