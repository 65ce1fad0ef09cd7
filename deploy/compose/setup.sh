#!/bin/sh
# One-shot setup for docker compose: topics, index templates and aliases, and the
# password Kibana logs in with. Every step is idempotent, so a rerun is harmless.
set -eu
claimwire stack topics
claimwire index setup
python - <<'PY'
import base64, json, os, urllib.request
auth = base64.b64encode(f"elastic:{os.environ['CLAIMWIRE_ES_PASSWORD']}".encode()).decode()
request = urllib.request.Request(
    os.environ["CLAIMWIRE_ES_URL"] + "/_security/user/kibana_system/_password",
    data=json.dumps({"password": os.environ["KIBANA_SYSTEM_PASSWORD"]}).encode(),
    headers={"Authorization": f"Basic {auth}", "Content-Type": "application/json"},
    method="POST",
)
urllib.request.urlopen(request, timeout=30)
print("kibana_system password set")
PY
