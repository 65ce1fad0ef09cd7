#!/bin/sh
# Kafka for docker compose: KRaft combined mode, SASL/SCRAM-SHA-512 on both client
# listeners, PLAIN on the controller listener (KRaft keeps SCRAM credentials in the very
# metadata the controller serves), the StandardAuthorizer, and no access without an ACL.
# The broker's and the admin's SCRAM users are created when the storage is formatted;
# `claimwire stack kafka-setup` (the setup job) creates the services' users and ACLs.
# Passwords come from the environment (.env) and go only into files of mode 0600: the
# format step reads its arguments from a java @file, so none reaches a command line.
set -eu
: "${KAFKA_BROKER_PASSWORD:?}" "${KAFKA_CONTROLLER_PASSWORD:?}" "${KAFKA_ADMIN_PASSWORD:?}"
umask 077
home=${KAFKA_HOME:-/opt/kafka}
conf=${CLAIMWIRE_KAFKA_CONF_DIR:-/tmp/claimwire-kafka}
data=${CLAIMWIRE_KAFKA_DATA_DIR:-/var/lib/kafka/data}
scram=org.apache.kafka.common.security.scram.ScramLoginModule
plain=org.apache.kafka.common.security.plain.PlainLoginModule
mkdir -p "$conf"

cat >"$conf/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=kafka:9093
listeners=INTERNAL://:29092,EXTERNAL://:9092,CONTROLLER://:9093
advertised.listeners=INTERNAL://kafka:29092,EXTERNAL://localhost:9092
listener.security.protocol.map=INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=INTERNAL
controller.listener.names=CONTROLLER
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.internal.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.internal.scram-sha-512.sasl.jaas.config=$scram required username="claimwire-broker" password="$KAFKA_BROKER_PASSWORD";
listener.name.external.scram-sha-512.sasl.jaas.config=$scram required;
listener.name.controller.plain.sasl.jaas.config=$plain required username="claimwire-controller" password="$KAFKA_CONTROLLER_PASSWORD" user_claimwire-controller="$KAFKA_CONTROLLER_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:claimwire-broker;User:claimwire-controller;User:claimwire-admin
allow.everyone.if.no.acl.found=false
log.dirs=$data
num.partitions=6
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
message.max.bytes=10485760
PROPERTIES

# For the healthcheck: the admin's login, read from this file rather than an argument.
cat >"$conf/admin.properties" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$scram required username="claimwire-admin" password="$KAFKA_ADMIN_PASSWORD";
PROPERTIES

if [ ! -f "$data/meta.properties" ]; then
  cat >"$conf/format.args" <<ARGS
kafka.tools.StorageTool format
--cluster-id ${KAFKA_CLUSTER_ID:-nbsAJDGYQTSS6YCae7ONyQ}
--config $conf/server.properties
--standalone
--add-scram SCRAM-SHA-512=[name=claimwire-broker,password=$KAFKA_BROKER_PASSWORD]
--add-scram SCRAM-SHA-512=[name=claimwire-admin,password=$KAFKA_ADMIN_PASSWORD]
ARGS
  java -cp "$home/libs/*" "@$conf/format.args"
  rm -f "$conf/format.args"
fi
exec "$home/bin/kafka-server-start.sh" "$conf/server.properties"
