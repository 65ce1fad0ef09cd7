#!/bin/sh
# One-shot, in the Elasticsearch image: a CA and certificates for Elasticsearch and Kibana
# (elasticsearch-certutil), into the `certs` volume. Idempotent: existing ones are kept.
#   ca/ca.crt                          public, readable by every client (they verify with it)
#   ca/ca.key                          root only; nothing at run time needs it
#   elasticsearch/*, kibana/*          the node's and Kibana's key pairs (uid 1000 only)
set -eu
certs=/usr/share/elasticsearch/config/certs
cd /usr/share/elasticsearch
if [ -f "$certs/elasticsearch/elasticsearch.crt" ] && [ -f "$certs/kibana/kibana.crt" ]; then
  echo "certificates exist"
  exit 0
fi
umask 022
bin/elasticsearch-certutil ca --silent --pem --out "$certs/ca.zip"
unzip -oq "$certs/ca.zip" -d "$certs"
cat >"$certs/instances.yml" <<YAML
instances:
  - name: elasticsearch
    dns: [elasticsearch, localhost]
    ip: [127.0.0.1]
  - name: kibana
    dns: [kibana, localhost]
    ip: [127.0.0.1]
YAML
bin/elasticsearch-certutil cert --silent --pem --in "$certs/instances.yml" \
  --ca-cert "$certs/ca/ca.crt" --ca-key "$certs/ca/ca.key" --out "$certs/certs.zip"
unzip -oq "$certs/certs.zip" -d "$certs"
rm -f "$certs/ca.zip" "$certs/certs.zip"
chown root:root "$certs/ca/ca.key" && chmod 600 "$certs/ca/ca.key"
chmod 755 "$certs" "$certs/ca" && chmod 644 "$certs/ca/ca.crt"
for name in elasticsearch kibana; do
  chown -R 1000:0 "$certs/$name"
  chmod 750 "$certs/$name"
  chmod 640 "$certs/$name/$name.key" "$certs/$name/$name.crt"
done
echo "certificates created"
