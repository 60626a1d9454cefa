#!/usr/bin/env bash
# Runs the Spark corpus application in local mode without a Spark installation: Spark comes from the Maven
# repository (the spark profile's "provided" dependencies), the master defaults to local[*].
#
#   scripts/spark-local.sh encode --checkpoint CK --ssc-out OUT --table codes.parquet AUDIO_DIR [--master local[4]]
#   scripts/spark-local.sh decode --checkpoint CK --table codes.parquet -o WAV_DIR
#
# On a cluster use spark-submit instead (README: "Encoding a corpus on Apache Spark").
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/soundstream-spark.jar ] || [ ! -f target/spark-classpath.txt ] \
   || [ -n "$(find src pom.xml -newer target/soundstream-spark.jar -print -quit)" ]; then
  mvn -B -q -Pspark package -DskipTests
  mvn -B -q -Pspark dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile=target/spark-classpath.txt
fi
# Spark reflects into these JDK packages on Java 17 (spark-submit adds the same options itself)
OPENS=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS="$OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done
# shellcheck disable=SC2086
exec java ${SOUNDSTREAM_SPARK_JAVA_OPTS:--Xmx8g} $OPENS -Dai.djl.offline=true \
  -cp "target/soundstream-spark.jar:target/soundstream.jar:$(cat target/spark-classpath.txt)" \
  io.github.soundstream.spark.SparkCorpusApp "$@"
