"""Serves APP_DIR/MODULE.py's `app` with Werkzeug on 127.0.0.1 (an ephemeral port); prints the port."""
import importlib
import sys

from werkzeug.serving import make_server

app_dir, module_name = sys.argv[1:3]
sys.path.insert(0, app_dir)
server = make_server("127.0.0.1", 0, importlib.import_module(module_name).app)
print(f"listening {server.server_port}", flush=True)
server.serve_forever()
