"""The local stack: a real Kafka broker and a real Elasticsearch node, no Docker.

Both come as jars from Maven Central (``deploy/local/maven/*/pom.xml``) and run
as background JVMs with logs and pid files under ``.stack/``.
"""
