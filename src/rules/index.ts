/** The registry: adding a framework is adding its rule file and one line here. */
import { flaskRule } from './flask.js';
import { quartRule } from './quart.js';
import type { PythonRedirectRule } from './pythonRule.js';
import { werkzeugRule } from './werkzeug.js';

export const PYTHON_RULES: readonly PythonRedirectRule[] = [flaskRule, werkzeugRule, quartRule];
