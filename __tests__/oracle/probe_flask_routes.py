"""Asks a Flask app, through Flask's own test client, what each route answers.

Usage: probe_flask_routes.py APP_DIR MODULE FACTORY REQUESTS_JSON
REQUESTS_JSON is a list of [method, path, form_data]; prints a JSON list of
{method, path, status, location}.
"""
import importlib
import json
import sys

app_dir, module_name, factory_name, requests_json = sys.argv[1:5]
sys.path.insert(0, app_dir)
app = getattr(importlib.import_module(module_name), factory_name)()
app.testing = True

results = []
for method, path, data in json.loads(requests_json):
    response = app.test_client().open(path, method=method, data=data)
    results.append(
        {
            "method": method,
            "path": path,
            "status": response.status_code,
            "location": response.headers.get("Location"),
        }
    )
print(json.dumps(results))
